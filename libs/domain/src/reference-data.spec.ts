import { findDistrict, findProductGroup, LAO_CAI, LAO_CAI_2021_TARGETS, productGroups, RULE_SET_CODES, ruleSet } from './reference-data';

describe('rule sets', () => {
  it.each(RULE_SET_CODES)('%s has parts A, B, C adding up to 100 points', (code) => {
    const { parts } = ruleSet(code);
    expect(Object.keys(parts).sort()).toEqual(['A', 'B', 'C']);
    expect(parts.A.max + parts.B.max + parts.C.max).toBe(100);
  });

  it.each([
    ['QD1048-2019', ['district', 'province', 'central'], { A: 35, B: 25, C: 40 }],
    ['QD148-2023', ['district', 'province', 'central'], { A: 40, B: 25, C: 35 }],
    ['QD1489-2025', ['commune', 'province', 'central'], { A: 40, B: 25, C: 35 }],
  ] as const)('%s: levels %p, part maxima %p', (code, levels, maxima) => {
    const rules = ruleSet(code);
    expect(rules.levels.map((l) => l.level)).toEqual(levels);
    expect({ A: rules.parts.A.max, B: rules.parts.B.max, C: rules.parts.C.max }).toEqual(maxima);
  });
});

describe('product groups', () => {
  it.each([
    ['QD1048-2019', 'do-uong', true],
    ['QD1048-2019', 'vai-may-mac', false],
    ['QD148-2023', 'duoc-lieu', true],
    ['QD1489-2025', 'duoc-lieu', true],
  ] as const)('%s knows %s (lab tested: %p)', (code, group, labTested) => {
    expect(findProductGroup(code, group)?.labTested).toBe(labTested);
  });

  it('a group of one rule set is unknown to another', () => {
    expect(findProductGroup('QD148-2023', 'thao-duoc')).toBeUndefined();
    expect(findProductGroup('QD1048-2019', 'duoc-lieu')).toBeUndefined();
  });

  it('1489/2025 keeps the groups of 148/2023', () => {
    expect(productGroups('QD1489-2025')).toEqual(productGroups('QD148-2023'));
  });
});

describe('Lào Cai 2021', () => {
  it('has its 9 district-level units, each findable with its province', () => {
    expect(LAO_CAI.districts).toHaveLength(9);
    for (const district of LAO_CAI.districts) expect(findDistrict(district.code)?.provinceCode).toBe('lao-cai');
    expect(findDistrict('ha-noi')).toBeUndefined();
  });

  it('carries the plan’s targets', () => {
    expect(LAO_CAI_2021_TARGETS.newCertifiedProductsAtLeast).toBe(30);
    expect(LAO_CAI_2021_TARGETS.economicOrganisationsConsolidatedAtLeast).toBe(12);
    expect(LAO_CAI_2021_TARGETS.newOrganisationsJoiningAtLeast).toBe(7);
  });
});
