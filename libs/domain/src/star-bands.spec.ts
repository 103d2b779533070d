import { isCertifiable, meanAtLeast, starsForScore, starsForTotals } from './star-bands';

describe('starsForScore', () => {
  it.each([
    [0, 1],
    [29.99, 1],
    [30, 2],
    [49.99, 2],
    [50, 3],
    [69.99, 3],
    [70, 4],
    [89.99, 4],
    [90, 5],
    [100, 5],
  ])('a mean of %p gives %p stars', (mean, stars) => {
    expect(starsForScore(mean)).toBe(stars);
  });

  it.each([-0.01, 100.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses a mean of %p', (mean) => {
    expect(() => starsForScore(mean)).toThrow(RangeError);
  });
});

describe('starsForTotals and meanAtLeast: the exact mean', () => {
  it.each([
    [[69.99, 70, 70], 3], // mean 69.9966…, shown as 70.00
    [[70, 70, 70], 4],
    [[89.99, 90, 90], 4],
    [[90, 90, 90], 5],
    [[49.99, 50, 50], 2],
    [[29.99, 30.01], 3 - 1], // exactly 30: 2★
    [[0.1, 0.2], 1],
  ])('totals %p → %p stars', (totals, stars) => {
    expect(starsForTotals(totals)).toBe(stars);
  });

  it.each([
    [[89.99, 90, 90], 90, false],
    [[89.99, 90, 90.01], 90, true],
    [[0.1, 0.2], 0.15, true],
  ])('totals %p ≥ %p: %p', (totals, threshold, expected) => {
    expect(meanAtLeast(totals, threshold)).toBe(expected);
  });

  it('refuses no totals or a total out of range', () => {
    expect(() => meanAtLeast([], 50)).toThrow(RangeError);
    expect(() => starsForTotals([101])).toThrow(RangeError);
  });
});

describe('isCertifiable', () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
    [5, true],
  ])('%p stars certifiable: %p', (stars, expected) => {
    expect(isCertifiable(stars)).toBe(expected);
  });
});
