// Reference data the screens name things with: the domain library's own (libs/domain), so screens and rules agree.
import { isRuleSetCode, LAO_CAI, MAX_SPREAD_POINTS as SPREAD, productGroups, RULE_SET_CODES, ruleSet } from '@ocop/domain';

export interface Named {
  code: string;
  vi: string;
  en?: string;
}

export const PROVINCE = { code: LAO_CAI.code, vi: LAO_CAI.vi, en: LAO_CAI.en };
export const DISTRICTS: Named[] = LAO_CAI.districts.map((d) => ({ code: d.code, vi: d.vi, en: d.vi }));

export const productGroupsOf = (code: string): Named[] =>
  isRuleSetCode(code) ? productGroups(code).map((g) => ({ code: g.code, vi: g.vi, en: g.en })) : [];
export const ALL_PRODUCT_GROUPS: Named[] = RULE_SET_CODES.flatMap(productGroupsOf).filter(
  (g, i, all) => all.findIndex((o) => o.code === g.code) === i,
);

export interface ScoringPart {
  code: string;
  vi: string;
  en: string;
  max: number;
}
/** The scorecard parts of a rule set, with their maxima (A, B, C …). */
export const partsOf = (code: string): ScoringPart[] =>
  isRuleSetCode(code) ? Object.entries(ruleSet(code).parts).map(([part, p]) => ({ code: part, vi: p.vi, en: p.en, max: p.max })) : [];

export const MAX_SPREAD_POINTS = SPREAD;

export const districtName = (code: string, lang: 'vi' | 'en' = 'vi'): string => {
  const d = DISTRICTS.find((x) => x.code === code);
  return d ? (lang === 'vi' ? d.vi : (d.en ?? d.vi)) : code;
};
export const groupName = (code: string, lang: 'vi' | 'en' = 'vi'): string => {
  const g = ALL_PRODUCT_GROUPS.find((x) => x.code === code);
  return g ? (lang === 'vi' ? g.vi : (g.en ?? g.vi)) : code;
};

/** Days of grace after a producer's missed deadline before the product is withdrawn (libs/domain DEFAULT_REMINDER_POLICY). */
export const DEFAULT_GRACE_DAYS = 7;
