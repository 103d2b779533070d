import { engineLabel, engineOf, onlyArg, pidsOf, reportFiles } from './bench-args';

describe('onlyArg', () => {
  it.each([
    [['bench'], undefined],
    [['bench', '--only', 'national'], 'national'],
    [['bench', '--products', '100', '--only', 'p1'], 'p1'],
  ])('%j → %p', (argv, expected) => {
    expect(onlyArg(argv)).toBe(expected);
  });

  it.each([[['bench', '--only', 'p2']], [['bench', '--only']]])('%j is refused, naming the phases it takes', (argv) => {
    expect(() => onlyArg(argv)).toThrow(/--only takes national .* or p1/);
  });
});

describe('pidsOf', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['worker=12,api=34', { worker: 12, api: 34 }],
    ['worker-1=5,worker-2=6,temporal-history=7', { 'worker-1': 5, 'worker-2': 6, 'temporal-history': 7 }],
  ])('%p → %j', (list, expected) => {
    expect(pidsOf(list)).toEqual(expected);
  });
});

describe('engineOf', () => {
  it.each([
    [{}, { engine: 'dev-server', workers: 1 }],
    [
      { OCOP_BENCH_ENGINE: 'cluster', OCOP_BENCH_WORKERS: '2' },
      { engine: 'cluster', workers: 2 },
    ],
  ])('%j → %j', (env, expected) => {
    expect(engineOf(env)).toEqual(expected);
  });

  it.each([[{ OCOP_BENCH_ENGINE: 'k8s' }], [{ OCOP_BENCH_WORKERS: '0' }], [{ OCOP_BENCH_WORKERS: 'two' }]])('%j is refused', (env) => {
    expect(() => engineOf(env)).toThrow(RangeError);
  });
});

describe('reportFiles', () => {
  const at = '2026-12-07T12:30:00.123Z';
  it.each([
    [{ engine: 'dev-server', workers: 1 } as const, { run: 'bench-2026-12-07T12-30-00-123Z.json', latest: 'latest.json' }],
    [{ engine: 'cluster', workers: 2 } as const, { run: 'bench-cluster-2026-12-07T12-30-00-123Z.json', latest: 'latest-cluster.json' }],
  ])('%j → %j', (engine, expected) => {
    expect(reportFiles(at, engine)).toEqual(expected);
  });
});

describe('engineLabel', () => {
  it.each([
    [{ engine: 'dev-server', workers: 1 } as const, 'Temporal dev server (SQLite WAL), 1 worker'],
    [
      { engine: 'cluster', workers: 2 } as const,
      'Temporal cluster (frontend, history, matching, worker services on PostgreSQL), 2 workers',
    ],
  ])('%j → %p', (engine, expected) => {
    expect(engineLabel(engine)).toBe(expected);
  });
});
