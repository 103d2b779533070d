import { isCertifiable, starsForScore } from './star-bands';

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
