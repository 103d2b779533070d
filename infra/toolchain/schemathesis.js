'use strict';
// Schemathesis (PyPI) for the API fuzzing test (test/e2e/fuzz.e2e.spec.ts): a Python virtual environment in the
// cache, keyed by version, created with the machine's python3 and filled by pip from PyPI.
const fs = require('node:fs');
const path = require('node:path');
const { cacheRoot } = require('./cache');
const { run } = require('../lib/run');
const log = require('../lib/log');

const SCHEMATHESIS_VERSION = '4.32.5';

function home() {
  return path.join(cacheRoot(), `schemathesis-${SCHEMATHESIS_VERSION}`);
}

function binaryPath() {
  return path.join(home(), 'bin', 'schemathesis');
}

async function ensureSchemathesis() {
  const binary = binaryPath();
  if (fs.existsSync(binary)) return binary;
  const python = process.env.PYTHON ?? 'python3';
  // Built under a staging name and renamed into place only once pip succeeded, so a half-built venv is never
  // taken for a ready one.
  const staging = `${home()}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  log.step(`Installing schemathesis ${SCHEMATHESIS_VERSION} into a virtual environment → ${home()}`);
  const started = Date.now();
  const stop = log.heartbeat('pip install schemathesis');
  try {
    await makeVenv(python, staging);
    // The scripts pip writes carry the venv's path in their shebang: install into staging, then move and rewrite.
    await run(path.join(staging, 'bin', 'pip'), ['install', '-q', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      quiet: true,
    });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not install schemathesis (needs python3 with venv and PyPI): ${error.message}`);
  } finally {
    stop();
  }
  fs.rmSync(home(), { recursive: true, force: true });
  fs.renameSync(staging, home());
  relocate(staging, home());
  log.ok(`schemathesis ready in ${log.seconds(started)}: ${binary}`);
  return binary;
}

/**
 * `python3 -m venv`, installing Debian's python3-venv first when the interpreter lacks ensurepip (as root, or
 * through `sudo -n`), as the browser tests do for Chromium.
 */
async function makeVenv(python, dir) {
  try {
    await run(python, ['-m', 'venv', dir], { quiet: true });
    return;
  } catch (error) {
    if (process.platform !== 'linux') throw error;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  log.step('python3 cannot make a virtual environment: apt-get install python3-venv (once per machine)');
  const prefix = typeof process.getuid === 'function' && process.getuid() === 0 ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [update, ...updateArgs] = [...prefix, 'apt-get', 'update', '-qq'];
  await run(update, updateArgs, { env, quiet: true });
  const [install, ...installArgs] = [...prefix, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'python3-venv'];
  await run(install, installArgs, { env, quiet: true });
  await run(python, ['-m', 'venv', dir], { quiet: true });
}

/** Rewrites the staging path pip wrote into the venv's scripts (shebangs, activate) to the venv's final place. */
function relocate(from, to) {
  const bin = path.join(to, 'bin');
  for (const name of fs.readdirSync(bin)) {
    const file = path.join(bin, name);
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > 1_000_000) continue;
    const text = fs.readFileSync(file, 'latin1');
    if (text.includes(from)) fs.writeFileSync(file, text.split(from).join(to), { encoding: 'latin1', mode: stat.mode });
  }
  const cfg = path.join(to, 'pyvenv.cfg');
  if (fs.existsSync(cfg)) fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').split(from).join(to));
}

module.exports = { ensureSchemathesis, SCHEMATHESIS_VERSION };

if (require.main === module) {
  ensureSchemathesis().then(
    (p) => console.log(p),
    (e) => {
      log.fail(e.message);
      process.exit(1);
    },
  );
}
