'use strict';
// No import cycle anywhere: every .ts/.tsx file under apps, libs, workflows and activities, its imports (type-only
// ones too) resolved as the compiler resolves them (tsconfig.json paths included), then strongly connected
// components. Prints each cycle and exits 1 when there is one.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOTS = ['apps', 'libs', 'workflows', 'activities'];
const SKIP = new Set(['node_modules', 'dist', '.data']);

function sourceFiles(root, dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(root, relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.join(root, relative)] : [];
  });
}

function importGraph(root) {
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = ROOTS.filter((dir) => fs.existsSync(path.join(root, dir))).flatMap((dir) => sourceFiles(root, dir));
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((target) => target && known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file (or a file importing itself). */
function cycles(graph) {
  let index = 0;
  const indices = new Map();
  const lowlinks = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node), lowlinks.get(next)));
      } else if (onStack.has(next)) lowlinks.set(node, Math.min(lowlinks.get(node), indices.get(next)));
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

function importCycles(root) {
  return cycles(importGraph(root)).map((component) => component.map((file) => path.relative(root, file)));
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const found = importCycles(root);
  for (const component of found) console.error(`import cycle: ${component.join(' ⇄ ')}`);
  process.exit(found.length > 0 ? 1 : 0);
}

module.exports = { importCycles };
