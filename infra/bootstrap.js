'use strict';
// Installs what is missing before anything else runs: npm packages (from the committed lock file) and the
// toolchain. Uses Node built-ins only, since it runs before node_modules exists.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./lib/run');
const log = require('./lib/log');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(ROOT, 'node_modules', '.ocop-lock-hash');

/** What the installed tree depends on: the lock file and the dependency fields (not, say, the scripts). */
function lockHash() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const relevant = JSON.stringify([manifest.dependencies, manifest.devDependencies, manifest.allowScripts, manifest.overrides]);
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(ROOT, 'package-lock.json')))
    .update(relevant)
    .digest('hex');
}

/** `npm ci` when node_modules is missing or was installed from another lock file. */
async function ensureNodeModules() {
  const wanted = lockHash();
  const installed = () => fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === wanted;
  if (installed()) return;
  // One install at a time per clone: `npm run dev` and `npm test` started together must not both run `npm ci`.
  await withLock(path.join(ROOT, '.install.lock'), async () => {
    if (!installed()) await install(wanted);
  });
}

async function install(wanted) {
  log.step('Installing npm packages from package-lock.json (npm ci)');
  const started = Date.now();
  const stop = log.heartbeat('npm ci');
  try {
    await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT });
  } finally {
    stop();
  }
  fs.writeFileSync(STAMP, wanted);
  log.ok(`npm packages installed in ${log.seconds(started)}`);
}

/** Runs `fn` holding a lock file (created exclusively; taken over if its holder died). */
async function withLock(lock, fn, { timeoutMs = 10 * 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8')) || 0;
      if (!isAlive(holder)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another process (pid ${holder}) has held ${lock} for too long`);
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

/** Runs `fn`; on failure prints the message and exits non-zero (scripts are entry points). */
function main(fn) {
  fn().catch((error) => {
    log.fail(error && error.message ? error.message : String(error));
    process.exit(typeof error?.exitCode === 'number' && error.exitCode > 0 ? error.exitCode : 1);
  });
}

module.exports = { ROOT, ensureNodeModules, main, withLock };
