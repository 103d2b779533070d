import { certificateSchedule } from './certificate-rules';
import {
  addLocalMonths,
  endOfLocalDate,
  endOfLocalDay,
  formatLocalDate,
  isOverdue,
  localDateKey,
  localDaysBetween,
  startOfLocalDay,
} from './vietnam-time';

const local = (text: string) => new Date(`${text}+07:00`);

describe('Vietnam local days', () => {
  it.each([
    ['2021-03-31T00:30:00', '2021-03-31'],
    ['2021-03-31T23:30:00', '2021-03-31'],
    ['2021-04-01T00:00:00', '2021-04-01'],
  ])('%s local is on %s', (at, key) => {
    expect(localDateKey(local(at))).toBe(key);
  });

  it('a local day starts at 17:00 UTC the day before and a due date ends there the next day', () => {
    expect(startOfLocalDay(local('2021-03-31T00:30:00')).toISOString()).toBe('2021-03-30T17:00:00.000Z');
    expect(endOfLocalDay(local('2021-03-31T23:30:00')).toISOString()).toBe('2021-03-31T17:00:00.000Z');
    expect(endOfLocalDate('2021-03-31').toISOString()).toBe('2021-03-31T17:00:00.000Z');
  });

  it.each([
    // due 31 March: acts at 00:30 and 23:30 local that day are on time; 00:30 the next day is late
    ['2021-03-31', '2021-03-31T00:30:00', false],
    ['2021-03-31', '2021-03-31T23:30:00', false],
    ['2021-03-31', '2021-04-01T00:30:00', true],
    // the same as instants: the calendar's end-of-day instant, and a time inside the due day
    ['2021-03-31T17:00:00.000Z', '2021-03-31T23:30:00', false],
    ['2021-03-31T17:00:00.000Z', '2021-04-01T00:30:00', true],
    ['2021-03-31T02:00:00.000Z', '2021-03-31T23:30:00', false],
  ])('due %s, act at %s local: overdue %p', (due, act, overdue) => {
    expect(isOverdue(due, local(act))).toBe(overdue);
  });

  it('counts local days, not UTC days', () => {
    // 23:30 and 00:30 local an hour apart are two days apart in Hà Nội, the same UTC day.
    expect(localDaysBetween(local('2021-03-31T23:30:00'), local('2021-04-01T00:30:00'))).toBe(1);
    expect(localDaysBetween(local('2021-04-01T00:30:00'), local('2021-04-01T06:30:00'))).toBe(0);
  });

  it('moves by local months with the day clamped', () => {
    expect(localDateKey(addLocalMonths(local('2024-02-29T05:00:00'), 12))).toBe('2025-02-28');
    expect(localDateKey(addLocalMonths(local('2021-01-31T06:00:00'), 1))).toBe('2021-02-28');
    expect(addLocalMonths(local('2021-01-31T06:00:00'), 1).toISOString()).toBe(local('2021-02-28T06:00:00').toISOString());
  });

  it('shows dates dd/mm/yyyy in local time', () => {
    expect(formatLocalDate('2021-03-31T17:00:00.000Z')).toBe('01/04/2021');
    expect(formatLocalDate('2021-03-31T16:59:59.000Z')).toBe('31/03/2021');
  });
});

describe('a certificate issued at 05:00 local on 29 February', () => {
  const schedule = certificateSchedule(local('2024-02-29T05:00:00')); // 28 Feb 22:00 UTC
  it('expires on 28 Feb 2027 local, inspected on 28 Feb 2025 and 2026 local', () => {
    expect(localDateKey(schedule.expiresAt)).toBe('2027-02-28');
    expect(schedule.inspectionsDue.map(localDateKey)).toEqual(['2025-02-28', '2026-02-28']);
    expect(formatLocalDate(schedule.issuedAt)).toBe('29/02/2024');
  });
});
