import { MAX_SPREAD_POINTS, roundScore, ruleSet, type LevelName, type RuleSetCode } from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';

/** The levels a council sits at (the commune level of 1489/2025 checks dossiers, it has no council). */
export const SESSION_LEVELS = ['district', 'province', 'central'] as const satisfies readonly LevelName[];
export type SessionLevel = (typeof SESSION_LEVELS)[number];

/** The area code of a central (national) session. */
export const CENTRAL_AREA = 'vn';

/** Where a session sits: its level and area, and the province it belongs to (central: `vn`, the nation, or one province). */
export interface SessionArea {
  readonly level: SessionLevel;
  readonly areaCode: string;
  readonly provinceCode: string;
}

/** A field that breaks a rule: what the API answers as a 400 naming the field (or UNKNOWN_DISTRICT, a 422). */
export interface AreaProblem {
  readonly code: 'VALIDATION_FAILED' | 'UNKNOWN_DISTRICT';
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The session's area from its level and area code: a district code (district level), a province code (province
 * level), or `vn` (central; national — its province is `vn` — unless `provinceCode` names one province).
 */
export function resolveSessionArea(level: SessionLevel, areaCode: string, provinceCode?: string): SessionArea | AreaProblem {
  switch (level) {
    case 'district': {
      const district = findOcopDistrict(areaCode);
      if (!district)
        return {
          code: 'UNKNOWN_DISTRICT',
          field: 'areaCode',
          rule: 'isKnownDistrict',
          message: `areaCode must be a known district code for a district session (got ${areaCode})`,
        };
      return { level, areaCode: district.code, provinceCode: district.provinceCode };
    }
    case 'province':
      if (!findOcopProvince(areaCode))
        return {
          code: 'VALIDATION_FAILED',
          field: 'areaCode',
          rule: 'isKnownProvince',
          message: `areaCode must be a known province code for a province session (got ${areaCode})`,
        };
      return { level, areaCode, provinceCode: areaCode };
    case 'central': {
      if (areaCode !== CENTRAL_AREA)
        return {
          code: 'VALIDATION_FAILED',
          field: 'areaCode',
          rule: 'equals',
          message: `areaCode must be "${CENTRAL_AREA}" for a central session`,
        };
      // The central office's session is national (its province is `vn`): it scores the nominees of every province.
      const province = provinceCode ?? CENTRAL_AREA;
      if (province !== CENTRAL_AREA && !findOcopProvince(province))
        return {
          code: 'VALIDATION_FAILED',
          field: 'provinceCode',
          rule: 'isKnownProvince',
          message: `provinceCode must be a known province or "${CENTRAL_AREA}" (national, the default): the province whose nominees the central session scores`,
        };
      return { level, areaCode, provinceCode: province };
    }
  }
}

export const isAreaProblem = (value: SessionArea | AreaProblem): value is AreaProblem => 'code' in value;

/** Whether a rule set has a council scoring at the level (1489/2025 has no district council, for instance). */
export function ruleSetScoresAt(code: RuleSetCode, level: SessionLevel): boolean {
  return ruleSet(code).levels.some((l) => l.level === level && l.action === 'score');
}

/** The scoring parts of a rule set with their maxima, in part order. */
export function scoringParts(code: RuleSetCode): { code: string; vi: string; en: string; max: number }[] {
  return Object.entries(ruleSet(code).parts).map(([part, p]) => ({ code: part, vi: p.vi, en: p.en, max: p.max }));
}

export interface SpreadWarning {
  /** The caller's total for the product. */
  readonly total: number;
  /** How many other members have scored the product. */
  readonly others: number;
  /** The largest distance between the caller's total and another member's (0 when nobody else has scored). */
  readonly largestDifference: number;
  readonly maxSpreadPoints: number;
  /** True when the caller's total lies more than maxSpreadPoints from another member's total. */
  readonly exceeded: boolean;
  /** True when the session names the caller among the members who must revise this product before it can close. */
  readonly mustRevise: boolean;
}

/**
 * How the caller's total for a product compares with the other members' totals: a warning when it is more than
 * maxSpreadPoints (10) from any of them. Undefined when the caller has no scorecard for the product.
 */
export function spreadWarningFor(
  scorecards: readonly { memberId: string; productId: string; total: number }[],
  productId: string,
  memberId: string,
  mustRevise: Readonly<Record<string, readonly string[]>> = {},
  maxSpreadPoints: number = MAX_SPREAD_POINTS,
): SpreadWarning | undefined {
  const cards = scorecards.filter((c) => c.productId === productId);
  const mine = cards.find((c) => c.memberId === memberId);
  if (!mine) return undefined;
  const differences = cards.filter((c) => c.memberId !== memberId).map((c) => roundScore(Math.abs(mine.total - c.total)));
  const largestDifference = differences.length > 0 ? Math.max(...differences) : 0;
  return {
    total: mine.total,
    others: differences.length,
    largestDifference,
    maxSpreadPoints,
    exceeded: largestDifference > maxSpreadPoints,
    mustRevise: mustRevise[productId]?.includes(memberId) ?? false,
  };
}
