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
  await run(bin('tsc'), ['-p', path.join('apps', 'web', 'tsconfig.json')], { cwd: ROOT });
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
  // Two bundles of the same workflows: the plain one, and one with OpenTelemetry's workflow interceptors that a
  // worker with OTEL_EXPORTER_OTLP_ENDPOINT set loads instead (about 2 s each).
  for (const traced of [false, true]) {
    const { code } = await bundleWorkflows(ROOT, undefined, { traced });
    fs.writeFileSync(prebuiltBundlePath(ROOT, { traced }), code);
  }
  await buildWeb();
  log.ok(`built dist/, the workflow bundle and the web app in ${log.seconds(started)}`);
}

/** The web app (apps/web, React + Vite) into dist/web, which the API serves under /app; skipped when unchanged. */
async function buildWeb() {
  const stamp = path.join(ROOT, 'dist', 'web', '.source-hash');
  const hash = sourceHash([
    path.join(ROOT, 'apps', 'web'),
    path.join(ROOT, 'libs', 'domain', 'data'),
    path.join(ROOT, 'package-lock.json'),
  ]);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  await run(bin('vite'), ['build', '--config', path.join('apps', 'web', 'vite.config.mjs')], { cwd: ROOT });
  fs.writeFileSync(stamp, hash);
}

function sourceHash(roots) {
  const hash = require('node:crypto').createHash('sha256');
  const visit = (entry) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry).sort()) if (name !== 'node_modules' && name !== 'dist') visit(path.join(entry, name));
    } else {
      hash.update(path.relative(ROOT, entry)).update(fs.readFileSync(entry));
    }
  };
  for (const root of roots) if (fs.existsSync(root)) visit(root);
  return hash.digest('hex');
}

if (require.main === module) {
  main(async () => {
    await ensureNodeModules();
    if (process.argv.includes('--check')) await typecheck();
    else await build();
  });
}

module.exports = { build, typecheck };
