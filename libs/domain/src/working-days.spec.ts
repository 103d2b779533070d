import {
  addWorkingDays,
  canEnterSession,
  DOSSIER_LEAD_WORKING_DAYS,
  isWorkingDay,
  latestDossierDate,
  workingDaysBetween,
} from './working-days';

// March 2025: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7, Sat 8, Sun 9, Mon 10.
// Holidays 2025: Wed 1 Jan, Wed 30 Apr, Thu 1 May, Tue 2 Sep.
const at = (iso: string) => new Date(iso);
const day = (date: string) => new Date(`${date}T00:00:00.000Z`);
const dateOf = (value: Date) => value.toISOString();

describe('isWorkingDay', () => {
  it.each([
    ['2025-03-03T00:00:00Z', true], // Monday
    ['2025-03-07T12:00:00Z', true], // Friday
    ['2025-03-07T23:59:59.999Z', true],
    ['2025-03-08T00:00:00Z', false], // Saturday
    ['2025-03-09T12:00:00Z', false], // Sunday
    ['2025-03-08T05:00:00+07:00', true], // Saturday morning in Hà Nội is still Friday in UTC
    ['2025-01-01T00:00:00Z', false], // New Year, a Wednesday
    ['2024-12-31T00:00:00Z', true],
    ['2025-01-02T00:00:00Z', true],
    ['2025-04-29T00:00:00Z', true],
    ['2025-04-30T00:00:00Z', false], // Reunification Day, a Wednesday
    ['2025-05-01T00:00:00Z', false], // Labour Day, a Thursday
    ['2025-05-02T00:00:00Z', true],
    ['2025-09-01T00:00:00Z', true], // the second National Day holiday is set by decree: out of scope
    ['2025-09-02T00:00:00Z', false], // National Day, a Tuesday
    ['2021-05-01T00:00:00Z', false], // a holiday on a Saturday (no compensatory day modelled)
    ['2021-05-03T00:00:00Z', true],
  ])('%s → %p', (instant, expected) => {
    expect(isWorkingDay(at(instant))).toBe(expected);
  });

  it('refuses an invalid date', () => {
    expect(() => isWorkingDay(at('not a date'))).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-03-03T15:30:00Z', 0, '2025-03-03'],
    ['2025-03-08T15:30:00Z', 0, '2025-03-08'], // n = 0 keeps a weekend day
    ['2025-03-06T00:00:00Z', 1, '2025-03-07'],
    ['2025-03-07T00:00:00Z', 1, '2025-03-10'],
    ['2025-03-08T00:00:00Z', 1, '2025-03-10'],
    ['2025-03-09T23:59:59Z', 1, '2025-03-10'],
    ['2025-03-07T00:00:00Z', 5, '2025-03-14'],
    ['2025-03-03T00:00:00Z', 10, '2025-03-17'],
    ['2025-03-10T00:00:00Z', -1, '2025-03-07'],
    ['2025-03-05T00:00:00Z', -2, '2025-03-03'],
    ['2025-03-10T00:00:00Z', -2, '2025-03-06'],
    ['2025-03-09T00:00:00Z', -1, '2025-03-07'],
    ['2025-04-29T00:00:00Z', 1, '2025-05-02'], // over 30 Apr and 1 May
    ['2025-05-02T00:00:00Z', -1, '2025-04-29'],
    ['2024-12-31T00:00:00Z', 1, '2025-01-02'],
    ['2025-09-01T00:00:00Z', 1, '2025-09-03'],
  ])('%s %p working days → %s', (from, n, expected) => {
    expect(dateOf(addWorkingDays(at(from), n))).toBe(dateOf(day(expected)));
  });

  it.each([0.5, Number.NaN])('refuses %p working days', (n) => {
    expect(() => addWorkingDays(day('2025-03-03'), n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-03-03T00:00:00Z', '2025-03-03T23:00:00Z', 0],
    ['2025-03-03T00:00:00Z', '2025-03-04T00:00:00Z', 1],
    ['2025-03-03T23:59:59Z', '2025-03-04T00:00:00Z', 1],
    ['2025-03-04T10:00:00Z', '2025-03-04T09:00:00Z', 0],
    ['2025-03-07T00:00:00Z', '2025-03-09T00:00:00Z', 0], // Friday → Sunday
    ['2025-03-07T23:00:00Z', '2025-03-10T01:00:00Z', 1], // Friday → Monday
    ['2025-03-08T00:00:00Z', '2025-03-10T00:00:00Z', 1], // Saturday → Monday
    ['2025-03-03T00:00:00Z', '2025-03-10T00:00:00Z', 5],
    ['2025-03-10T00:00:00Z', '2025-03-03T00:00:00Z', -5],
    ['2025-04-28T00:00:00Z', '2025-05-05T00:00:00Z', 3], // Tue 29, Fri 2, Mon 5
    ['2024-12-31T00:00:00Z', '2025-12-31T00:00:00Z', 257], // 261 weekdays in 2025, 4 of them holidays
    ['2025-12-31T00:00:00Z', '2024-12-31T00:00:00Z', -257],
  ])('%s → %s: %p', (from, to, expected) => {
    expect(workingDaysBetween(at(from), at(to))).toBe(expected);
  });

  it.each([-7, -2, -1, 0, 1, 2, 7, 30])('undoes addWorkingDays(%p) from a working day', (n) => {
    const from = day('2025-04-29');
    expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
  });
});

describe('latestDossierDate', () => {
  it('dossiers reach members 2 working days ahead', () => {
    expect(DOSSIER_LEAD_WORKING_DAYS).toBe(2);
  });

  it.each([
    ['2025-03-05T08:00:00Z', '2025-03-03'], // Wednesday → Monday
    ['2025-03-06T00:00:00Z', '2025-03-04'], // Thursday → Tuesday
    ['2025-03-10T08:00:00Z', '2025-03-06'], // Monday → the Thursday before
    ['2025-03-11T08:00:00Z', '2025-03-07'], // Tuesday → Friday
    ['2025-03-08T08:00:00Z', '2025-03-06'], // a Saturday session → Thursday
    ['2025-05-05T08:00:00Z', '2025-04-29'], // over the 30 Apr / 1 May holidays
    ['2025-01-03T08:00:00Z', '2024-12-31'], // over New Year
  ])('session %s → %s', (session, expected) => {
    expect(dateOf(latestDossierDate(at(session)))).toBe(dateOf(day(expected)));
  });
});

describe('canEnterSession', () => {
  const session = at('2025-03-05T08:00:00Z'); // Wednesday; dossiers by Monday 3 March
  it.each([
    ['2025-03-02T12:00:00Z', true],
    ['2025-03-03T00:00:00Z', true],
    ['2025-03-03T23:59:59.999Z', true],
    ['2025-03-04T00:00:00Z', false],
    ['2025-03-05T07:00:00Z', false],
    ['2025-03-06T00:00:00Z', false],
  ])('at %s: %p', (now, expected) => {
    expect(canEnterSession(session, at(now))).toBe(expected);
  });
});
