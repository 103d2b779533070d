import { areaLevelOf, mapOn, OCOP_PROVINCES, type MapName } from '@ocop/admin-map';
import { LAO_CAI, levelOutcome, LevelName, productGroups, RuleSetCode, ruleSet } from '@ocop/domain';

/** What happens to a simulated product; the run checks that exactly this came out. */
export type Fate = 'five_stars' | 'nominee_keeps_four' | 'four_stars' | 'three_stars' | 'not_qualified' | 'rejected';

/**
 * The fates, in the order a province's products take them, each province starting one further along: with two
 * products in three provinces, two provinces send a nominee to the centre, one of which gets its 5★ and one keeps
 * its 4★; with three or more products, every fate occurs.
 */
export const FATES: readonly Fate[] = ['five_stars', 'four_stars', 'three_stars', 'nominee_keeps_four', 'not_qualified', 'rejected'];

/** Each member's total is around these means, by level (a fate never reaches the levels it has no mean for). */
const MEANS: Record<Fate, Partial<Record<LevelName, number>>> = {
  five_stars: { district: 80, province: 92, central: 93 },
  nominee_keeps_four: { district: 80, province: 91, central: 85 },
  four_stars: { district: 75, province: 80 },
  three_stars: { district: 60, province: 60 },
  not_qualified: { district: 40, province: 40 },
  rejected: {},
};

export interface YearSpec {
  readonly year: number;
  readonly ruleSet: RuleSetCode;
}

export interface ProductPlan {
  readonly index: number;
  readonly fate: Fate;
  readonly productGroup: string;
}

/** One province's cycle of one year. */
export interface CyclePlan {
  readonly provinceCode: string;
  readonly year: number;
  readonly ruleSet: RuleSetCode;
  /** The map the cycle's year stands on (legacy before 1 July 2025). */
  readonly map: MapName;
  /** Where its first level works: district councils (1048, 148 on the legacy map) or the commune's dossier check. */
  readonly areaLevel: 'district' | 'commune';
  readonly products: readonly ProductPlan[];
}

export interface NationalPlan {
  readonly provinceCodes: readonly string[];
  readonly years: readonly YearSpec[];
  readonly cycles: readonly CyclePlan[];
}

/** What the product should end as under its cycle's rule set, read from the rule set's levels (libs/domain). */
export interface ExpectedOutcome {
  readonly stage: 'certified' | 'not_qualified' | 'rejected';
  readonly stars?: number;
  /** The province's 4★ awaiting the centre. */
  readonly nominee: boolean;
  /** Certificates issued over the journey (a 5★ supersedes the province's 4★: two). */
  readonly certificates: number;
  /** The council's mean at each level it is scored at. */
  readonly means: Partial<Record<LevelName, number>>;
}

/** The 34 provinces of the 2025 map (the 2021 plan's Lào Cai is the single-province simulation's). */
export const NATIONAL_PROVINCES = OCOP_PROVINCES.filter((p) => p.code !== LAO_CAI.code);

/**
 * Every province runs `current` (the 2025 map's year); of the others, past years are spread over the provinces in
 * turn — province i runs past[i mod (past + 1) − 1], the first of every (past + 1) provinces none — so some provinces
 * also run a year under 1048/2019 or 148/2023 on the legacy map.
 */
export function planNationalYear(options: {
  readonly provinces: number;
  readonly perProvince: number;
  readonly current: YearSpec;
  readonly past: readonly YearSpec[];
}): NationalPlan {
  const provinces = NATIONAL_PROVINCES.slice(0, options.provinces);
  const cycles: CyclePlan[] = [];
  provinces.forEach((province, i) => {
    const pastYear = options.past[(i % (options.past.length + 1)) - 1];
    for (const spec of pastYear ? [options.current, pastYear] : [options.current]) {
      const opensOn = `${spec.year}-01-15`;
      const group = productGroups(spec.ruleSet).find((g) => !g.labTested && !g.onSiteAssessment)!.code;
      cycles.push({
        provinceCode: province.code,
        year: spec.year,
        ruleSet: spec.ruleSet,
        map: mapOn(opensOn),
        areaLevel: areaLevelOf(spec.ruleSet, opensOn),
        products: Array.from({ length: options.perProvince }, (_, index) => ({
          index,
          fate: FATES[(i + index) % FATES.length]!,
          productGroup: group,
        })),
      });
    }
  });
  const years = [options.current, ...options.past].filter((spec) => cycles.some((c) => c.year === spec.year));
  return { provinceCodes: provinces.map((p) => p.code), years, cycles };
}

/** The product's path through the rule set's levels, each council's mean judged by levelOutcome. */
export function expectedOutcome(fate: Fate, code: RuleSetCode): ExpectedOutcome {
  if (fate === 'rejected') return { stage: 'rejected', nominee: false, certificates: 0, means: {} };
  const means: Partial<Record<LevelName, number>> = {};
  let provisional: number | undefined;
  for (const level of ruleSet(code).levels) {
    if (level.action !== 'score') continue; // the commune's dossier check passes
    const mean = MEANS[fate][level.level];
    if (mean === undefined) throw new RangeError(`${fate} has no mean for the ${level.level} level of ${code}`);
    means[level.level] = mean;
    const outcome = levelOutcome(code, level.level, mean);
    if (outcome.kind === 'not_qualified') return { stage: 'not_qualified', nominee: false, certificates: 0, means };
    if (outcome.kind === 'recognised') {
      const issued = provisional === undefined ? 1 : outcome.stars === provisional ? 1 : 2;
      return { stage: 'certified', stars: outcome.stars, nominee: provisional !== undefined, certificates: issued, means };
    }
    provisional ??= outcome.provisionalStars;
  }
  throw new RangeError(`${fate} under ${code} never ends`);
}
