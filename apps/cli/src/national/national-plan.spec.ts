import { ruleSet, RuleSetCode } from '@ocop/domain';
import { partsOf } from './national-offices';
import { expectedOutcome, Fate, NATIONAL_PROVINCES, planNationalYear } from './national-plan';
import { pastYearsArg } from './national-args';

describe('the national simulation’s plan', () => {
  it.each<[Fate, RuleSetCode, string, number | undefined, boolean, number]>([
    ['five_stars', 'QD1489-2025', 'certified', 5, true, 2],
    ['five_stars', 'QD148-2023', 'certified', 5, true, 2],
    ['five_stars', 'QD1048-2019', 'certified', 5, true, 2],
    ['nominee_keeps_four', 'QD1489-2025', 'certified', 4, true, 1],
    ['nominee_keeps_four', 'QD1048-2019', 'certified', 4, true, 1],
    ['four_stars', 'QD148-2023', 'certified', 4, false, 1],
    ['three_stars', 'QD148-2023', 'certified', 3, false, 1], // recognised by the district
    ['three_stars', 'QD1048-2019', 'certified', 3, false, 1], // by the province
    ['not_qualified', 'QD1489-2025', 'not_qualified', undefined, false, 0],
    ['not_qualified', 'QD148-2023', 'not_qualified', undefined, false, 0],
    ['rejected', 'QD1048-2019', 'rejected', undefined, false, 0],
  ])('%s under %s ends %s with %p★ (nominee %p, %p certificates)', (fate, code, stage, stars, nominee, certificates) => {
    const outcome = expectedOutcome(fate, code);
    expect({ stage: outcome.stage, stars: outcome.stars, nominee: outcome.nominee, certificates: outcome.certificates }).toEqual({
      stage,
      stars,
      nominee,
      certificates,
    });
  });

  it('scores each fate only at the levels it reaches: a 148 three-star ends at the district, a 1489 product starts at the province', () => {
    expect(Object.keys(expectedOutcome('three_stars', 'QD148-2023').means)).toEqual(['district']);
    expect(Object.keys(expectedOutcome('five_stars', 'QD1489-2025').means)).toEqual(['province', 'central']);
    expect(Object.keys(expectedOutcome('five_stars', 'QD1048-2019').means)).toEqual(['district', 'province', 'central']);
  });

  it('runs the current year in every province and spreads the past years over them, with both maps', () => {
    const plan = planNationalYear({
      provinces: 34,
      perProvince: 3,
      current: { year: 2026, ruleSet: 'QD1489-2025' },
      past: [
        { year: 2024, ruleSet: 'QD148-2023' },
        { year: 2022, ruleSet: 'QD1048-2019' },
      ],
    });
    expect(NATIONAL_PROVINCES).toHaveLength(34);
    expect(plan.provinceCodes).toHaveLength(34);
    const count = (year: number) => plan.cycles.filter((c) => c.year === year).length;
    expect([count(2026), count(2024), count(2022)]).toEqual([34, 11, 11]);
    expect(new Set(plan.cycles.map((c) => `${c.year} ${c.map} ${c.areaLevel}`))).toEqual(
      new Set(['2026 2025 commune', '2024 legacy district', '2022 legacy district']),
    );
    // Every fate occurs, and nominees come from many provinces.
    const fates = plan.cycles.flatMap((c) => c.products.map((p) => p.fate));
    expect(new Set(fates).size).toBe(6);
    const nominating = plan.cycles.filter((c) => c.year === 2026 && c.products.some((p) => expectedOutcome(p.fate, c.ruleSet).nominee));
    expect(nominating.length).toBeGreaterThan(10);
  });

  it('takes past years as year:rule-set pairs, or two and four years back under their own rule sets', () => {
    expect(pastYearsArg(['--national'], 2026)).toEqual([
      { year: 2024, ruleSet: 'QD148-2023' },
      { year: 2022, ruleSet: 'QD1048-2019' },
    ]);
    expect(pastYearsArg(['--past', '2023:QD148-2023'], 2025)).toEqual([{ year: 2023, ruleSet: 'QD148-2023' }]);
    for (const bad of ['2023', '2023:QD999', '2025:QD148-2023', 'x:QD148-2023'])
      expect(() => pastYearsArg(['--past', bad], 2025)).toThrow(RangeError);
  });

  it.each<RuleSetCode>(['QD1048-2019', 'QD148-2023', 'QD1489-2025'])('splits a total over the parts of %s within their maxima', (code) => {
    for (const total of [39, 60, 79.5, 93, 94]) {
      const parts = partsOf(code, total);
      expect(Object.values(parts).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
      for (const [name, score] of Object.entries(parts))
        expect(score).toBeLessThanOrEqual(ruleSet(code).parts[name as 'A' | 'B' | 'C'].max);
    }
  });
});
