import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, validateEnvironment } from '@ocop/config';
import { DEMO_PASSWORD, IdentityStore, loadDemoUsers } from '@ocop/identity';
import { localDayOf } from '@ocop/domain';
import { createProjections, dataSourceOptions, EventRecorder, EventStore, ProjectionRebuilder, runMigrations } from '@ocop/persistence';
import { Client, Connection } from '@temporalio/client';
import { temporalConnectionOptions } from '@ocop/temporal';
import { loadDemoData } from './demo-data';
import { certificateDocument } from '@ocop/certificates';
import { simulateCycle } from './simulate-cycle';
import { simulateNationalYear } from './national/simulate-national';
import { pastYearsArg } from './national/national-args';
import { runBench } from './bench/run-bench';
import { engineOf, onlyArg, pidsOf } from './bench/bench-args';

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive integer`);
    process.exit(2);
  }
  return value;
}

const USAGE = `usage: ocop <command>
  migrate     apply pending database migrations
  seed-demo   load the Lào Cai 2021 demo organisations and demo users (idempotent)
  rebuild     drop the read models and replay the whole event log into them
  simulate    run a whole Lào Cai cycle on the Temporal server with a compressed calendar
              [--products N (36)] [--year Y (2021)] [--day-ms MS (1000)]
  simulate --national   a national year over HTTP against the running API (OCOP_API_URL, else PORT on 127.0.0.1):
              every province of the 2025 map, its own people and cycle, through to the central session's 5★
              [--provinces N (34)] [--per-province N (3)] [--year Y (this year, QĐ 1489/2025)]
              [--past Y:RULESET,… (Y-2 and Y-4 under the rule set of their year)] [--day-ms MS (1000)] [--concurrency C (6)]
              (the admin logs in as OCOP_ADMIN_USERNAME / OCOP_ADMIN_PASSWORD, the demo admin by default)
  certificate <number>  print the printable certificate (HTML, with its QR code) to stdout
  bench       the benchmarks against the running stack (use \`npm run bench\`, which starts its own)
              [--products N (1000)] [--concurrency C (16)] [--load-products N (100000)] [--open N (10000)]
              [--national-journeys N (100000)] [--national-certified N (20000)] [--only national|p1]`;

async function main(command: string | undefined): Promise<void> {
  const env = validateEnvironment(process.env);
  switch (command) {
    case 'migrate': {
      const applied = await runMigrations(env.DATABASE_URL);
      console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
      return;
    }
    case 'seed-demo': {
      const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
      try {
        const added = await loadDemoData(dataSource);
        const users = await loadDemoUsers(
          new IdentityStore(dataSource, new EventRecorder(dataSource, new EventStore(), createProjections())),
        );
        console.log(`demo data loaded (${added} new organisations, ${users} new users)`);
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'rebuild': {
      const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
      const started = Date.now();
      try {
        const tty = process.stdout.isTTY;
        const result = await new ProjectionRebuilder(dataSource, new EventStore(), createProjections()).rebuild({
          onProgress: ({ applied, total }) => {
            const line = `rebuilding read models: ${applied}/${total} events (${total ? Math.floor((applied * 100) / total) : 100}%)`;
            if (tty) process.stdout.write(`\r${line}`);
            else console.log(line);
          },
        });
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `${tty ? '\n' : ''}read models rebuilt from ${result.applied} events in ${seconds.toFixed(1)} s (${Math.round(result.applied / Math.max(seconds, 0.001))} events/s)`,
        );
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'simulate': {
      if (process.argv.includes('--national')) {
        const year = numberArg('--year', localDayOf(new Date()).year);
        const report = await simulateNationalYear({
          apiUrl: process.env.OCOP_API_URL ?? `http://127.0.0.1:${env.PORT}`,
          admin: { username: process.env.OCOP_ADMIN_USERNAME ?? 'admin', password: process.env.OCOP_ADMIN_PASSWORD ?? DEMO_PASSWORD },
          provinces: numberArg('--provinces', 34),
          perProvince: numberArg('--per-province', 3),
          current: { year, ruleSet: 'QD1489-2025' },
          past: pastYearsArg(process.argv, year),
          dayMs: numberArg('--day-ms', 1000),
          concurrency: numberArg('--concurrency', 6),
          log: (line) => console.log(`[simulate] ${line}`),
        });
        console.log(JSON.stringify(report, null, 2));
        console.log(
          report.ok
            ? `national simulation ${report.runId}: everything as expected (${report.seconds.toFixed(1)} s)`
            : `national simulation ${report.runId}: MISMATCH between expected and actual:\n${report.mismatches.map((m) => `  - ${m}`).join('\n')}`,
        );
        if (!report.ok) process.exitCode = 1;
        return;
      }
      const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
      const connection = await Connection.connect(temporalConnectionOptions(env));
      try {
        const report = await simulateCycle(new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }), dataSource, {
          products: numberArg('--products', 36),
          year: numberArg('--year', 2021),
          dayMs: numberArg('--day-ms', 1000),
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          log: (line) => console.log(`[simulate] ${line}`),
        });
        console.log(JSON.stringify(report, null, 2));
        console.log(
          report.ok
            ? `simulation ${report.runId}: everything as expected (${report.seconds.toFixed(1)} s)`
            : `simulation ${report.runId}: MISMATCH between expected and actual`,
        );
        if (!report.ok) process.exitCode = 1;
      } finally {
        await connection.close();
        await dataSource.destroy();
      }
      return;
    }
    case 'bench': {
      // Read before connecting: a mistyped phase is said at once, not after a connection that then has to close.
      const only = onlyArg(process.argv);
      const engine = engineOf(process.env);
      const dataSource = await new DataSource({ ...dataSourceOptions(env.DATABASE_URL), extra: { max: 20 } }).initialize();
      const connection = await Connection.connect(temporalConnectionOptions(env));
      try {
        const pids = pidsOf(process.env.OCOP_BENCH_PIDS);
        const cpuPids = { ...pids, ...pidsOf(process.env.OCOP_BENCH_CPU_PIDS) };
        await runBench({
          client: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
          db: dataSource,
          address: env.TEMPORAL_ADDRESS,
          namespace: env.TEMPORAL_NAMESPACE,
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          apiUrl: process.env.OCOP_BENCH_API_URL ?? `http://127.0.0.1:${env.PORT}`,
          workerMetricsUrl: process.env.OCOP_BENCH_WORKER_METRICS_URL,
          products: numberArg('--products', 1000),
          concurrency: numberArg('--concurrency', 16),
          loadProducts: numberArg('--load-products', 100_000),
          openJourneys: numberArg('--open', 10_000),
          progressRequests: numberArg('--requests', 200),
          nationalJourneys: numberArg('--national-journeys', 100_000),
          nationalCertified: numberArg('--national-certified', 20_000),
          ...(only ? { only } : {}),
          engine,
          pids,
          cpuPids,
          outDir: process.env.OCOP_BENCH_OUT ?? 'bench-results',
          log: (line) => console.log(line),
        });
      } finally {
        await connection.close();
        await dataSource.destroy();
      }
      return;
    }
    case 'certificate': {
      const number = process.argv[3];
      const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
      try {
        const html = number ? await certificateDocument(dataSource, number, env.PUBLIC_BASE_URL) : undefined;
        if (!html) {
          console.error(number ? `no certificate ${number}` : 'usage: ocop certificate <number>');
          process.exitCode = 2;
        } else process.stdout.write(html);
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
