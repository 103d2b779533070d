import { inParallel, quantile } from './measure';

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
