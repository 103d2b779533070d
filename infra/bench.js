'use strict';
// `npm run bench [-- --quick | --products N | --only national]`: starts its own stack as `npm run dev` does — embedded PostgreSQL and
// the Temporal dev server (SQLite in WAL mode), both in a temporary directory, the built worker and API as
// processes — runs every benchmark phase against it, prints the table, writes bench-results/*.json, stops it all.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { ensureTemporalCli } = require('./toolchain/temporal-cli');
const log = require('./lib/log');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const settings = {
  products: option('--products', quick ? '100' : '1000'),
  concurrency: option('--concurrency', '16'),
  loadProducts: option('--load-products', quick ? '10000' : '100000'),
  open: option('--open', quick ? '1000' : '10000'),
  requests: option('--requests', quick ? '100' : '300'),
  nationalJourneys: option('--national-journeys', quick ? '10000' : '100000'),
  nationalCertified: option('--national-certified', quick ? '2000' : '20000'),
  only: option('--only', undefined),
};

/** The postmaster's pid (first line of postmaster.pid): its tree is every PostgreSQL process. */
const postmasterPid = (dataDir) => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

main(async () => {
  await ensureNodeModules();
  const cli = await ensureTemporalCli();
  log.step('Building (incremental)');
  await require('./build').build();
  const { startPostgres } = require('./postgres');
  const { startTemporalDevServer } = require('./temporal-server');
  const { startApp, waitForHttp, runCli } = require('./processes');
  const { freePort } = require('./lib/net');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-bench-'));
  fs.chmodSync(dir, 0o755);
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const pg = await startPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      database: 'ocop_bench',
      persistent: false,
      fast: true,
    });
    stops.push(pg.stop);
    const temporal = await startTemporalDevServer({
      cli,
      port: await freePort(),
      dbFile: path.join(dir, 'temporal.db'),
      headless: true,
      extraArgs: ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'],
    });
    stops.push(temporal.stop);
    const apiPort = await freePort();
    // The worker's /metrics (its workflow cache size, for P5's MB per cached workflow), on a port no other stack holds.
    const metricsPort = await freePort();
    const env = {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(apiPort),
      METRICS_PORT: String(metricsPort),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-jwt-secret-not-for-use',
      WEBHOOK_SECRET: 'bench-webhook-secret-not-for-use',
    };
    await runCli(['migrate'], env);
    await runCli(['seed-demo'], env);
    const quiet = (line) => process.env.OCOP_VERBOSE && console.log(line);
    // OCOP_BENCH_CPU_PROF=<dir>: the worker writes V8 CPU profiles there (main thread and workflow threads) when it stops.
    const profileDir = process.env.OCOP_BENCH_CPU_PROF && path.resolve(process.env.OCOP_BENCH_CPU_PROF);
    const nodeArgs = [
      ...(process.env.OCOP_BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ];
    const worker = startApp('worker', env, { log: quiet, nodeArgs });
    const api = startApp('api', env, { log: quiet });
    stops.push(api.stop, worker.stop);
    await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { isAlive: api.isAlive, timeoutMs: 120_000 });
    log.ok(`stack up: PostgreSQL, Temporal dev server (SQLite WAL), worker pid ${worker.process.pid}, API pid ${api.process.pid}`);

    const code = await new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'),
          'bench',
          '--products',
          settings.products,
          '--concurrency',
          settings.concurrency,
          '--load-products',
          settings.loadProducts,
          '--open',
          settings.open,
          '--requests',
          settings.requests,
          '--national-journeys',
          settings.nationalJourneys,
          '--national-certified',
          settings.nationalCertified,
          ...(settings.only ? ['--only', settings.only] : []),
        ],
        {
          cwd: ROOT,
          stdio: 'inherit',
          env: {
            ...process.env,
            ...env,
            OCOP_BENCH_API_URL: `http://127.0.0.1:${apiPort}`,
            OCOP_BENCH_WORKER_METRICS_URL: `http://127.0.0.1:${metricsPort}/metrics`,
            OCOP_BENCH_PIDS: `worker=${worker.process.pid},api=${api.process.pid}`,
            OCOP_BENCH_CPU_PIDS: `temporal=${temporal.process.pid},postgres=${postmasterPid(path.join(dir, 'pg'))}`,
            OCOP_BENCH_OUT: path.join(ROOT, 'bench-results'),
          },
        },
      );
      child.on('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`the benchmark exited with ${code}`);
    if (process.env.OCOP_BENCH_KEEP) {
      // For profiling (EXPLAIN ANALYZE, --cpu-prof): keep the stack up until Ctrl-C.
      console.log(
        `\nstack kept running (OCOP_BENCH_KEEP): DATABASE_URL=${pg.url} TEMPORAL_ADDRESS=${temporal.address} API http://127.0.0.1:${apiPort} — Ctrl-C stops it`,
      );
      await new Promise(() => undefined);
    }
  } finally {
    await stopAll();
  }
});
