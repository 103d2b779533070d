'use strict';
// The real `temporal` CLI (dev server + Web UI). Order of preference: $TEMPORAL_CLI, `temporal` on PATH,
// our cached build, else `go install` it into the cache (a few minutes, once per machine).
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { cacheRoot } = require('./cache');
const { run } = require('../lib/run');
const log = require('../lib/log');

const TEMPORAL_CLI_VERSION = 'v1.5.1'; // the newest tag whose go.mod has no `replace` directive
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

function cachedBinary() {
  return path.join(cacheRoot(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function onPath() {
  try {
    return execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Returns the path of a usable `temporal` binary without building anything, or undefined. */
function findTemporalCli() {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const found = onPath();
  if (found) return found;
  return fs.existsSync(cachedBinary()) ? cachedBinary() : undefined;
}

async function ensureTemporalCli() {
  const existing = findTemporalCli();
  if (existing) return existing;

  const target = cachedBinary();
  const binDir = path.dirname(target);
  fs.mkdirSync(binDir, { recursive: true });
  log.step(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with \`go install\` (once per machine, a few minutes) → ${binDir}`);
  const started = Date.now();
  let downloaded = 0;
  let compiled = 0;
  const stop = log.heartbeat(`go install ${MODULE}@${TEMPORAL_CLI_VERSION}`, 15_000);
  try {
    // Build in a temporary, per-version directory and rename at the end, so an interrupted build never
    // leaves a half-written binary that later runs would trust.
    const staging = fs.mkdtempSync(path.join(binDir, '.staging-'));
    await run('go', ['install', '-v', `${MODULE}@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS || '-mod=mod' },
      cwd: binDir,
      onLine: (line) => {
        if (line.startsWith('go: downloading')) {
          downloaded += 1;
          if (downloaded % 25 === 0) console.log(log.dim(`  … downloaded ${downloaded} Go modules`));
        } else if (!line.startsWith('go: ') && /^[\w.\-/]+$/.test(line)) {
          // `go install -v` prints each package as it compiles.
          compiled += 1;
          if (compiled % 100 === 0) console.log(log.dim(`  … compiled ${compiled} packages`));
        }
      },
    });
    fs.renameSync(path.join(staging, 'temporal'), target);
    fs.rmSync(staging, { recursive: true, force: true });
  } finally {
    stop();
  }
  log.ok(`Temporal CLI built in ${log.seconds(started)}: ${target}`);
  return target;
}

module.exports = { ensureTemporalCli, findTemporalCli, TEMPORAL_CLI_VERSION };

if (require.main === module) {
  ensureTemporalCli().then(
    (p) => console.log(p),
    (e) => {
      log.fail(e.message);
      process.exit(1);
    },
  );
}
