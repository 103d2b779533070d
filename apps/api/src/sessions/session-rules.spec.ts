import type { RuleSetCode } from '@ocop/domain';
import type { UserRecord } from '@ocop/identity';
import { isAreaProblem, mayOpenSession, resolveSessionArea, ruleSetScoresAt, scoringParts, SessionArea, SessionLevel, spreadWarningFor } from './session-rules';

describe('resolveSessionArea', () => {
  it.each<[SessionLevel, string, string | undefined, SessionArea | { code: string; field: string }]>([
    ['district', 'bac-ha', undefined, { level: 'district', areaCode: 'bac-ha', provinceCode: 'lao-cai' }],
    ['district', 'tx-sa-pa', undefined, { level: 'district', areaCode: 'tx-sa-pa', provinceCode: 'lao-cai' }],
    ['district', 'lao-cai', undefined, { code: 'UNKNOWN_DISTRICT', field: 'areaCode' }],
    ['district', 'nowhere', undefined, { code: 'UNKNOWN_DISTRICT', field: 'areaCode' }],
    ['province', 'lao-cai', undefined, { level: 'province', areaCode: 'lao-cai', provinceCode: 'lao-cai' }],
    ['province', 'bac-ha', undefined, { code: 'VALIDATION_FAILED', field: 'areaCode' }],
    ['central', 'vn', undefined, { level: 'central', areaCode: 'vn', provinceCode: 'lao-cai' }],
    ['central', 'vn', 'lao-cai', { level: 'central', areaCode: 'vn', provinceCode: 'lao-cai' }],
    ['central', 'vn', 'ha-giang', { code: 'VALIDATION_FAILED', field: 'provinceCode' }],
    ['central', 'lao-cai', undefined, { code: 'VALIDATION_FAILED', field: 'areaCode' }],
  ])('%s session in %s (province %s) → %j', (level, areaCode, provinceCode, expected) => {
    const result = resolveSessionArea(level, areaCode, provinceCode);
    if (isAreaProblem(result)) expect(result).toMatchObject(expected);
    else expect(result).toEqual(expected);
  });
});

describe('mayOpenSession', () => {
  const user = (role: UserRecord['role'], binding: Partial<Pick<UserRecord, 'districtCode' | 'provinceCode'>> = {}) => ({ role, ...binding });
  const bacHa: SessionArea = { level: 'district', areaCode: 'bac-ha', provinceCode: 'lao-cai' };
  const batXat: SessionArea = { level: 'district', areaCode: 'bat-xat', provinceCode: 'lao-cai' };
  const laoCai: SessionArea = { level: 'province', areaCode: 'lao-cai', provinceCode: 'lao-cai' };
  const central: SessionArea = { level: 'central', areaCode: 'vn', provinceCode: 'lao-cai' };
  const bacHaCoordinator = user('district_coordinator', { districtCode: 'bac-ha', provinceCode: 'lao-cai' });
  const laoCaiCoordinator = user('provincial_coordinator', { provinceCode: 'lao-cai' });
  const otherProvince = user('provincial_coordinator', { provinceCode: 'ha-giang' });

  it.each([
    ['district coordinator, own district', bacHaCoordinator, bacHa, true],
    ['district coordinator, another district', bacHaCoordinator, batXat, false],
    ['district coordinator, its province', bacHaCoordinator, laoCai, false],
    ['district coordinator, central', bacHaCoordinator, central, false],
    ['district coordinator without a district', user('district_coordinator'), bacHa, false],
    ['provincial coordinator, its province', laoCaiCoordinator, laoCai, true],
    ['provincial coordinator, a district within it', laoCaiCoordinator, batXat, true],
    ['provincial coordinator, central', laoCaiCoordinator, central, false],
    ['provincial coordinator of another province', otherProvince, laoCai, false],
    ['provincial coordinator of another province, a district here', otherProvince, bacHa, false],
    ['admin, central', user('admin'), central, true],
    ['admin, a district', user('admin'), bacHa, true],
    ['council member', user('council_member'), bacHa, false],
    ['producer', user('producer', { provinceCode: 'lao-cai' }), laoCai, false],
    ['lab', user('lab'), laoCai, false],
  ] as const)('%s → %s', (_, who, area, expected) => {
    expect(mayOpenSession(who, area)).toBe(expected);
  });
});

describe('ruleSetScoresAt', () => {
  it.each<[RuleSetCode, SessionLevel, boolean]>([
    ['QD1048-2019', 'district', true],
    ['QD1048-2019', 'province', true],
    ['QD1048-2019', 'central', true],
    ['QD148-2023', 'district', true],
    ['QD1489-2025', 'district', false],
    ['QD1489-2025', 'province', true],
    ['QD1489-2025', 'central', true],
  ])('%s at %s → %s', (code, level, expected) => {
    expect(ruleSetScoresAt(code, level)).toBe(expected);
  });

  it('lists the parts with their maxima, which add up to 100', () => {
    for (const code of ['QD1048-2019', 'QD148-2023', 'QD1489-2025'] as const) {
      const parts = scoringParts(code);
      expect(parts.map((p) => p.code)).toEqual(['A', 'B', 'C']);
      expect(parts.reduce((sum, p) => sum + p.max, 0)).toBe(100);
    }
  });
});

describe('spreadWarningFor', () => {
  const card = (memberId: string, total: number, productId = 'p1') => ({ memberId, productId, total });

  it.each([
    ['no other scorecard', [card('m1', 70)], { total: 70, others: 0, largestDifference: 0, exceeded: false }],
    ['within 10 points', [card('m1', 70), card('m2', 80), card('m3', 65)], { total: 70, others: 2, largestDifference: 10, exceeded: false }],
    ['exactly 10 points is allowed', [card('m1', 60), card('m2', 70)], { largestDifference: 10, exceeded: false }],
    ['10.01 points is over', [card('m1', 59.99), card('m2', 70)], { largestDifference: 10.01, exceeded: true }],
    ['far below the others', [card('m1', 50), card('m2', 72), card('m3', 74)], { others: 2, largestDifference: 24, exceeded: true }],
    ['far above one other', [card('m1', 90), card('m2', 75)], { largestDifference: 15, exceeded: true }],
    ['other products do not count', [card('m1', 70), card('m2', 20, 'p2'), card('m3', 75)], { others: 1, largestDifference: 5, exceeded: false }],
    ['binary fractions do not tip it over', [card('m1', 70.1), card('m2', 80.1)], { largestDifference: 10, exceeded: false }],
  ])('%s', (_, cards, expected) => {
    expect(spreadWarningFor(cards, 'p1', 'm1')).toMatchObject({ maxSpreadPoints: 10, ...expected });
  });

  it('is undefined when the caller has not scored the product', () => {
    expect(spreadWarningFor([card('m2', 70)], 'p1', 'm1')).toBeUndefined();
    expect(spreadWarningFor([card('m1', 70, 'p2')], 'p1', 'm1')).toBeUndefined();
  });

  it.each([
    [{ p1: ['m1'] }, true],
    [{ p1: ['m2'] }, false],
    [{ p2: ['m1'] }, false],
    [{}, false],
  ])('mustRevise %j → %s', (mustRevise, expected) => {
    expect(spreadWarningFor([card('m1', 50), card('m2', 75)], 'p1', 'm1', mustRevise)?.mustRevise).toBe(expected);
  });

  it('takes another maximum spread', () => {
    expect(spreadWarningFor([card('m1', 70), card('m2', 76)], 'p1', 'm1', {}, 5)).toMatchObject({ maxSpreadPoints: 5, exceeded: true });
  });
});
