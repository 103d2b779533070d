import { OcopError } from './errors';
import { firstLevel, labTestingBefore, levelAction, LevelOutcome, levelOutcome, needsLabTest } from './levels';
import { LevelName, RuleSetCode } from './reference-data';

const nq = (stars: number): LevelOutcome => ({ kind: 'not_qualified', stars });
const rec = (stars: number): LevelOutcome => ({ kind: 'recognised', stars });
const fwd = (stars: number, to: LevelName, provisionalStars?: number): LevelOutcome =>
  provisionalStars === undefined ? { kind: 'forwarded', stars, to } : { kind: 'forwarded', stars, to, provisionalStars };

describe('levelOutcome', () => {
  // Every scoring level of every rule set at every band boundary.
  it.each<[RuleSetCode, LevelName, number, LevelOutcome]>([
    // 1048/2019: the district scores and forwards ≥50; the province recognises 3★/4★ and nominates ≥90.
    ['QD1048-2019', 'district', 0, nq(1)],
    ['QD1048-2019', 'district', 29.99, nq(1)],
    ['QD1048-2019', 'district', 30, nq(2)],
    ['QD1048-2019', 'district', 49.99, nq(2)],
    ['QD1048-2019', 'district', 50, fwd(3, 'province')],
    ['QD1048-2019', 'district', 69.99, fwd(3, 'province')],
    ['QD1048-2019', 'district', 70, fwd(4, 'province')],
    ['QD1048-2019', 'district', 89.99, fwd(4, 'province')],
    ['QD1048-2019', 'district', 90, fwd(5, 'province')],
    ['QD1048-2019', 'district', 100, fwd(5, 'province')],
    ['QD1048-2019', 'province', 49.99, nq(2)],
    ['QD1048-2019', 'province', 50, rec(3)],
    ['QD1048-2019', 'province', 69.99, rec(3)],
    ['QD1048-2019', 'province', 70, rec(4)],
    ['QD1048-2019', 'province', 89.99, rec(4)],
    ['QD1048-2019', 'province', 90, fwd(5, 'central', 4)],
    ['QD1048-2019', 'province', 100, fwd(5, 'central', 4)],
    ['QD1048-2019', 'central', 49.99, rec(4)], // a nominee keeps the province's 4★ (QĐ 1048, 1489)
    ['QD1048-2019', 'central', 0, rec(4)],
    ['QD1048-2019', 'central', 50, rec(4)],
    ['QD1048-2019', 'central', 69.99, rec(4)],
    ['QD1048-2019', 'central', 70, rec(4)],
    ['QD1048-2019', 'central', 89.99, rec(4)],
    ['QD1048-2019', 'central', 90, rec(5)],
    ['QD1048-2019', 'central', 100, rec(5)],
    // 148/2023: the district recognises 3★ and forwards ≥70; the province recognises 4★; central 5★.
    ['QD148-2023', 'district', 29.99, nq(1)],
    ['QD148-2023', 'district', 49.99, nq(2)],
    ['QD148-2023', 'district', 50, rec(3)],
    ['QD148-2023', 'district', 69.99, rec(3)],
    ['QD148-2023', 'district', 70, fwd(4, 'province')],
    ['QD148-2023', 'district', 89.99, fwd(4, 'province')],
    ['QD148-2023', 'district', 90, fwd(5, 'province')],
    ['QD148-2023', 'province', 49.99, rec(3)], // forwarded by the district with ≥70: keeps the district's 3★ (QĐ 148)
    ['QD148-2023', 'province', 50, rec(3)],
    ['QD148-2023', 'province', 69.99, rec(3)],
    ['QD148-2023', 'province', 70, rec(4)],
    ['QD148-2023', 'province', 89.99, rec(4)],
    ['QD148-2023', 'province', 90, fwd(5, 'central', 4)],
    ['QD148-2023', 'central', 49.99, rec(4)], // a nominee keeps the province's 4★ (QĐ 1048, 1489)
    ['QD148-2023', 'central', 0, rec(4)],
    ['QD148-2023', 'central', 50, rec(4)],
    ['QD148-2023', 'central', 69.99, rec(4)],
    ['QD148-2023', 'central', 70, rec(4)],
    ['QD148-2023', 'central', 89.99, rec(4)],
    ['QD148-2023', 'central', 90, rec(5)],
    // 1489/2025: the commune checks the dossier; province and central as under 1048.
    ['QD1489-2025', 'province', 49.99, nq(2)],
    ['QD1489-2025', 'province', 50, rec(3)],
    ['QD1489-2025', 'province', 69.99, rec(3)],
    ['QD1489-2025', 'province', 70, rec(4)],
    ['QD1489-2025', 'province', 89.99, rec(4)],
    ['QD1489-2025', 'province', 90, fwd(5, 'central', 4)],
    ['QD1489-2025', 'central', 49.99, rec(4)], // a nominee keeps the province's 4★ (QĐ 1048, 1489)
    ['QD1489-2025', 'central', 0, rec(4)],
    ['QD1489-2025', 'central', 50, rec(4)],
    ['QD1489-2025', 'central', 69.99, rec(4)],
    ['QD1489-2025', 'central', 70, rec(4)],
    ['QD1489-2025', 'central', 89.99, rec(4)],
    ['QD1489-2025', 'central', 90, rec(5)],
  ])('%s at the %s level, mean %p → %o', (code, level, mean, expected) => {
    expect(levelOutcome(code, level, mean)).toEqual(expected);
  });

  it.each<[RuleSetCode, LevelName, number[], LevelOutcome]>([
    // The exact mean decides (sum against threshold × count), not the mean rounded to 2 decimals.
    ['QD1048-2019', 'province', [69.99, 70, 70], rec(3)],
    ['QD1048-2019', 'province', [70, 70, 70], rec(4)],
    ['QD1048-2019', 'province', [89.99, 90, 90], rec(4)],
    ['QD1048-2019', 'province', [90, 90, 90], fwd(5, 'central', 4)],
    ['QD1048-2019', 'district', [49.99, 50, 50], nq(2)],
    ['QD148-2023', 'district', [69.99, 70, 70], rec(3)],
    ['QD148-2023', 'district', [69.99, 70, 70.01], fwd(4, 'province')],
  ])('%s at the %s level, totals %p → %o', (code, level, totals, expected) => {
    const roundedMean = Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100;
    expect(levelOutcome(code, level, roundedMean, totals)).toEqual(expected);
  });

  it.each<[RuleSetCode, LevelName, number]>([
    ['QD1489-2025', 'commune', 80], // a dossier check, not a score
    ['QD1489-2025', 'district', 80], // no district level under 1489
    ['QD1048-2019', 'commune', 80],
    ['QD148-2023', 'commune', 80],
    ['QD1048-2019', 'province', 100.01],
    ['QD148-2023', 'district', -0.01],
    ['QD148-2023', 'central', Number.NaN],
  ])('%s at the %s level refuses a mean of %p', (code, level, mean) => {
    expect(() => levelOutcome(code, level, mean)).toThrow(RangeError);
  });
});

describe('firstLevel', () => {
  it.each<[RuleSetCode, LevelName]>([
    ['QD1048-2019', 'district'],
    ['QD148-2023', 'district'],
    ['QD1489-2025', 'commune'],
  ])('%s starts at the %s level', (code, level) => {
    expect(firstLevel(code)).toBe(level);
  });
});

describe('levelAction', () => {
  it.each<[RuleSetCode, LevelName, 'score' | 'check-dossier']>([
    ['QD1048-2019', 'district', 'score'],
    ['QD1048-2019', 'province', 'score'],
    ['QD1048-2019', 'central', 'score'],
    ['QD148-2023', 'district', 'score'],
    ['QD148-2023', 'province', 'score'],
    ['QD148-2023', 'central', 'score'],
    ['QD1489-2025', 'commune', 'check-dossier'],
    ['QD1489-2025', 'province', 'score'],
    ['QD1489-2025', 'central', 'score'],
  ])('%s: the %s level does %s', (code, level, action) => {
    expect(levelAction(code, level)).toBe(action);
  });

  it.each<[RuleSetCode, LevelName]>([
    ['QD1489-2025', 'district'],
    ['QD1048-2019', 'commune'],
  ])('%s has no %s level', (code, level) => {
    expect(() => levelAction(code, level)).toThrow(RangeError);
  });
});

describe('labTestingBefore', () => {
  it.each<[RuleSetCode, LevelName]>([
    ['QD1048-2019', 'province'],
    ['QD148-2023', 'district'],
    ['QD1489-2025', 'province'],
  ])('%s: lab results before the %s level', (code, level) => {
    expect(labTestingBefore(code)).toBe(level);
  });
});

describe('needsLabTest', () => {
  it.each<[RuleSetCode, string, boolean]>([
    ['QD1048-2019', 'thuc-pham', true],
    ['QD1048-2019', 'do-uong', true],
    ['QD1048-2019', 'thao-duoc', true],
    ['QD1048-2019', 'vai-may-mac', false],
    ['QD1048-2019', 'luu-niem-noi-that-trang-tri', false],
    ['QD1048-2019', 'dich-vu-du-lich-nong-thon', false],
    ['QD148-2023', 'duoc-lieu', true],
    ['QD148-2023', 'thu-cong-my-nghe', false],
    ['QD148-2023', 'du-lich-cong-dong', false],
    ['QD1489-2025', 'do-uong', true],
    ['QD1489-2025', 'sinh-vat-canh', false],
  ])('%s, group %s: lab test %p', (code, group, expected) => {
    expect(needsLabTest(code, group)).toBe(expected);
  });

  it.each<[RuleSetCode, string]>([
    ['QD1048-2019', 'duoc-lieu'],
    ['QD148-2023', 'thao-duoc'],
    ['QD1489-2025', 'nope'],
  ])('%s does not know group %s', (code, group) => {
    expect(() => needsLabTest(code, group)).toThrow(OcopError);
    expect(() => needsLabTest(code, group)).toThrow(/^UNKNOWN_PRODUCT_GROUP:/);
  });
});
