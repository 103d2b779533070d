import type { RuleSetCode } from '@ocop/domain';
import {
  isAreaProblem,
  resolveSessionArea,
  ruleSetScoresAt,
  scoringParts,
  SessionArea,
  SessionLevel,
  spreadWarningFor,
} from './session-rules';

describe('resolveSessionArea', () => {
  it.each<[SessionLevel, string, string | undefined, SessionArea | { code: string; field: string }]>([
    ['district', 'bac-ha', undefined, { level: 'district', areaCode: 'bac-ha', provinceCode: 'lao-cai' }],
    ['district', 'tx-sa-pa', undefined, { level: 'district', areaCode: 'tx-sa-pa', provinceCode: 'lao-cai' }],
    ['district', 'lao-cai', undefined, { code: 'UNKNOWN_DISTRICT', field: 'areaCode' }],
    ['district', 'nowhere', undefined, { code: 'UNKNOWN_DISTRICT', field: 'areaCode' }],
    ['province', 'lao-cai', undefined, { level: 'province', areaCode: 'lao-cai', provinceCode: 'lao-cai' }],
    ['province', 'bac-ha', undefined, { code: 'VALIDATION_FAILED', field: 'areaCode' }],
    // The central office's national session: every province's nominees.
    ['central', 'vn', undefined, { level: 'central', areaCode: 'vn', provinceCode: 'vn' }],
    ['district', '123', undefined, { level: 'district', areaCode: '123', provinceCode: '14' }],
    ['province', '14', undefined, { level: 'province', areaCode: '14', provinceCode: '14' }],
    ['central', 'vn', '14', { level: 'central', areaCode: 'vn', provinceCode: '14' }],
    ['central', 'vn', 'lao-cai', { level: 'central', areaCode: 'vn', provinceCode: 'lao-cai' }],
    ['central', 'vn', 'ha-giang', { code: 'VALIDATION_FAILED', field: 'provinceCode' }],
    ['central', 'lao-cai', undefined, { code: 'VALIDATION_FAILED', field: 'areaCode' }],
  ])('%s session in %s (province %s) → %j', (level, areaCode, provinceCode, expected) => {
    const result = resolveSessionArea(level, areaCode, provinceCode);
    if (isAreaProblem(result)) expect(result).toMatchObject(expected);
    else expect(result).toEqual(expected);
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
    [
      'within 10 points',
      [card('m1', 70), card('m2', 80), card('m3', 65)],
      { total: 70, others: 2, largestDifference: 10, exceeded: false },
    ],
    ['exactly 10 points is allowed', [card('m1', 60), card('m2', 70)], { largestDifference: 10, exceeded: false }],
    ['10.01 points is over', [card('m1', 59.99), card('m2', 70)], { largestDifference: 10.01, exceeded: true }],
    ['far below the others', [card('m1', 50), card('m2', 72), card('m3', 74)], { others: 2, largestDifference: 24, exceeded: true }],
    ['far above one other', [card('m1', 90), card('m2', 75)], { largestDifference: 15, exceeded: true }],
    [
      'other products do not count',
      [card('m1', 70), card('m2', 20, 'p2'), card('m3', 75)],
      { others: 1, largestDifference: 5, exceeded: false },
    ],
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
