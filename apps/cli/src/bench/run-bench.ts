import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ideaSubmissionUpdate, PRODUCT_JOURNEY_WORKFLOW, productJourneyId } from '@ocop/contracts';
import { LAO_CAI } from '@ocop/domain';
import { DEMO_PASSWORD } from '@ocop/identity';
import { engineLabel, reportFiles, type BenchEngine, type BenchOnly } from './bench-args';
import { runBaseline } from './baseline';
import { loadEvents, measureProgress, rebuildReadModels } from './dashboard-load';
import { runFullJourneys } from './full-journey';
import { loadNationalYear, measureNational, NATIONAL_LOAD_YEAR } from './national-load';
import { CpuMeter, inParallel, patiently, progressBar, quantile, resent, RssSampler } from './measure';

export interface BenchOptions {
  readonly client: Client;
  readonly db: DataSource;
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly apiUrl: string;
  /** The worker's Prometheus endpoint (its workflow cache size, for P5). */
  readonly workerMetricsUrl?: string;
  readonly products: number;
  readonly concurrency: number;
  readonly loadProducts: number;
  readonly openJourneys: number;
  readonly progressRequests: number;
  /** P6: journeys of the national year loaded, and how many of them certified. */
  readonly nationalJourneys: number;
  readonly nationalCertified: number;
  /** Run only this phase (`--only national`: P6 alone, on the stack's empty database; `--only p1`: P1 and its baseline). */
  readonly only?: BenchOnly;
  /** What the stack runs on, written into the report and its file name. */
  readonly engine: BenchEngine;
  /** Processes whose peak RSS is reported (the worker or workers, the API). */
  readonly pids: Readonly<Record<string, number>>;
  /** Process trees whose CPU time is reported per phase (also Temporal and PostgreSQL; the bench itself is added). */
  readonly cpuPids: Readonly<Record<string, number>>;
  readonly outDir: string;
  readonly log: (line: string) => void;
}

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null);

/** Every phase of `npm run bench`, in order (or the one `--only` names); prints the table and writes the JSON report. */
export async function runBench(options: BenchOptions): Promise<Record<string, unknown>> {
  const stamp = () => ({ machine: machine(), ...options.engine, at: new Date().toISOString() });
  if (options.only === 'national') {
    const p6 = await nationalPhase(options);
    return writeReport(options, { ...stamp(), p6 }, [engineRow(options), p6Row(p6)]);
  }
  const { client, db, log } = options;
  const year = new Date().getUTCFullYear();

  const measured = await p1Phase(options, year);
  const { real } = measured;
  const figures = p1Figures(measured);
  if (options.only === 'p1') {
    const report = { ...stamp(), ...figures, p5: { duringP1PeakMB: measured.duringP1 } };
    return writeReport(options, report, [
      engineRow(options),
      ...p1Rows(figures),
      ...p2Rows(figures),
      p2HttpRow(figures),
      ['P5 memory (peak RSS)', `during P1: ${fmt(measured.duringP1)}`, 'each worker < 600 MB'],
    ]);
  }

  const token = await login(options.apiUrl, 'tinh.laocai');
  // P2 at a moderate load: products offered at half P1's measured rate, every dossier step timed.
  const halfLoad = {
    products: Math.max(20, Math.round(options.products / 4)),
    perMinute: (real.products / real.seconds) * 60 * 0.5,
  };
  log(`\nP2 — ${halfLoad.products} products offered at ${Math.round(halfLoad.perMinute)}/min (half P1's rate)`);
  const moderate = await runFullJourneys({
    client,
    db,
    taskQueue: options.taskQueue,
    apiUrl: options.apiUrl,
    products: halfLoad.products,
    concurrency: options.concurrency,
    year,
    httpEvery: 10,
    startEveryMs: 60_000 / halfLoad.perMinute,
    label: 'P2 half load',
    log,
  });

  // P5b: many journeys open at once (ideas waiting for review), the worker holding them.
  log(`\nP5 — ${options.openJourneys} journeys open at once`);
  const cachedBefore = await workerCache(options);
  const sampler = new RssSampler(options.pids).start();
  await openJourneys(client, options.taskQueue, options.openJourneys, options.concurrency, year);
  await new Promise((r) => setTimeout(r, 3000));
  const withOpen = sampler.stop();
  const cachedAfter = await workerCache(options);
  const perCachedMB =
    cachedBefore && cachedAfter && cachedAfter.workflows > cachedBefore.workflows
      ? (cachedAfter.rssMB - cachedBefore.rssMB) / (cachedAfter.workflows - cachedBefore.workflows)
      : Number.NaN;
  log(`   worker cache: ${JSON.stringify(cachedBefore)} → ${JSON.stringify(cachedAfter)}`);

  // P4 then P3: load the log directly, rebuild the read models from it, then ask the dashboard.
  log(`\nP3/P4 — ${options.loadProducts} products, ${options.loadProducts * 20} events loaded into PostgreSQL`);
  const load = await loadEvents(db, options.loadProducts);
  const rebuild = await rebuildReadModels(db);
  const progress = await measureProgress(db, options.apiUrl, token, options.progressRequests);
  const p6 = await nationalPhase(options);

  const report = {
    ...stamp(),
    p1: figures.p1,
    p2: {
      ...figures.p2,
      halfLoad: {
        products: moderate.products,
        certified: moderate.certified,
        offeredPerMinute: round(halfLoad.perMinute),
        seconds: round(moderate.seconds),
        accepted: latency(moderate.acceptedMs),
        recorded: latency(moderate.completedMs),
        http: latency(moderate.httpMs),
      },
    },
    p3: {
      products: load.products,
      events: load.events,
      requests: options.progressRequests,
      p50ms: round(progress.p50),
      p95ms: round(progress.p95),
      groupByMs: round(progress.groupByMs),
      speedup: round(progress.groupByMs / progress.p95),
      sameCountsAsGroupBy: progress.sameCounts,
    },
    p4: {
      events: rebuild.events,
      seconds: round(rebuild.seconds),
      eventsPerSecond: round(rebuild.eventsPerSecond, 0),
      loadSeconds: round(load.loadSeconds),
      rawInsertRowsPerSecond: round(load.rawRowsPerSecond, 0),
    },
    p5: {
      duringP1PeakMB: measured.duringP1,
      openJourneys: options.openJourneys,
      withOpenJourneysPeakMB: withOpen,
      workerCache: { before: cachedBefore, after: cachedAfter, perCachedWorkflowMB: round(perCachedMB, 3) },
    },
    p6,
  };

  const rows: [string, string, string][] = [
    engineRow(options),
    ...p1Rows(figures),
    ...p2Rows(figures),
    [
      'P2 at half load',
      `accepted p50 ${report.p2.halfLoad.accepted.p50ms} ms, p99 ${report.p2.halfLoad.accepted.p99ms} ms; recorded p99 ${report.p2.halfLoad.recorded.p99ms} ms; HTTP p99 ${report.p2.halfLoad.http.p99ms} ms (${report.p2.halfLoad.products} products offered at ${report.p2.halfLoad.offeredPerMinute}/min, ${report.p2.halfLoad.accepted.requests} dossiers timed)`,
      'p99 < 150 ms',
    ],
    p2HttpRow(figures),
    [
      'P3 progress endpoint',
      `p50 ${report.p3.p50ms} ms, p95 ${report.p3.p95ms} ms over ${report.p3.products} products / ${report.p3.events} events`,
      'p95 < 25 ms',
    ],
    [
      'P3 GROUP BY over the log',
      `${report.p3.groupByMs} ms (${report.p3.speedup}× the endpoint's p95; same counts: ${report.p3.sameCountsAsGroupBy})`,
      '≥ 50×',
    ],
    [
      'P4 rebuild',
      `${report.p4.eventsPerSecond} events/s (${report.p4.events} events in ${report.p4.seconds} s); raw insert ${report.p4.rawInsertRowsPerSecond} rows/s`,
      '≥ 50,000 events/s',
    ],
    [
      'P5 memory (peak RSS)',
      `during P1: ${fmt(report.p5.duringP1PeakMB)}; ${report.p5.openJourneys} open journeys: ${fmt(report.p5.withOpenJourneysPeakMB)}`,
      'worker < 600 MB',
    ],
    [
      'P5 per cached workflow',
      `${round(perCachedMB * 1024, 0)} KB of worker RSS each (${cachedBefore?.workflows ?? '?'} → ${cachedAfter?.workflows ?? '?'} cached: ${cachedBefore?.rssMB ?? '?'} → ${cachedAfter?.rssMB ?? '?'} MB)`,
      '',
    ],
    p6Row(p6),
  ];
  return writeReport(options, report, rows);
}

/** P1 + P2 + P5a: the full journeys with the HTTP sample, memory sampled throughout; then the bare baseline of the same shape. */
async function p1Phase(options: BenchOptions, year: number) {
  const { client, db, log } = options;
  log(`\nP1 — ${options.products} products through the whole QĐ 1048 path (concurrency ${options.concurrency})`);
  const sampler = new RssSampler(options.pids).start();
  let cpu = new CpuMeter(options.cpuPids).start();
  const real = await runFullJourneys({
    client,
    db,
    taskQueue: options.taskQueue,
    apiUrl: options.apiUrl,
    products: options.products,
    concurrency: options.concurrency,
    year,
    httpEvery: 10,
    log,
  });
  const duringP1 = sampler.stop();
  const p1Cpu = cpu.stop();
  log(`   shape of one product: ${JSON.stringify(real.shape)}; calls resent: ${JSON.stringify(resent)}`);
  log(`   CPU seconds: ${fmtCpu(p1Cpu)}`);
  cpu = new CpuMeter(options.cpuPids).start();
  const baseline = await runBaseline({
    client,
    address: options.address,
    namespace: options.namespace,
    products: options.products,
    concurrency: options.concurrency,
    shape: real.shape,
  });
  const baselineCpu = cpu.stop();
  log(`   baseline CPU seconds: ${fmtCpu(baselineCpu)} (its worker runs in the bench process)`);
  return { real, baseline, duringP1, p1Cpu, baselineCpu };
}

/** What one run of P1 (ours or the baseline's) did, per second and per product. */
function runFigures(run: {
  readonly products: number;
  readonly seconds: number;
  readonly historyEvents: number;
  readonly historyBytes: number;
  readonly journeyMs: readonly number[];
}) {
  return {
    seconds: round(run.seconds),
    productsPerMinute: round((run.products / run.seconds) * 60),
    historyEvents: run.historyEvents,
    historyEventsPerSecond: round(run.historyEvents / run.seconds),
    historyKBPerProduct: round(run.historyBytes / 1024 / run.products),
    journeyP50s: round(quantile(run.journeyMs, 0.5) / 1000),
    journeyP95s: round(quantile(run.journeyMs, 0.95) / 1000),
  };
}

/** P1's figures and the P2 figures measured during P1 and its baseline. */
function p1Figures({ real, baseline, p1Cpu, baselineCpu }: Awaited<ReturnType<typeof p1Phase>>) {
  return {
    p1: {
      products: real.products,
      certified: real.certified,
      ...runFigures(real),
      shape: real.shape,
      cpuSeconds: p1Cpu,
      baseline: {
        cpuSeconds: baselineCpu,
        ...runFigures(baseline),
      },
      ratioToBaseline: round(real.seconds / baseline.seconds, 2),
      resent: { ...resent },
    },
    p2: {
      requests: real.httpMs.length,
      p50ms: round(quantile(real.httpMs, 0.5)),
      p99ms: round(quantile(real.httpMs, 0.99)),
      accepted: latency(real.acceptedMs),
      recorded: latency(real.completedMs),
      baseline: { accepted: latency(baseline.acceptedMs), completed: latency(baseline.completedMs) },
    },
  };
}

type P1Figures = ReturnType<typeof p1Figures>;

const engineRow = (options: BenchOptions): [string, string, string] => ['engine', engineLabel(options.engine), ''];

const p1Rows = ({ p1 }: P1Figures): [string, string, string][] => [
  [
    'P1 full journeys',
    `${p1.products} products in ${p1.seconds} s: ${p1.productsPerMinute}/min, ${p1.historyEventsPerSecond} history events/s, journey p50 ${p1.journeyP50s} s p95 ${p1.journeyP95s} s`,
    '≥ 1,000 in < 5 min',
  ],
  [
    'P1 bare baseline',
    `${p1.baseline.seconds} s: ${p1.baseline.productsPerMinute}/min, ${p1.baseline.historyEventsPerSecond} events/s`,
    '',
  ],
  ['P1 CPU seconds', `${fmtCpu(p1.cpuSeconds)}; baseline ${fmtCpu(p1.baseline.cpuSeconds)}`, ''],
  ['P1 / baseline', `${p1.ratioToBaseline}`, '≤ 1.25'],
  [
    'P1 history per product',
    `ours ${round(p1.historyEvents / p1.products)} events, ${p1.historyKBPerProduct} KB; baseline ${round(p1.baseline.historyEvents / p1.products)} events, ${p1.baseline.historyKBPerProduct} KB`,
    '',
  ],
];

const p2Rows = ({ p2 }: P1Figures): [string, string, string][] => [
  [
    'P2 action → accepted',
    `ours p50 ${p2.accepted.p50ms} ms, p99 ${p2.accepted.p99ms} ms (${p2.accepted.requests} dossiers during P1); baseline p50 ${p2.baseline.accepted.p50ms} ms, p99 ${p2.baseline.accepted.p99ms} ms (${p2.baseline.accepted.requests} of its updates during its run)`,
    '',
  ],
  [
    'P2 action → recorded',
    `ours p50 ${p2.recorded.p50ms} ms, p99 ${p2.recorded.p99ms} ms; baseline (answered) p50 ${p2.baseline.completed.p50ms} ms, p99 ${p2.baseline.completed.p99ms} ms`,
    '',
  ],
];

const p2HttpRow = ({ p2 }: P1Figures): [string, string, string] => [
  'P2 action over HTTP',
  `p50 ${p2.p50ms} ms, p99 ${p2.p99ms} ms (${p2.requests} requests during P1; answered once recorded and projected)`,
  '',
];

function writeReport(
  options: BenchOptions,
  report: { readonly at: string; readonly [figure: string]: unknown },
  rows: readonly [string, string, string][],
): Record<string, unknown> {
  const { log } = options;
  const width = Math.max(...rows.map((r) => r[0].length));
  log(`\n${'figure'.padEnd(width)}  ${'measured'}\n${'-'.repeat(width)}  ${'-'.repeat(60)}`);
  for (const [name, value, target] of rows) log(`${name.padEnd(width)}  ${value}${target ? `   [target ${target}]` : ''}`);
  mkdirSync(options.outDir, { recursive: true });
  const files = reportFiles(report.at, options.engine);
  const file = path.join(options.outDir, files.run);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(options.outDir, files.latest), `${JSON.stringify(report, null, 2)}\n`);
  log(`\nreport: ${file}`);
  return report;
}

const latency = (samples: readonly number[]) => ({
  requests: samples.length,
  p50ms: round(quantile(samples, 0.5)),
  p99ms: round(quantile(samples, 0.99)),
});

/** The worker's RSS and the number of workflows in its cache (the SDK's `temporal_sticky_cache_size`), now. */
async function workerCache(options: BenchOptions): Promise<{ workflows: number; rssMB: number } | undefined> {
  const pid = options.pids.worker;
  if (!options.workerMetricsUrl || !pid) return undefined;
  try {
    const text = await (await fetch(options.workerMetricsUrl)).text();
    const line = text.split('\n').find((l) => l.startsWith('temporal_sticky_cache_size'));
    const rssKB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return line ? { workflows: Number(line.split(' ').pop()), rssMB: Math.round(rssKB / 1024) } : undefined;
  } catch {
    return undefined;
  }
}

const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
});

/**
 * P6: the central office's national view over a national year loaded into the log (journeys of the 34 provinces,
 * part of them certified) and rebuilt into the read models, asked over HTTP.
 */
async function nationalPhase(options: BenchOptions) {
  const { db, log } = options;
  log(
    `\nP6 — the national view: ${options.nationalJourneys} journeys of ${NATIONAL_LOAD_YEAR} in 34 provinces, ${options.nationalCertified} certified`,
  );
  const load = await loadNationalYear(db, options.nationalJourneys, options.nationalCertified);
  const rebuild = await rebuildReadModels(db);
  const times = await measureNational(options.apiUrl, await login(options.apiUrl, 'trunguong'), options.progressRequests, load);
  return {
    journeys: load.journeys,
    certified: load.certified,
    nominees: load.nominees,
    events: load.events,
    loadSeconds: round(load.loadSeconds),
    rebuildSeconds: round(rebuild.seconds),
    requests: options.progressRequests,
    p50ms: round(times.p50),
    p95ms: round(times.p95),
    sameCountsAsLoaded: times.sameCounts,
    seen: times.seen,
  };
}

const p6Row = (p6: Awaited<ReturnType<typeof nationalPhase>>): [string, string, string] => [
  'P6 national view',
  `p50 ${p6.p50ms} ms, p95 ${p6.p95ms} ms over ${p6.certified} certified products / ${p6.journeys} journeys in 34 provinces (same counts as loaded: ${p6.sameCountsAsLoaded})`,
  'p95 < 50 ms',
];

const fmtCpu = (seconds: Record<string, number>) =>
  `${Object.entries(seconds)
    .map(([name, s]) => `${name} ${s}`)
    .join(', ')} (total ${Math.round(Object.values(seconds).reduce((a, b) => a + b, 0))})`;
const fmt = (peaks: Record<string, number>) =>
  Object.entries(peaks)
    .map(([name, mb]) => `${name} ${mb} MB`)
    .join(', ');

async function login(apiUrl: string, username: string): Promise<string> {
  const response = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Journeys that stay open (their ideas wait for a review the benchmark never gives). */
async function openJourneys(client: Client, taskQueue: string, count: number, concurrency: number, year: number): Promise<void> {
  const bar = progressBar('P5 open journeys', count);
  const runId = randomUUID().slice(0, 8);
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const calendar = {
    ideaWindowClosesAt: at(24),
    businessPlanDueAt: at(48),
    dossierDueAt: at(72),
    districtSessionsCloseAt: at(200),
    provincialSessionsCloseAt: at(300),
    certificationAt: at(400),
    labTurnaroundDays: 30,
    inspectionReportDays: 30,
  };
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const productId = randomUUID();
      const district = LAO_CAI.districts[i % LAO_CAI.districts.length]!;
      await patiently(() =>
        client.workflow.executeUpdateWithStart(ideaSubmissionUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(PRODUCT_JOURNEY_WORKFLOW, {
            workflowId: productJourneyId(productId, year),
            taskQueue,
            workflowIdConflictPolicy: 'USE_EXISTING',
            args: [
              {
                productId,
                organisationId: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001',
                name: `Mở ${runId}-${i}`,
                productGroup: 'thuc-pham',
                districtCode: district.code,
                provinceCode: LAO_CAI.code,
                cycleYear: year,
                ruleSet: 'QD1048-2019',
                submittedBy: 'system:bench',
                submittedAt: new Date().toISOString(),
                calendar,
              },
            ],
          }),
        }),
      );
      bar.tick();
    },
  );
  bar.done();
}
