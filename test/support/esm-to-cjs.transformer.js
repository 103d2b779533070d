'use strict';
// NestJS 12 and a few of its dependencies ship as ES modules only. Node 20 can require() them, but Jest's own
// module loader can do so only from Node 24.9. For tests alone, this transformer compiles those packages to
// CommonJS with TypeScript (already a dependency), mapping the two import.meta uses they make.
const crypto = require('node:crypto');
const ts = require('typescript');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const IMPORT_META_RESOLVE = /\bimport\.meta\.resolve\(/g;
// `const require = createRequire(import.meta.url)` rebuilds what CommonJS already has, and would clash with it.
const OWN_REQUIRE = /^\s*const require = (?:\w+\.)?createRequire\(import\.meta\.url\);?\s*$/gm;

module.exports = {
  getCacheKey(source, path) {
    return crypto.createHash('sha1').update('esm-to-cjs-v2').update(ts.version).update(path).update(source).digest('hex');
  },
  process(source, path) {
    const rewritten = source
      .replace(OWN_REQUIRE, '')
      .replace(IMPORT_META_URL, "require('node:url').pathToFileURL(__filename).href")
      .replace(IMPORT_META_RESOLVE, 'require.resolve(');
    const { outputText, sourceMapText } = ts.transpileModule(rewritten, {
      fileName: path,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: true,
        inlineSources: false,
      },
    });
    return { code: outputText, map: sourceMapText };
  },
};
