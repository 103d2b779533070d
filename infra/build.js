'use strict';
// `npm run build`: compile to dist/ (incremental), rewrite path aliases in the output, and prebundle the
// workflow code so the worker starts without bundling. `--check` only type-checks everything, tests included.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
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
async function withBuildLock(fn) {
  const lock = path.join(ROOT, '.build.lock');
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8')) || 0;
      if (!isAlive(holder)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another build (pid ${holder}) has held ${lock} for 5 minutes`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function build() {
  return withBuildLock(buildUnlocked);
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
