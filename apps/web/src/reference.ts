// Reference data the screens name things with, from the same JSON files the domain rules use.
import laoCai from '../../../libs/domain/data/lao-cai-2021.json';
import productGroups from '../../../libs/domain/data/product-groups.json';
import ruleSets from '../../../libs/domain/data/rule-sets.json';

export interface Named {
  code: string;
  vi: string;
  en?: string;
}

export const PROVINCE = laoCai.province;
export const DISTRICTS: Named[] = laoCai.districts.map((d) => ({ code: d.code, vi: d.vi, en: d.vi }));

type GroupTable = Record<string, { code: string; vi: string; en: string }[] | string>;
const groups = productGroups as unknown as GroupTable;
/** Rule sets that keep an earlier one's product groups (as libs/domain reference-data says). */
const GROUPS_FROM: Record<string, string> = { 'QD1489-2025': 'QD148-2023' };
export const productGroupsOf = (ruleSet: string): Named[] => {
  const table = groups[GROUPS_FROM[ruleSet] ?? ruleSet];
  return Array.isArray(table) ? (table as Named[]) : [];
};
export const ALL_PRODUCT_GROUPS: Named[] = Object.values(groups)
  .filter(Array.isArray)
  .flat()
  .filter((g, i, all) => all.findIndex((o) => o.code === g.code) === i);

export interface ScoringPart {
  code: string;
  vi: string;
  en: string;
  max: number;
}
type RuleSetTable = Record<string, { parts: Record<string, { vi: string; en: string; max: number }> }>;
/** The scorecard parts of a rule set, with their maxima (A, B, C …). */
export const partsOf = (ruleSet: string): ScoringPart[] =>
  Object.entries((ruleSets.ruleSets as unknown as RuleSetTable)[ruleSet]?.parts ?? {}).map(([code, p]) => ({ code, ...p }));

export const MAX_SPREAD_POINTS = ruleSets.council.maxSpreadPoints;

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
