'use strict';
// `npm run dev`: install what is missing, start PostgreSQL, Temporal, the worker and the API with demo data,
// print the URLs. Ctrl-C stops everything this started; data under .data/ survives for the next run.
const path = require('node:path');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { ensureTemporalCli } = require('./toolchain/temporal-cli');
const log = require('./lib/log');

const DATA = path.join(ROOT, '.data');
const port = (name, fallback) => Number(process.env[name] || fallback);

main(async () => {
  const started = Date.now();
  await ensureNodeModules();
  const ownTemporal = !process.env.TEMPORAL_ADDRESS;
  const cli = ownTemporal ? await ensureTemporalCli() : undefined;
  log.step('Building (incremental)');
  await require('./build').build();

  const { startPostgres } = require('./postgres');
  const { startTemporalDevServer } = require('./temporal-server');
  const { startApp, waitForHttp, runCli } = require('./processes');

  const running = [];
  let stopping = false;
  const stopAll = async (exitCode) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    for (const item of running.reverse()) {
      try {
        await item.stop();
        log.ok(`${item.name} stopped`);
      } catch (error) {
        log.warn(`${item.name}: ${error.message}`);
      }
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log.ok(`PostgreSQL: using DATABASE_URL (${new URL(databaseUrl).host})`);
  } else {
    const pg = await startPostgres({ dataDir: path.join(DATA, 'pg'), port: port('PG_PORT', 54329), database: 'ocop_flow' });
    running.push({ name: 'PostgreSQL', stop: pg.stop });
    databaseUrl = pg.url;
    log.ok(`PostgreSQL: ${databaseUrl} (data in .data/pg)`);
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = process.env.TEMPORAL_UI_URL;
  if (!ownTemporal) {
    log.ok(`Temporal: using TEMPORAL_ADDRESS (${temporalAddress})`);
  } else {
    const temporal = await startTemporalDevServer({
      cli,
      port: port('TEMPORAL_PORT', 7233),
      uiPort: port('TEMPORAL_UI_PORT', 8233),
      dbFile: path.join(DATA, 'temporal.db'),
      log: (line) => process.env.OCOP_VERBOSE && console.log(`[temporal] ${line}`),
    });
    running.push({ name: 'Temporal dev server', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
    log.ok(`Temporal dev server: ${temporalAddress} (history in .data/temporal.db)`);
  }

  const apiPort = port('PORT', 3000);
  const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, PORT: String(apiPort), NODE_ENV: process.env.NODE_ENV || 'development' };
  await runCli(['migrate'], env);
  await runCli(['seed-demo'], env);
  log.ok('Database migrated; Lào Cai 2021 demo data loaded');

  for (const name of ['worker', 'api']) {
    const app = startApp(name, env);
    running.push(app);
    app.process.on('exit', (code) => {
      if (!stopping) {
        log.fail(`${name} exited (${code}); stopping the rest`);
        void stopAll(1);
      }
    });
  }
  const api = running[running.length - 1];
  await waitForHttp(`http://localhost:${apiPort}/health`, { isAlive: api.isAlive, timeoutMs: 120_000 });

  const { DEMO_ORGANISATIONS } = require(path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'demo-data.js'));
  const { DEMO_USERS, DEMO_PASSWORD } = require(path.join(ROOT, 'dist', 'libs', 'identity', 'src', 'demo-users.js'));
  const users = DEMO_USERS.map((u) => `    ${u.username.padEnd(20)} ${u.role}${u.districtCode ? ` (${u.districtCode})` : u.agencyId ? ` (${u.agencyId})` : ''}`).join('\n');
  console.log(`
${log.bold('OCOP Flow is running')} (ready in ${log.seconds(started)}) — Ctrl-C stops everything.

  Web app            http://localhost:${apiPort}/app/   (log in as a demo user below)
  Certificate check  http://localhost:${apiPort}/app/verify
  API                http://localhost:${apiPort}
  OpenAPI docs       http://localhost:${apiPort}/docs
  Health             http://localhost:${apiPort}/health
  Temporal Web UI    ${temporalUi ?? '(external Temporal: use its own UI)'}
  Temporal address   ${temporalAddress}
  PostgreSQL         ${databaseUrl}

Demo users (password for all: ${DEMO_PASSWORD}):
${users}

Try it:
  TOKEN=$(curl -s -X POST http://localhost:${apiPort}/auth/login -H 'Content-Type: application/json' \\
    -d '{"username":"htx.bacha","password":"${DEMO_PASSWORD}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
  curl -s -X POST http://localhost:${apiPort}/products -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
    -d '{"organisationId":"${DEMO_ORGANISATIONS[0].id}","name":"Rượu mận Bắc Hà","productGroup":"do-uong","district":"bac-ha","cycleYear":${new Date().getUTCFullYear() + 1}}'
  ${cli ? `${cli} workflow list --address ${temporalAddress}` : 'temporal workflow list'}
`);
});
