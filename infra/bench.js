'use strict';
// `npm run bench [-- --quick | --products N | --only national|p1 | --cluster]`: starts its own stack as `npm run dev` does —
// embedded PostgreSQL and the Temporal dev server (SQLite in WAL mode), both in a temporary directory, the built worker
// and API as processes — runs every benchmark phase against it, prints the table, writes bench-results/*.json, stops
// it all. `--cluster`: the production topology as `npm run dev -- --cluster` starts it (a Temporal cluster of four
// services on the same PostgreSQL) with two workers, and only P1 and its baseline (`--only p1`) on it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, ensureNodeModules, main } = require('./bootstrap');
const { ensureTemporalCli } = require('./toolchain/temporal-cli');
const log = require('./lib/log');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const cluster = args.includes('--cluster');
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
  only: option('--only', cluster ? 'p1' : undefined),
};

/** The postmaster's pid (first line of postmaster.pid): its tree is every PostgreSQL process. */
const postmasterPid = (dataDir) => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

/**
 * Temporal for the run: the dev server, or the cluster (its four services on `pg`, ports of their own, no UI). Resolves
 * to its address, `stop()`, and its processes by name for the CPU split.
 */
async function startTemporal({ cli, pg, dir, log }) {
  const { freePort } = require('./lib/net');
  if (cluster) {
    const { startTemporalCluster, freeServicePorts } = require('./temporal-cluster');
    const { ensureTemporalServer } = require('./toolchain/temporal-server');
    const temporal = await startTemporalCluster({
      binaries: await ensureTemporalServer(),
      cli,
      pg,
      configDir: path.join(dir, 'temporal'),
      ports: await freeServicePorts(),
      log,
    });
    const cpuPids = Object.fromEntries(temporal.services.map((service) => [`temporal-${service}`, temporal.pidOf(service)]));
    return { address: temporal.address, stop: temporal.stop, cpuPids, label: 'Temporal cluster (4 services on PostgreSQL)' };
  }
  const { startTemporalDevServer } = require('./temporal-server');
  const temporal = await startTemporalDevServer({
    cli,
    port: await freePort(),
    dbFile: path.join(dir, 'temporal.db'),
    headless: true,
    extraArgs: ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'],
  });
  return {
    address: temporal.address,
    stop: temporal.stop,
    cpuPids: { temporal: temporal.process.pid },
    label: 'Temporal dev server (SQLite WAL)',
  };
}

main(async () => {
  await ensureNodeModules();
  const cli = await ensureTemporalCli();
  log.step('Building (incremental)');
  await require('./build').build();
  const { startPostgres } = require('./postgres');
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
    const quiet = (line) => process.env.OCOP_VERBOSE && console.log(line);
    const temporal = await startTemporal({ cli, pg, dir, log: quiet });
    stops.push(temporal.stop);
    const apiPort = await freePort();
    // The workers' /metrics (the cache size, for P5's MB per cached workflow), on ports no other stack holds.
    const workerCount = cluster ? 2 : 1;
    const metricsPorts = [];
    for (let i = 0; i < workerCount; i += 1) metricsPorts.push(await freePort());
    const env = {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(apiPort),
      METRICS_PORT: String(metricsPorts[0]),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'bench-jwt-secret-not-for-use',
      WEBHOOK_SECRET: 'bench-webhook-secret-not-for-use',
    };
    await runCli(['migrate'], env);
    await runCli(['seed-demo'], env);
    // OCOP_BENCH_CPU_PROF=<dir>: the worker writes V8 CPU profiles there (main thread and workflow threads) when it stops.
    const profileDir = process.env.OCOP_BENCH_CPU_PROF && path.resolve(process.env.OCOP_BENCH_CPU_PROF);
    const nodeArgs = [
      ...(process.env.OCOP_BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ];
    // One worker is `worker` (as the report has always named it); two are worker-1 and worker-2.
    const workers = metricsPorts.map((metricsPort, i) => {
      const name = workerCount > 1 ? `worker-${i + 1}` : 'worker';
      return { name, app: startApp('worker', { ...env, METRICS_PORT: String(metricsPort) }, { log: quiet, nodeArgs, prefix: name }) };
    });
    const api = startApp('api', env, { log: quiet });
    stops.push(api.stop, ...workers.map((w) => w.app.stop));
    await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { isAlive: api.isAlive, timeoutMs: 120_000 });
    const pids = [...workers.map((w) => `${w.name}=${w.app.process.pid}`), `api=${api.process.pid}`].join(',');
    log.ok(`stack up: PostgreSQL, ${temporal.label}, ${pids.replace(/=/g, ' pid ').replace(/,/g, ', ')}`);

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
            // P5's cache figures read the first worker's (P5 runs on the dev server's single worker).
            OCOP_BENCH_WORKER_METRICS_URL: `http://127.0.0.1:${metricsPorts[0]}/metrics`,
            OCOP_BENCH_PIDS: pids,
            OCOP_BENCH_CPU_PIDS: Object.entries({ ...temporal.cpuPids, postgres: postmasterPid(path.join(dir, 'pg')) })
              .map(([name, pid]) => `${name}=${pid}`)
              .join(','),
            OCOP_BENCH_ENGINE: cluster ? 'cluster' : 'dev-server',
            OCOP_BENCH_WORKERS: String(workerCount),
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
