import ruleSetsJson from '../data/rule-sets.json';
import { PartCode, RuleSetCode, ruleSet as ruleSetOf } from './reference-data';
import { DAY_MS } from './deadlines';
import { starsForTotals } from './star-bands';
import { startOfLocalDay } from './vietnam-time';

/**
 * Council scoring (DESIGN §1): members score each product independently in parts A, B, C; the product's score
 * is the mean of member totals; totals spreading by more than 10 points block the session until the outlying
 * members revise; a session closes only with a quorum of ≥ 3/4 of the members, the chair included.
 */

export type PartScores = Readonly<Record<PartCode, number>>;

export interface Scorecard {
  readonly memberId: string;
  readonly parts: PartScores;
}

/** The largest allowed spread of member totals for one product (rule-sets.json council.maxSpreadPoints). */
export const MAX_SPREAD_POINTS: number = ruleSetsJson.council.maxSpreadPoints;

const PART_CODES: readonly PartCode[] = ['A', 'B', 'C'];

/** Rounds to 2 decimals, half away from zero, without the binary-fraction surprises of Math.round(x * 100). */
export function roundScore(value: number): number {
  const scaled = Number((Math.abs(value) * 100).toPrecision(12));
  const rounded = (Math.sign(value) * Math.round(scaled)) / 100;
  return rounded === 0 ? 0 : rounded; // no -0
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.round(value * 100) / 100 === value;
}

/**
 * What is wrong with a member's part scores under a rule set, or undefined when they are fine. Parts A, B, C
 * are checked in that order (each must be present, a finite number, 0 ≤ value ≤ the part's max, at most
 * 2 decimals; `max` is that part's max), then any other key in sorted order (a problem with `max` 0).
 */
export function scorecardProblem(
  ruleSet: RuleSetCode,
  parts: Record<string, unknown>,
): { code: 'SCORE_OUT_OF_RANGE'; part: string; max: number } | undefined {
  const maxima = ruleSetOf(ruleSet).parts;
  for (const part of PART_CODES) {
    const max = maxima[part].max;
    const value = Object.prototype.hasOwnProperty.call(parts, part) ? parts[part] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max || !hasAtMostTwoDecimals(value)) {
      return { code: 'SCORE_OUT_OF_RANGE', part, max };
    }
  }
  const unknown = Object.keys(parts)
    .filter((key) => !(PART_CODES as readonly string[]).includes(key))
    .sort();
  if (unknown.length > 0) return { code: 'SCORE_OUT_OF_RANGE', part: unknown[0]!, max: 0 };
  return undefined;
}

/** A member's total: the sum of the parts, rounded to 2 decimals. */
export function memberTotal(parts: PartScores): number {
  return roundScore(parts.A + parts.B + parts.C);
}

export interface ProductScore {
  /** Mean of the member totals, rounded to 2 decimals, as shown; the stars come from the exact mean. */
  readonly mean: number;
  /** Each member's total, in the order of the scorecards. */
  readonly totals: readonly { memberId: string; total: number }[];
  /** Highest minus lowest member total, rounded to 2 decimals. */
  readonly spread: number;
  readonly stars: number;
  /** Mean of each part over the members, rounded to 2 decimals (informative: `mean` comes from the totals). */
  readonly perPartMean: PartScores;
}

/**
 * The product's score from its members' scorecards. Throws RangeError when there is no scorecard or a member
 * has more than one (a revision replaces a card, it does not add one).
 */
export function aggregateScores(cards: readonly Scorecard[]): ProductScore {
  if (cards.length === 0) throw new RangeError('a product score needs at least one scorecard');
  const memberIds = new Set(cards.map((card) => card.memberId));
  if (memberIds.size !== cards.length) throw new RangeError('each member hands in one scorecard per product');
  const totals = cards.map((card) => ({ memberId: card.memberId, total: memberTotal(card.parts) }));
  const values = totals.map((t) => t.total);
  const average = (numbers: readonly number[]): number => roundScore(numbers.reduce((sum, n) => sum + n, 0) / numbers.length);
  const mean = average(values);
  return {
    mean,
    totals,
    spread: roundScore(Math.max(...values) - Math.min(...values)),
    stars: starsForTotals(values),
    perPartMean: {
      A: average(cards.map((card) => card.parts.A)),
      B: average(cards.map((card) => card.parts.B)),
      C: average(cards.map((card) => card.parts.C)),
    },
  };
}

function median(sortedValues: readonly number[]): number {
  const middle = Math.floor(sortedValues.length / 2);
  return sortedValues.length % 2 === 1 ? sortedValues[middle]! : (sortedValues[middle - 1]! + sortedValues[middle]!) / 2;
}

/**
 * The members who must revise before the session can close. None while the totals spread by at most
 * `maxSpread` points; otherwise those whose total lies more than maxSpread/2 from the median total, sorted by
 * member id. (When the spread is exceeded at least one member is that far from the median.)
 */
export function outlyingMembers(totals: readonly { memberId: string; total: number }[], maxSpread: number = MAX_SPREAD_POINTS): string[] {
  if (totals.length === 0) return [];
  const values = totals.map((t) => t.total).sort((a, b) => a - b);
  if (roundScore(values[values.length - 1]! - values[0]!) <= maxSpread) return [];
  const middle = median(values);
  return totals
    .filter((t) => roundScore(Math.abs(t.total - middle)) > maxSpread / 2)
    .map((t) => t.memberId)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Members needed for a quorum: at least 3/4 of the council, rounded up. */
export function quorumSize(memberCount: number): number {
  if (!Number.isSafeInteger(memberCount) || memberCount < 0)
    throw new RangeError(`a member count is a whole number ≥ 0, got ${memberCount}`);
  return Math.ceil((3 * memberCount) / 4);
}

/**
 * Whether a session has its quorum: at least quorumSize(members) of the council's members present (people
 * who are not members and repeated ids do not count) and the chair, who must be a member, among them.
 */
export function hasQuorum(memberIds: readonly string[], presentMemberIds: readonly string[], chairId: string): boolean {
  const members = new Set(memberIds);
  const present = new Set(presentMemberIds.filter((id) => members.has(id)));
  return present.has(chairId) && present.size >= quorumSize(members.size);
}

/**
 * When a council may start scoring: as its session's day begins (00:00 Vietnam time). On a compressed calendar (a rule
 * day lasting `dayMs`, simulations and demos) the wait from the session's opening to that moment shrinks alike.
 */
export function scoringOpensAt(sessionDate: Date | string, openedAt: Date | number, dayMs: number = DAY_MS): Date {
  const start = startOfLocalDay(sessionDate).getTime();
  const opened = +openedAt;
  if (start <= opened) return new Date(start);
  return new Date(opened + Math.round((start - opened) * (dayMs / DAY_MS)));
}
