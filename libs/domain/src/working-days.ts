import ruleSetsJson from '../data/rule-sets.json';
import { DEFAULT_HOLIDAYS, type HolidayCalendar } from './holidays';
import { localDateKey, startOfLocalDay } from './vietnam-time';

/**
 * Vietnamese working days (ngày làm việc): Monday to Friday in Vietnam local days, except public holidays and
 * substitute days (holidays.ts), plus any Saturday the official schedule has worked in exchange.
 */

/** Working days a dossier must reach council members before the session (rule-sets.json council.dossierLeadWorkingDays). */
export const DOSSIER_LEAD_WORKING_DAYS: number = ruleSetsJson.council.dossierLeadWorkingDays;

const DAY = 86_400_000;

/** Whether the local day `day` falls on is a working day. */
export function isWorkingDay(day: Date, holidays: HolidayCalendar = DEFAULT_HOLIDAYS): boolean {
  if (!Number.isFinite(day.getTime())) throw new RangeError('day is not a valid date');
  return holidays.isWorkingDay(localDateKey(day));
}

/**
 * The n-th working day after `day`'s local day (before it when n is negative), at 00:00 local. `day` itself never
 * counts, working day or not; n = 0 returns the start of `day`'s local day.
 */
export function addWorkingDays(day: Date, n: number, holidays: HolidayCalendar = DEFAULT_HOLIDAYS): Date {
  if (!Number.isSafeInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
  let current = startOfLocalDay(day).getTime();
  const step = n < 0 ? -DAY : DAY;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    current += step;
    if (holidays.isWorkingDay(localDateKey(current))) remaining -= 1;
  }
  return new Date(current);
}

/**
 * The number of working days d with from < d ≤ to, comparing local days (times of day are ignored).
 * When `to` is before `from` it is the negative of workingDaysBetween(to, from).
 */
export function workingDaysBetween(from: Date, to: Date, holidays: HolidayCalendar = DEFAULT_HOLIDAYS): number {
  const start = startOfLocalDay(from).getTime();
  const end = startOfLocalDay(to).getTime();
  if (end < start) return -workingDaysBetween(to, from, holidays);
  let count = 0;
  for (let current = start + DAY; current <= end; current += DAY) {
    if (holidays.isWorkingDay(localDateKey(current))) count += 1;
  }
  return count;
}

/**
 * The last local day (at 00:00 local) a dossier may reach council members for a session: the session's day minus
 * DOSSIER_LEAD_WORKING_DAYS working days. A session on Wednesday needs the dossiers by Monday; one on Monday,
 * by the Thursday before; one the week after Tết, by a day before the break.
 */
export function latestDossierDate(sessionDate: Date, holidays: HolidayCalendar = DEFAULT_HOLIDAYS): Date {
  return addWorkingDays(sessionDate, -DOSSIER_LEAD_WORKING_DAYS, holidays);
}

/** A product may still be put on a session's agenda through the whole local day of latestDossierDate. */
export function canEnterSession(sessionDate: Date, now: Date, holidays: HolidayCalendar = DEFAULT_HOLIDAYS): boolean {
  return startOfLocalDay(now).getTime() <= latestDossierDate(sessionDate, holidays).getTime();
}
