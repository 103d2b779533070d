'use strict';
// `npm run dev`: install what is missing, start PostgreSQL, Temporal, the worker and the API with demo data,
// print the URLs. `npm run dev -- --cluster`: the production topology instead — a real Temporal cluster
// (go.temporal.io/server, four services) on PostgreSQL, two workers and two APIs. Workers and APIs that die are
// restarted with back-off; Ctrl-C (or SIGTERM to this process) stops everything this started, in order; data
// under .data/ survives for the next run.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { ensureTemporalCli } = require('./toolchain/temporal-cli');
const log = require('./lib/log');

const CLUSTER = process.argv.includes('--cluster');
const DATA = path.join(ROOT, '.data', ...(CLUSTER ? ['cluster'] : []));
const port = (name, fallback) => Number(process.env[name] || fallback);

// Everything started so far, stopped in reverse order. Installed first, so a signal during start-up stops what
// has started; a detached child never outlives us even when start-up fails.
const running = [];
let stopping = false;
async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const item of running.slice().reverse()) {
    try {
      await item.stop();
      log.ok(`${item.name} stopped`);
    } catch (error) {
      log.warn(`${item.name}: ${error.message}`);
    }
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('SIGHUP', () => void stopAll(0));
// Run through a shell that does not pass signals on, or left behind when the terminal's session ended, we would
// never hear the stop: a parent that is gone counts as one.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stopAll(0);
}, 1_000).unref();
process.on('exit', () => {
  for (const item of running) {
    if (item.pid?.()) {
      try {
        process.kill(item.pid(), 'SIGTERM');
      } catch {
        /* gone */
      }
    }
  }
});

main(async () => {
  try {
    await start();
  } catch (error) {
    log.fail(error.message);
    await stopAll(1);
  }
});

async function start() {
  const started = Date.now();
  await ensureNodeModules();
  const ownTemporal = !process.env.TEMPORAL_ADDRESS;
  const cli = ownTemporal || CLUSTER ? await ensureTemporalCli() : undefined;
  const binaries = CLUSTER && ownTemporal ? await require('./toolchain/temporal-server').ensureTemporalServer() : undefined;
  // OCOP_SKIP_BUILD=1 runs dist/ as it is: for a test that starts `npm run dev` beside processes already running
  // from dist/ (test/e2e/dev-supervision.e2e.spec.ts), which a rebuild would rewrite under their feet.
  if (process.env.OCOP_SKIP_BUILD === '1') log.ok('Build skipped (OCOP_SKIP_BUILD=1): running dist/ as it is');
  else {
    log.step('Building (incremental)');
    await require('./build').build();
  }

  const { startPostgres } = require('./postgres');
  const { startTemporalDevServer } = require('./temporal-server');
  const { superviseApp, waitForHttp, runCli } = require('./processes');
  const verbose = (prefix) => (line) => process.env.OCOP_VERBOSE && console.log(`[${prefix}] ${line}`);

  let databaseUrl = process.env.DATABASE_URL;
  let pg;
  if (databaseUrl) {
    log.ok(`PostgreSQL: using DATABASE_URL (${new URL(databaseUrl).host})`);
  } else {
    pg = await startPostgres({
      dataDir: path.join(DATA, 'pg'),
      port: port('PG_PORT', 54329),
      database: 'ocop_flow',
      log: verbose('postgres'),
    });
    running.push({ name: 'PostgreSQL', stop: pg.stop, pid: pg.pid });
    databaseUrl = pg.url;
    log.ok(
      `PostgreSQL: ${databaseUrl} (data in ${path.relative(ROOT, pg.dataDir).startsWith('..') ? pg.dataDir : path.relative(ROOT, pg.dataDir)})`,
    );
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = process.env.TEMPORAL_UI_URL;
  let topology = 'Temporal';
  if (!ownTemporal) {
    log.ok(`Temporal: using TEMPORAL_ADDRESS (${temporalAddress})`);
  } else if (CLUSTER) {
    const { startTemporalCluster, DEFAULT_PORTS } = require('./temporal-cluster');
    if (!pg)
      throw new Error(
        '--cluster keeps Temporal in the embedded PostgreSQL: unset DATABASE_URL (or point TEMPORAL_ADDRESS at your cluster)',
      );
    // TEMPORAL_PORT moves the frontend; the other services keep their distance from it.
    const shift = port('TEMPORAL_PORT', 7233) - 7233;
    const ports = Object.fromEntries(
      Object.entries(DEFAULT_PORTS).map(([service, p]) => [service, Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v + shift]))]),
    );
    log.step('Starting the Temporal cluster (frontend, history, matching, worker) on PostgreSQL');
    const cluster = await startTemporalCluster({
      binaries,
      cli,
      pg,
      configDir: path.join(DATA, 'temporal'),
      ports,
      uiPort: port('TEMPORAL_UI_PORT', 8233),
      log: verbose('temporal'),
    });
    running.push({ name: 'Temporal cluster', stop: cluster.stop, pid: () => cluster.pidOf('frontend') });
    temporalAddress = cluster.address;
    temporalUi = cluster.uiUrl;
    topology = `Temporal cluster ${require('./toolchain/temporal-server').TEMPORAL_SERVER_VERSION}`;
    log.ok(
      `Temporal cluster: frontend ${temporalAddress}, history ${ports.history.grpc}, matching ${ports.matching.grpc}, worker ${ports.worker.grpc} (4 history shards, persistence and visibility in PostgreSQL)`,
    );
  } else {
    const temporal = await startTemporalDevServer({
      cli,
      port: port('TEMPORAL_PORT', 7233),
      uiPort: port('TEMPORAL_UI_PORT', 8233),
      dbFile: path.join(DATA, 'temporal.db'),
      log: verbose('temporal'),
    });
    running.push({ name: 'Temporal dev server', stop: temporal.stop, pid: () => temporal.process.pid });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
    topology = 'Temporal dev server';
    log.ok(`Temporal dev server: ${temporalAddress} (history in .data/temporal.db)`);
  }

  const apiPort = port('PORT', 3000);
  const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, NODE_ENV: process.env.NODE_ENV || 'development' };
  await runCli(['migrate'], env);
  await runCli(['seed-demo'], env);
  log.ok('Database migrated; Lào Cai 2021 demo data loaded');

  // One worker and one API, or two of each in the cluster topology (the APIs on consecutive ports).
  const copies = CLUSTER ? 2 : 1;
  const apiPorts = Array.from({ length: copies }, (_, i) => apiPort + i);
  const apps = [];
  for (let i = 0; i < copies; i += 1) {
    const label = (name) => (copies > 1 ? `${name}-${i + 1}` : name);
    apps.push({
      kind: 'worker',
      app: superviseApp('worker', { ...env, METRICS_PORT: String(port('METRICS_PORT', 9464) + i) }, { prefix: label('worker') }),
    });
  }
  for (const [i, p] of apiPorts.entries()) {
    apps.push({ kind: 'api', app: superviseApp('api', { ...env, PORT: String(p) }, { prefix: copies > 1 ? `api-${i + 1}` : 'api' }) });
  }
  // Stopped in reverse: the APIs first, then the workers (after them Temporal, then PostgreSQL).
  for (const { app } of apps) running.push({ name: app.prefix, stop: app.stop, pid: () => app.process.pid });
  for (const p of apiPorts) await waitForHttp(`http://localhost:${p}/health`, { timeoutMs: 180_000 });

  const { DEMO_ORGANISATIONS } = require(path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'demo-data.js'));
  const { DEMO_USERS, DEMO_PASSWORD } = require(path.join(ROOT, 'dist', 'libs', 'identity', 'src', 'demo-users.js'));
  const users = DEMO_USERS.map(
    (u) => `    ${u.username.padEnd(20)} ${u.role}${u.districtCode ? ` (${u.districtCode})` : u.agencyId ? ` (${u.agencyId})` : ''}`,
  ).join('\n');
  const workerMetrics = apps.filter((a) => a.kind === 'worker').map((_, i) => `http://localhost:${port('METRICS_PORT', 9464) + i}/metrics`);
  console.log(`
${log.bold(`OCOP Flow is running${CLUSTER ? ' — cluster topology' : ''}`)} (ready in ${log.seconds(started)}) — Ctrl-C stops everything.

  Web app            ${apiPorts.map((p) => `http://localhost:${p}/app/`).join('  ')}   (log in as a demo user below)
  Certificate check  http://localhost:${apiPort}/app/verify
  API                ${apiPorts.map((p) => `http://localhost:${p}`).join('  ')}${copies > 1 ? '   (two API processes: put a load balancer in front in production)' : ''}
  OpenAPI docs       http://localhost:${apiPort}/docs
  Health             ${apiPorts.map((p) => `http://localhost:${p}/health`).join('  ')}
  Metrics            ${[...apiPorts.map((p) => `http://localhost:${p}/metrics`), ...workerMetrics].join('  ')}
  Temporal Web UI    ${temporalUi ?? '(external Temporal: use its own UI)'}
  Temporal address   ${temporalAddress} (${topology})
  PostgreSQL         ${databaseUrl}
  Workers            ${copies} (restarted with back-off if they die)

Demo users (password for all: ${DEMO_PASSWORD}):
${users}

Try it:
  TOKEN=$(curl -s -X POST http://localhost:${apiPort}/auth/login -H 'Content-Type: application/json' \\
    -d '{"username":"htx.bacha","password":"${DEMO_PASSWORD}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
  curl -s -X POST http://localhost:${apiPort}/products -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
    -d '{"organisationId":"${DEMO_ORGANISATIONS[0].id}","name":"Rượu mận Bắc Hà","productGroup":"do-uong","district":"bac-ha","cycleYear":${new Date().getUTCFullYear() + 1}}'
  ${cli ? `${cli} workflow list --address ${temporalAddress}` : 'temporal workflow list'}
`);
}
