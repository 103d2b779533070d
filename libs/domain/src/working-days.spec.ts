import { HolidayCalendar } from './holidays';
import { localDateKey } from './vietnam-time';
import {
  addWorkingDays,
  canEnterSession,
  DOSSIER_LEAD_WORKING_DAYS,
  isWorkingDay,
  latestDossierDate,
  workingDaysBetween,
} from './working-days';

// March 2025: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7, Sat 8, Sun 9, Mon 10. Instants are local (+07:00).
const at = (local: string) => new Date(`${local}+07:00`);
const day = (date: string) => at(`${date}T09:00:00`);

describe('isWorkingDay (Vietnam local days, official schedules and the Labour Code)', () => {
  it.each([
    ['2025-03-03T09:00:00', true], // Monday
    ['2025-03-08T09:00:00', false], // Saturday
    ['2025-01-01T09:00:00', false], // New Year, a Wednesday
    ['2025-01-02T09:00:00', true],
    ['2025-04-29T09:00:00', true],
    ['2025-04-30T09:00:00', false], // Reunification Day
    ['2025-05-01T09:00:00', false], // Labour Day
    ['2025-05-02T09:00:00', false], // swapped for Saturday 26 Apr in the 2025 schedule
    ['2025-04-26T09:00:00', true], // that Saturday is worked
    ['2025-09-01T09:00:00', false], // National Day's adjacent day in 2025
    ['2025-09-02T09:00:00', false],
    ['2025-09-03T09:00:00', true],
    // 00:30 local on Monday 3 March is Sunday 17:30 UTC: still Monday here.
    ['2025-03-03T00:30:00', true],
    ['2025-03-08T00:30:00', false],
  ])('%s local → %p', (local, expected) => {
    expect(isWorkingDay(at(local))).toBe(expected);
  });

  it('rejects an invalid date', () => {
    expect(() => isWorkingDay(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-03-06', 1, '2025-03-07'],
    ['2025-03-07', 1, '2025-03-10'],
    ['2025-03-08', 1, '2025-03-10'],
    ['2025-03-07', 5, '2025-03-14'],
    ['2025-03-10', -1, '2025-03-07'],
    ['2025-03-10', -2, '2025-03-06'],
    ['2025-04-29', 1, '2025-05-05'], // over 30 Apr, 1 May, the swapped 2 May and the weekend
    ['2024-12-31', 1, '2025-01-02'],
    ['2025-01-24', 1, '2025-02-03'], // over Tết 2025 (25 Jan – 2 Feb)
    ['2021-02-09', 1, '2021-02-17'], // over Tết 2021 (10 – 16 Feb)
    ['2024-02-07', 1, '2024-02-15'], // over Tết 2024 (8 – 14 Feb)
  ])('%s %p working days → %s', (from, n, expected) => {
    const result = addWorkingDays(day(from), n);
    expect(localDateKey(result)).toBe(expected);
    expect(result.toISOString()).toBe(new Date(`${expected}T00:00:00+07:00`).toISOString()); // 00:00 local
  });

  it.each([0.5, Number.NaN])('rejects %p', (n) => {
    expect(() => addWorkingDays(day('2025-03-03'), n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-03-03T00:30:00', '2025-03-03T23:30:00', 0],
    ['2025-03-03T23:30:00', '2025-03-04T00:30:00', 1],
    ['2025-03-07T09:00:00', '2025-03-09T09:00:00', 0],
    ['2025-03-03T09:00:00', '2025-03-10T09:00:00', 5],
    ['2025-03-10T09:00:00', '2025-03-03T09:00:00', -5],
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
    ['2025-03-05T08:00:00', '2025-03-03'], // Wednesday → Monday
    ['2025-03-10T08:00:00', '2025-03-06'], // Monday → the Thursday before
    ['2025-03-08T08:00:00', '2025-03-06'], // a Saturday session → Thursday
    ['2025-05-06T08:00:00', '2025-04-29'], // over 30 Apr – 2 May
    ['2025-02-04T08:00:00', '2025-01-24'], // the week after Tết 2025: before the break
    ['2021-02-18T08:00:00', '2021-02-09'], // the week after Tết 2021
  ])('session %s local → %s', (session, expected) => {
    expect(localDateKey(latestDossierDate(at(session)))).toBe(expected);
  });

  it('follows a province schedule that closes an extra day', () => {
    const province = new HolidayCalendar([
      { year: 2025, source: 'province', days: [{ date: '2025-03-04', name: 'Ngày lễ tỉnh / Province day' }], workingWeekendDays: [] },
    ]);
    expect(localDateKey(latestDossierDate(at('2025-03-06T08:00:00'), province))).toBe('2025-03-03');
    expect(localDateKey(latestDossierDate(at('2025-03-06T08:00:00')))).toBe('2025-03-04');
  });
});

describe('canEnterSession: the entry deadline ends at midnight Hà Nội time', () => {
  const session = at('2025-03-05T08:00:00'); // Wednesday; dossiers by Monday 3 March
  it.each([
    ['2025-03-02T12:00:00', true],
    ['2025-03-03T00:30:00', true],
    ['2025-03-03T23:30:00', true], // 16:30 UTC
    ['2025-03-04T00:30:00', false], // 3 March 17:30 UTC: still 3 March in UTC, but Tuesday in Hà Nội
    ['2025-03-05T07:00:00', false],
  ])('at %s local: %p', (now, expected) => {
    expect(canEnterSession(session, at(now))).toBe(expected);
  });
});
