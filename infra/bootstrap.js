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

function lockHash() {
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(ROOT, 'package-lock.json'))).update(fs.readFileSync(path.join(ROOT, 'package.json'))).digest('hex');
}

/** `npm ci` when node_modules is missing or was installed from another lock file. */
async function ensureNodeModules() {
  const wanted = lockHash();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === wanted) return;
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

/** Runs `fn`; on failure prints the message and exits non-zero (scripts are entry points). */
function main(fn) {
  fn().catch((error) => {
    log.fail(error && error.message ? error.message : String(error));
    process.exit(typeof error?.exitCode === 'number' && error.exitCode > 0 ? error.exitCode : 1);
  });
}

module.exports = { ROOT, ensureNodeModules, main };
