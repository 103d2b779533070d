// OCOP reference data, copied into the repo from shared/ocop so the project builds on its own.
import ruleSetsJson from '../data/rule-sets.json';
import productGroupsJson from '../data/product-groups.json';
import laoCai2021Json from '../data/lao-cai-2021.json';

export type RuleSetCode = 'QD1048-2019' | 'QD148-2023' | 'QD1489-2025';
export const RULE_SET_CODES: readonly RuleSetCode[] = ['QD1048-2019', 'QD148-2023', 'QD1489-2025'];

export type PartCode = 'A' | 'B' | 'C';
export type LevelName = 'commune' | 'district' | 'province' | 'central';

export interface LocalisedName {
  readonly vi: string;
  readonly en: string;
}

export interface RuleSetLevel {
  readonly level: LevelName;
  readonly action: 'score' | 'check-dossier';
  readonly recognises: readonly number[];
  readonly forwardIfAtLeast?: number;
}

export interface RuleSet {
  readonly code: RuleSetCode;
  readonly title: string;
  readonly parts: Readonly<Record<PartCode, LocalisedName & { readonly max: number }>>;
  readonly levels: readonly RuleSetLevel[];
  readonly labTestingBefore: LevelName;
}

export interface ProductGroup extends LocalisedName {
  readonly code: string;
  readonly labTested: boolean;
  readonly onSiteAssessment?: boolean;
}

export interface District {
  readonly code: string;
  readonly vi: string;
  readonly type: string;
}

export interface Province extends LocalisedName {
  readonly code: string;
  readonly districts: readonly District[];
}

export interface StarBand {
  readonly stars: number;
  readonly min: number;
  readonly max: number;
}

export const STAR_BANDS: readonly StarBand[] = ruleSetsJson.starBands;
export const CERTIFIABLE_STARS: readonly number[] = ruleSetsJson.certifiableStars;
export const CERTIFICATE_VALIDITY_MONTHS: number = ruleSetsJson.certificateValidityMonths;

const ruleSets = ruleSetsJson.ruleSets as unknown as Record<RuleSetCode, Omit<RuleSet, 'code'>>;

export function ruleSet(code: RuleSetCode): RuleSet {
  return { code, ...ruleSets[code] };
}

export function isRuleSetCode(value: string): value is RuleSetCode {
  return (RULE_SET_CODES as readonly string[]).includes(value);
}

// Decision 1489/2025 amends Annex II of 148/2023 (the scoring annex) and keeps 148's product groups.
const groupsSource: Record<RuleSetCode, keyof typeof productGroupsJson> = {
  'QD1048-2019': 'QD1048-2019',
  'QD148-2023': 'QD148-2023',
  'QD1489-2025': 'QD148-2023',
};

export function productGroups(code: RuleSetCode): readonly ProductGroup[] {
  return productGroupsJson[groupsSource[code]] as readonly ProductGroup[];
}

export function findProductGroup(code: RuleSetCode, groupCode: string): ProductGroup | undefined {
  return productGroups(code).find((group) => group.code === groupCode);
}

export const LAO_CAI: Province = {
  code: laoCai2021Json.province.code,
  vi: laoCai2021Json.province.vi,
  en: laoCai2021Json.province.en,
  districts: laoCai2021Json.districts,
};

export const PROVINCES: readonly Province[] = [LAO_CAI];

export function findDistrict(districtCode: string): (District & { readonly provinceCode: string }) | undefined {
  for (const province of PROVINCES) {
    const district = province.districts.find((d) => d.code === districtCode);
    if (district) return { ...district, provinceCode: province.code };
  }
  return undefined;
}

export const LAO_CAI_2021_TARGETS = laoCai2021Json.targets2021;
export const PRODUCER_TYPES: readonly (LocalisedName & { readonly code: string })[] = laoCai2021Json.producerTypes;
