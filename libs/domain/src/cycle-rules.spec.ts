import { defaultRuleSetForYear, isPlausibleCycleYear } from './cycle-rules';

describe('defaultRuleSetForYear', () => {
  it.each([
    [2019, 'QD1048-2019'],
    [2021, 'QD1048-2019'],
    [2022, 'QD1048-2019'],
    [2023, 'QD148-2023'],
    [2025, 'QD148-2023'],
    [2026, 'QD1489-2025'],
  ])('the %p cycle runs under %s', (year, code) => {
    expect(defaultRuleSetForYear(year)).toBe(code);
  });
});

describe('isPlausibleCycleYear', () => {
  const now = new Date('2026-11-28T00:00:00Z');
  it.each([
    [2017, false],
    [2018, true],
    [2026, true],
    [2027, true],
    [2028, false],
    [2021.5, false],
  ])('%p → %p', (year, expected) => {
    expect(isPlausibleCycleYear(year, now)).toBe(expected);
  });
});
