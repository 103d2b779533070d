import { findProductGroup, LevelName, RuleSetCode, RuleSetLevel, ruleSet } from './reference-data';
import { isCertifiable, meanAtLeast, starsForScore, starsForTotals } from './star-bands';
import { OcopError } from './errors';

/**
 * Which level does what with a council's mean score, read from the rule set's `levels` (rule-sets.json), never
 * hard-coded per rule set. For a scoring level with band stars = starsForScore(mean):
 *
 * 1. Stars 1–2 (mean < 50) → not_qualified, unless the product arrived with a floor (4 below): then it keeps that.
 * 2. mean ≥ the level's forwardIfAtLeast → forwarded to the next level in the sequence. A forward to the last
 *    level (the central council, which meets on its own calendar) carries provisionalStars: the highest star
 *    this level recognises that is ≤ the band (the province's "4★, potentially 5★"). A forward between local
 *    levels carries none.
 * 3. The band's stars are in the level's `recognises` → recognised with those stars.
 * 4. Otherwise (certifiable band, not recognised here, not forwarded) → recognised with the larger of
 *    - the highest star this level recognises that is ≤ the band, and
 *    - the floor of a product arriving here: the highest star the previous level recognises that is ≤ the band
 *      of that level's forward threshold — a forwarded product never ends below what the level that sent it
 *      could have recognised it at.
 *    So under 148/2023 a product forwarded from the district (≥70) that scores 50–69.99 at the province keeps
 *    the district's 3★, and a central nominee scoring below 90 stays 4★ (the province's highest star).
 *
 * Levels whose action is 'check-dossier' (the commune under 1489/2025) give no score: levelOutcome throws there.
 */
export type LevelOutcome =
  | { readonly kind: 'not_qualified'; readonly stars: number }
  | { readonly kind: 'recognised'; readonly stars: number }
  | { readonly kind: 'forwarded'; readonly stars: number; readonly to: LevelName; readonly provisionalStars?: number };

function levelIndex(code: RuleSetCode, level: LevelName): number {
  const index = ruleSet(code).levels.findIndex((l) => l.level === level);
  if (index < 0) throw new RangeError(`${code} has no ${level} level`);
  return index;
}

function highestRecognisedAtMost(level: RuleSetLevel, stars: number): number | undefined {
  const candidates = level.recognises.filter((s) => s <= stars);
  return candidates.length > 0 ? Math.max(...candidates) : undefined;
}

/** The stars a product forwarded from `previous` could already have been recognised at there. */
function arrivalFloor(previous: RuleSetLevel | undefined): number | undefined {
  if (!previous || previous.action !== 'score' || previous.forwardIfAtLeast === undefined) return undefined;
  return highestRecognisedAtMost(previous, starsForScore(previous.forwardIfAtLeast));
}

/**
 * `totals` (the members' totals) make the band and the forward exact: the sum is compared with threshold × count.
 * Without them (a result recorded before totals were sent) the mean decides.
 */
export function levelOutcome(code: RuleSetCode, level: LevelName, mean: number, totals?: readonly number[]): LevelOutcome {
  const levels = ruleSet(code).levels;
  const index = levelIndex(code, level);
  const here = levels[index]!;
  if (here.action !== 'score') throw new RangeError(`${code}: the ${level} level checks the dossier and gives no score`);
  const exact = totals !== undefined && totals.length > 0;
  const stars = exact ? starsForTotals(totals) : starsForScore(mean);
  // A product forwarded here keeps what the level that sent it could have recognised, whatever it scores here.
  const floor = arrivalFloor(levels[index - 1]);
  if (!isCertifiable(stars)) return floor === undefined ? { kind: 'not_qualified', stars } : { kind: 'recognised', stars: floor };

  const forward =
    here.forwardIfAtLeast !== undefined && (exact ? meanAtLeast(totals, here.forwardIfAtLeast) : mean >= here.forwardIfAtLeast);
  if (forward) {
    const next = levels[index + 1];
    if (!next) throw new RangeError(`${code}: the ${level} level forwards but is the last level`);
    const provisionalStars = index + 1 === levels.length - 1 ? highestRecognisedAtMost(here, stars) : undefined;
    return provisionalStars === undefined
      ? { kind: 'forwarded', stars, to: next.level }
      : { kind: 'forwarded', stars, to: next.level, provisionalStars };
  }

  if (here.recognises.includes(stars)) return { kind: 'recognised', stars };

  const candidates = [highestRecognisedAtMost(here, stars), floor].filter((s): s is number => s !== undefined);
  if (candidates.length === 0) throw new RangeError(`${code}: the ${level} level cannot place a mean of ${mean}`);
  return { kind: 'recognised', stars: Math.max(...candidates) };
}

/** Where a product of the rule set starts: the first level in its sequence. */
export function firstLevel(code: RuleSetCode): LevelName {
  return ruleSet(code).levels[0]!.level;
}

/** What a level does with a product: a council scores it, or (commune under 1489/2025) the dossier is checked. */
export function levelAction(code: RuleSetCode, level: LevelName): 'score' | 'check-dossier' {
  return ruleSet(code).levels[levelIndex(code, level)]!.action;
}

/** The level before which lab-tested products need their food-safety results. */
export function labTestingBefore(code: RuleSetCode): LevelName {
  return ruleSet(code).labTestingBefore;
}

/** Whether a product group needs food-safety lab testing (product-groups.json labTested). */
export function needsLabTest(code: RuleSetCode, productGroup: string): boolean {
  const group = findProductGroup(code, productGroup);
  if (!group) throw new OcopError('UNKNOWN_PRODUCT_GROUP', { ruleSet: code, productGroup });
  return group.labTested;
}

/** The level after `level` in the rule set's sequence, if any. */
export function nextLevel(code: RuleSetCode, level: LevelName): LevelName | undefined {
  return ruleSet(code).levels[levelIndex(code, level) + 1]?.level;
}
