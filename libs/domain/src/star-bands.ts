import { CERTIFIABLE_STARS, STAR_BANDS } from './reference-data';

/** Stars for a council's mean total score (0–100). Bands are closed below: 50 is 3★, 49.99 is 2★. */
export function starsForScore(mean: number): number {
  if (!Number.isFinite(mean) || mean < 0 || mean > 100) {
    throw new RangeError(`a mean score lies in 0–100, got ${mean}`);
  }
  const bandsHighFirst = [...STAR_BANDS].sort((a, b) => b.min - a.min);
  const band = bandsHighFirst.find((b) => mean >= b.min);
  // The lowest band starts at 0, so a score in range always has one.
  return band!.stars;
}

export function isCertifiable(stars: number): boolean {
  return CERTIFIABLE_STARS.includes(stars);
}

/** A score given to 2 decimals, in hundredths (an exact integer). */
const hundredths = (score: number): number => Math.round(score * 100);

/**
 * Whether the exact mean of member totals is ≥ `threshold`: the sum is compared with threshold × count in whole
 * hundredths, so no rounded or floating-point mean decides a band (69.99, 70, 70 is below 70).
 */
export function meanAtLeast(totals: readonly number[], threshold: number): boolean {
  if (totals.length === 0) throw new RangeError('a mean needs at least one total');
  return totals.reduce((sum, total) => sum + hundredths(total), 0) >= hundredths(threshold) * totals.length;
}

/** Stars for the exact mean of member totals (bands closed below, as starsForScore). */
export function starsForTotals(totals: readonly number[]): number {
  for (const total of totals) starsForScore(total);
  const bandsHighFirst = [...STAR_BANDS].sort((a, b) => b.min - a.min);
  return bandsHighFirst.find((b) => meanAtLeast(totals, b.min))!.stars;
}
