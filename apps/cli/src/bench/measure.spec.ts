import { cpuSecondsOf, inParallel, Limiter, multiProgress, quantile } from './measure';

describe('quantile (nearest rank)', () => {
  it.each([
    [[], 0.5, Number.NaN],
    [[7], 0.99, 7],
    [[3, 1, 2], 0.5, 2],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 0.95, 4],
    [Array.from({ length: 100 }, (_, i) => 100 - i), 0.95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.99, 99],
    [[5, 1, 4], 0, 1],
  ])('%j at %p → %p', (samples, q, expected) => {
    expect(quantile(samples, q)).toEqual(expected);
  });
});

describe('inParallel', () => {
  it('runs every item once with at most `limit` at a time', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await inParallel([...Array(20).keys()], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(item);
      running -= 1;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(peak).toBe(3);
  });
});

describe('cpuSecondsOf', () => {
  it('adds a process tree: its own ticks, its reaped children and its live descendants', () => {
    const table = new Map([
      [10, { ppid: 1, ticks: 100, reapedTicks: 50 }],
      [11, { ppid: 10, ticks: 30, reapedTicks: 0 }],
      [12, { ppid: 11, ticks: 20, reapedTicks: 0 }],
      [13, { ppid: 1, ticks: 999, reapedTicks: 0 }],
    ]);
    expect(cpuSecondsOf(10, table)).toBeCloseTo(2.0);
    expect(cpuSecondsOf(12, table)).toBeCloseTo(0.2);
    expect(cpuSecondsOf(99, table)).toBe(0);
  });

  it('reads this process from /proc', () => {
    const start = cpuSecondsOf(process.pid);
    const until = Date.now() + 150;
    while (Date.now() < until) Math.sqrt(Math.random());
    expect(cpuSecondsOf(process.pid)).toBeGreaterThan(start);
  });
});

describe('multiProgress', () => {
  it('counts each phase and writes the counts on done', () => {
    const lines: string[] = [];
    const progress = multiProgress('P1', ['a', 'b'], 3, (t) => lines.push(t));
    progress.tick('a');
    progress.tick('a');
    progress.tick('b');
    progress.done();
    expect(lines[lines.length - 1]).toMatch(/P1 a 2\/3 · b 1\/3 {2}\d+\.\d s/);
  });
});

describe('Limiter', () => {
  it('lets at most `limit` calls run at once across callers, and runs every call', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, (i % 3) + 1));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual([...Array(12).keys()]);
    expect(peak).toBe(3);
  });

  it('frees the slot of a call that fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});
