/** `--only national`: P6 alone. `--only p1`: P1, its baseline and what is measured during them (the cluster bench). */
export type BenchOnly = 'national' | 'p1';

/** The Temporal that `npm run bench` started: the CLI's dev server, or the cluster of four services on PostgreSQL. */
export interface BenchEngine {
  readonly engine: 'dev-server' | 'cluster';
  readonly workers: number;
}

const ONLY: readonly BenchOnly[] = ['national', 'p1'];

/** `--only <phase>` from the command line; a phase it does not know is a RangeError naming the ones it does. */
export function onlyArg(argv: readonly string[]): BenchOnly | undefined {
  const at = argv.indexOf('--only');
  if (at === -1) return undefined;
  const value = argv[at + 1];
  if (!ONLY.includes(value as BenchOnly))
    throw new RangeError(`--only takes national (the national view alone) or p1 (P1 and its baseline alone), got "${value ?? ''}"`);
  return value as BenchOnly;
}

/** `worker-1=123,api=456` (how `infra/bench.js` names the processes it started) → { 'worker-1': 123, api: 456 }. */
export function pidsOf(list = ''): Record<string, number> {
  return Object.fromEntries(
    list
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('='))
      .map(([name, pid]) => [name, Number(pid)]),
  );
}

/** The engine `infra/bench.js` says it started (OCOP_BENCH_ENGINE, OCOP_BENCH_WORKERS); the dev server and one worker otherwise. */
export function engineOf(env: Readonly<Record<string, string | undefined>>): BenchEngine {
  const engine = env.OCOP_BENCH_ENGINE ?? 'dev-server';
  if (engine !== 'dev-server' && engine !== 'cluster') throw new RangeError(`OCOP_BENCH_ENGINE is dev-server or cluster, got "${engine}"`);
  const workers = Number(env.OCOP_BENCH_WORKERS ?? 1);
  if (!Number.isInteger(workers) || workers < 1)
    throw new RangeError(`OCOP_BENCH_WORKERS is a positive integer, got "${env.OCOP_BENCH_WORKERS}"`);
  return { engine, workers };
}

/** Where a report goes: a cluster run has files of its own, so it never overwrites the dev server's latest figures. */
export function reportFiles(at: string, { engine }: BenchEngine): { readonly run: string; readonly latest: string } {
  const suffix = engine === 'cluster' ? '-cluster' : '';
  return { run: `bench${suffix}-${at.replace(/[:.]/g, '-')}.json`, latest: `latest${suffix}.json` };
}

/** The table's first line: what the figures were measured on. */
export function engineLabel({ engine, workers }: BenchEngine): string {
  const temporal =
    engine === 'cluster'
      ? 'Temporal cluster (frontend, history, matching, worker services on PostgreSQL)'
      : 'Temporal dev server (SQLite WAL)';
  return `${temporal}, ${workers} worker${workers === 1 ? '' : 's'}`;
}
