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
