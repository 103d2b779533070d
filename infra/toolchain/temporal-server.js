'use strict';
// The real Temporal server (not the dev server) for the cluster topology: `go.temporal.io/server` built from the Go
// module proxy — the server, its SQL schema tool — and the Temporal Web UI server, cached under
// ~/.cache/ocop-flow/<name>-<version>/ with the PostgreSQL schema files the schema tool applies.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { cacheRoot } = require('./cache');
const { run } = require('../lib/run');
const log = require('../lib/log');

// v1.30.8: the newest v1.30 patch whose go.mod asks for a Go this machine has (v1.30.9 wants go ≥ 1.26.10).
const TEMPORAL_SERVER_VERSION = 'v1.30.8';
const SERVER_MODULE = 'go.temporal.io/server';
// The UI server the CLI v1.5.1 embeds (same version), built on its own so it can point at any frontend.
const UI_SERVER_VERSION = 'v2.42.1';
const UI_MODULE = 'github.com/temporalio/ui-server/v2';

const serverDir = () => path.join(cacheRoot(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
const uiDir = () => path.join(cacheRoot(), `temporal-ui-server-${UI_SERVER_VERSION}`);

/** Where each piece lives once installed. */
function serverPaths() {
  const dir = serverDir();
  return {
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    schemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
    ui: path.join(uiDir(), 'temporal-ui-server'),
  };
}

function installed(paths) {
  return [
    paths.server,
    paths.sqlTool,
    paths.ui,
    path.join(paths.schemaDir, 'temporal', 'versioned'),
    path.join(paths.schemaDir, 'visibility', 'versioned'),
  ].every((p) => fs.existsSync(p));
}

/** Builds what is missing (once per machine, a few minutes) and returns the paths. */
async function ensureTemporalServer() {
  const paths = serverPaths();
  if (installed(paths)) return paths;
  const { withLock } = require('../bootstrap');
  fs.mkdirSync(cacheRoot(), { recursive: true });
  // One build per machine at a time: two clones' `npm test` started together must not both compile.
  await withLock(
    path.join(cacheRoot(), `.temporal-server-${TEMPORAL_SERVER_VERSION}.lock`),
    async () => {
      if (!fs.existsSync(paths.server) || !fs.existsSync(paths.sqlTool)) {
        await goInstall(
          serverDir(),
          [`${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`],
          {
            server: paths.server,
            sql: paths.sqlTool,
          },
        );
      }
      if (!fs.existsSync(path.join(paths.schemaDir, 'visibility', 'versioned'))) copySchema(paths.schemaDir);
      if (!fs.existsSync(paths.ui)) await goInstall(uiDir(), [`${UI_MODULE}/cmd/server@${UI_SERVER_VERSION}`], { server: paths.ui });
    },
    { timeoutMs: 30 * 60_000 },
  );
  return paths;
}

/** `go install` into a staging directory, then renames the binaries into place (never a half-written binary). */
async function goInstall(dir, packages, rename) {
  fs.mkdirSync(dir, { recursive: true });
  log.step(`Building ${packages.join(' and ')} with \`go install\` (once per machine, a few minutes) → ${dir}`);
  const started = Date.now();
  let downloaded = 0;
  let compiled = 0;
  const stop = log.heartbeat(`go install ${packages.map((p) => p.split('/').slice(-2).join('/')).join(' ')}`, 15_000);
  const staging = fs.mkdtempSync(path.join(dir, '.staging-'));
  try {
    await run('go', ['install', '-v', ...packages], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS || '-mod=mod' },
      cwd: dir,
      onLine: (line) => {
        if (line.startsWith('go: downloading')) {
          downloaded += 1;
          if (downloaded % 25 === 0) console.log(log.dim(`  … downloaded ${downloaded} Go modules`));
        } else if (!line.startsWith('go: ') && /^[\w.\-/]+$/.test(line)) {
          compiled += 1;
          if (compiled % 100 === 0) console.log(log.dim(`  … compiled ${compiled} packages`));
        }
      },
    });
    for (const [built, target] of Object.entries(rename)) fs.renameSync(path.join(staging, built), target);
  } finally {
    stop();
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log.ok(`built in ${log.seconds(started)}: ${Object.values(rename).join(', ')}`);
}

/** The schema tool applies the module's versioned SQL files; they are copied from the Go module cache. */
function copySchema(target) {
  const modCache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const source = path.join(modCache, `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!fs.existsSync(source))
    throw new Error(
      `the schema files are not in the Go module cache (${source}); run \`go mod download ${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}\``,
    );
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(source, target, { recursive: true });
  // Files in the module cache are read-only; the copy must stay removable.
  for (const entry of fs.readdirSync(target, { recursive: true }))
    fs.chmodSync(path.join(target, entry), fs.statSync(path.join(target, entry)).isDirectory() ? 0o755 : 0o644);
  fs.chmodSync(target, 0o755);
}

module.exports = { ensureTemporalServer, serverPaths, TEMPORAL_SERVER_VERSION, UI_SERVER_VERSION };

if (require.main === module) {
  ensureTemporalServer().then(
    (p) => console.log(JSON.stringify(p, null, 2)),
    (e) => {
      log.fail(e.message);
      process.exit(1);
    },
  );
}
