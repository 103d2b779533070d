import ruleSetsJson from '../data/rule-sets.json';
import { DAY_MS, startOfUtcDay } from './deadlines';

/**
 * Vietnamese working days (ngày làm việc): Monday to Friday, except the fixed-date public holidays of the
 * Labour Code: New Year (1 Jan), Reunification Day (30 Apr), Labour Day (1 May) and National Day (2 Sep).
 *
 * Out of scope, on purpose: the lunar holidays (Tết Nguyên Đán, Hùng Kings' day 10/3 lunar), the second
 * National Day holiday (1 or 3 Sep, chosen by decree each year), and compensatory days off (nghỉ bù) when a
 * holiday falls on a weekend — they are set year by year and would need a calendar table as reference data.
 *
 * Days are UTC calendar days (Vietnam is UTC+7; UTC keeps workflow code deterministic and independent of the
 * machine's time zone): callers pass the instant whose UTC date is the Vietnamese date they mean.
 */

/** Fixed-date public holidays as [month (1–12), day of month]. */
export const FIXED_PUBLIC_HOLIDAYS: readonly (readonly [month: number, day: number])[] = [
  [1, 1],
  [4, 30],
  [5, 1],
  [9, 2],
];

/** Working days a dossier must reach council members before the session (rule-sets.json council.dossierLeadWorkingDays). */
export const DOSSIER_LEAD_WORKING_DAYS: number = ruleSetsJson.council.dossierLeadWorkingDays;

export function isWorkingDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  if (Number.isNaN(weekday)) throw new RangeError('day is not a valid date');
  if (weekday === 0 || weekday === 6) return false;
  const month = day.getUTCMonth() + 1;
  const dayOfMonth = day.getUTCDate();
  return !FIXED_PUBLIC_HOLIDAYS.some(([m, d]) => m === month && d === dayOfMonth);
}

/**
 * The n-th working day after `day` (before it when n is negative), at 00:00 UTC. `day` itself never counts,
 * working day or not; n = 0 returns `day` itself at 00:00 UTC.
 */
export function addWorkingDays(day: Date, n: number): Date {
  if (!Number.isSafeInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`);
  let current = startOfUtcDay(day).getTime();
  const step = n < 0 ? -DAY_MS : DAY_MS;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    current += step;
    if (isWorkingDay(new Date(current))) remaining -= 1;
  }
  return new Date(current);
}

/**
 * The number of working days d with from < d ≤ to, comparing UTC calendar days (times of day are ignored).
 * When `to` is before `from` it is the negative of workingDaysBetween(to, from).
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = startOfUtcDay(from).getTime();
  const end = startOfUtcDay(to).getTime();
  if (end < start) return -workingDaysBetween(to, from);
  let count = 0;
  for (let current = start + DAY_MS; current <= end; current += DAY_MS) {
    if (isWorkingDay(new Date(current))) count += 1;
  }
  return count;
}

/**
 * The last day (00:00 UTC) a dossier may reach council members for a session: the session's day minus
 * DOSSIER_LEAD_WORKING_DAYS working days. A session on Wednesday needs the dossiers by Monday; one on Monday,
 * by the Thursday before.
 */
export function latestDossierDate(sessionDate: Date): Date {
  return addWorkingDays(sessionDate, -DOSSIER_LEAD_WORKING_DAYS);
}

/** A product may still be put on a session's agenda while now's UTC day is on or before latestDossierDate. */
export function canEnterSession(sessionDate: Date, now: Date): boolean {
  return startOfUtcDay(now).getTime() <= latestDossierDate(sessionDate).getTime();
}
