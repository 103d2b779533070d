'use strict';
// `npm run build`: compile to dist/ (incremental), rewrite path aliases in the output, and prebundle the
// workflow code so the worker starts without bundling. `--check` only type-checks everything, tests included.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ensureNodeModules, main, withLock } = require('./bootstrap');
const { run } = require('./lib/run');
const log = require('./lib/log');

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

async function typecheck() {
  const started = Date.now();
  await run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT });
  log.ok(`type-checked in ${log.seconds(started)}`);
}

/**
 * One build at a time per clone: `npm run dev` and `npm test` (or two test runs) may start together, and two
 * compilers writing dist/ at once would leave it half one, half the other.
 */
async function build() {
  return withLock(path.join(ROOT, '.build.lock'), buildUnlocked);
}

async function buildUnlocked() {
  const started = Date.now();
  await run(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: ROOT });
  await run(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: ROOT });
  const { bundleWorkflows, prebuiltBundlePath } = require(path.join(ROOT, 'dist', 'libs', 'temporal', 'src', 'workflow-bundle.js'));
  const { code } = await bundleWorkflows(ROOT);
  fs.writeFileSync(prebuiltBundlePath(ROOT), code);
  log.ok(`built dist/ and the workflow bundle in ${log.seconds(started)}`);
}

if (require.main === module) {
  main(async () => {
    await ensureNodeModules();
    if (process.argv.includes('--check')) await typecheck();
    else await build();
  });
}

module.exports = { build, typecheck };
