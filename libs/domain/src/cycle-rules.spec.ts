import { defaultRuleSetForYear, isPlausibleCycleYear, lateEntryEnds, takesIdeas } from './cycle-rules';

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

describe('takesIdeas: the idea window closes at the end of its local day (Vietnam time), late entries aside', () => {
  // The window closes on 31/03/2021: written as the canonical end of that day (00:00 local 1 April = 17:00Z 31 March)
  // or as an instant during the day.
  const endOfDay = '2021-03-31T17:00:00.000Z';
  const duringDay = '2021-03-31T03:00:00.000Z';
  it.each([
    ['00:30 local on the closing day', endOfDay, '2021-03-30T17:30:00Z', undefined, true],
    ['23:30 local on the closing day', endOfDay, '2021-03-31T16:30:00Z', undefined, true],
    ['00:30 local the day after', endOfDay, '2021-03-31T17:30:00Z', undefined, false],
    ['23:30 local on the closing day (instant inside the day)', duringDay, '2021-03-31T16:30:00Z', undefined, true],
    ['00:00 local the day after (instant inside the day)', duringDay, '2021-03-31T17:00:00Z', undefined, false],
    ['a week later, no late entry', endOfDay, '2021-04-07T03:00:00Z', undefined, false],
    ['a week later, late entry through 08/04', endOfDay, '2021-04-07T03:00:00Z', '2021-04-08T17:00:00.000Z', true],
    ['23:30 local on the late entry’s last day', endOfDay, '2021-04-08T16:30:00Z', '2021-04-08T17:00:00.000Z', true],
    ['after the late entry ended', endOfDay, '2021-04-08T17:30:00Z', '2021-04-08T17:00:00.000Z', false],
  ])('%s', (_what, closesAt, now, lateUntil, expected) => {
    expect(takesIdeas(closesAt, new Date(now), lateUntil)).toBe(expected);
  });
});

describe('lateEntryEnds: always the end of a local day', () => {
  const now = new Date('2021-04-05T10:00:00Z'); // 17:00 local, 5 April
  it.each([
    ['no end named: the 7th local day from today', undefined, '2021-04-12T17:00:00.000Z'],
    ['a local date', '2021-04-08', '2021-04-08T17:00:00.000Z'],
    ['an instant inside a local day', '2021-04-08T02:00:00Z', '2021-04-08T17:00:00.000Z'],
    ['the canonical end of a day', '2021-04-08T17:00:00.000Z', '2021-04-08T17:00:00.000Z'],
  ])('%s', (_what, until, expected) => {
    expect(lateEntryEnds(now, until).toISOString()).toBe(expected);
  });
});
