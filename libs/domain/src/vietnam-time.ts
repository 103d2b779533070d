/**
 * The one clock of the rules: Vietnam local days (Asia/Ho_Chi_Minh). Vietnam has kept UTC+7 all year since 1975
 * with no daylight saving, so a fixed offset is exact — and, unlike an Intl time-zone lookup, deterministic inside
 * workflow code and independent of the machine's zone. Every day-based rule (due dates, reminders, grace periods,
 * working days, the dossier lead time, certificate dates, "overdue now") goes through these helpers.
 *
 * A due date means the end of that local day: the instant the next local day begins (17:00 UTC).
 */

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY = 86_400_000;

/** A local calendar day: month 1–12. */
export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function instant(at: Date | number | string): number {
  const time = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(time)) throw new RangeError('not a valid date');
  return time;
}

/** The local day an instant falls on. */
export function localDayOf(at: Date | number | string): LocalDay {
  const shifted = new Date(instant(at) + VIETNAM_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `yyyy-mm-dd` of the local day an instant falls on (the key holidays are stored under). */
export function localDateKey(at: Date | number | string): string {
  const { year, month, day } = localDayOf(at);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses `yyyy-mm-dd` (a local day); throws RangeError on anything else or an impossible date. */
export function parseLocalDate(key: string): LocalDay {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`a local date is yyyy-mm-dd, got ${key}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new RangeError(`no such date: ${key}`);
  return { year, month, day };
}

/** 00:00 local of the given local day, as an instant. */
export function startOfLocalDate(day: LocalDay): Date {
  return new Date(Date.UTC(day.year, day.month - 1, day.day) - VIETNAM_OFFSET_MS);
}

/** 00:00 local of the local day `at` falls on. */
export function startOfLocalDay(at: Date | number | string): Date {
  return startOfLocalDate(localDayOf(at));
}

/** The end of the local day `at` falls on: the instant the next local day begins. A due date ends here. */
export function endOfLocalDay(at: Date | number | string): Date {
  return new Date(startOfLocalDay(at).getTime() + DAY);
}

/** The end of a local day given as `yyyy-mm-dd` or a LocalDay. */
export function endOfLocalDate(day: LocalDay | string): Date {
  return new Date(startOfLocalDate(typeof day === 'string' ? parseLocalDate(day) : day).getTime() + DAY);
}

/** Weekday of the local day `at` falls on: 0 Sunday … 6 Saturday. */
export function localWeekday(at: Date | number | string): number {
  return new Date(instant(at) + VIETNAM_OFFSET_MS).getUTCDay();
}

/** Whole local days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export function localDaysBetween(from: Date | number | string, to: Date | number | string): number {
  return Math.round((startOfLocalDay(to).getTime() - startOfLocalDay(from).getTime()) / DAY);
}

/**
 * Whether an act at `actAt` is late for a due date: on time through the whole local due day. `dueAt` is either
 * a local date (`yyyy-mm-dd`) or an instant whose local day is the due day — except the canonical end-of-day
 * instant (00:00 local), which stands for the day that just ended.
 */
export function isOverdue(dueAt: Date | string, actAt: Date | number | string): boolean {
  const end = typeof dueAt === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dueAt) ? endOfLocalDate(dueAt) : dueEnd(instant(dueAt));
  return instant(actAt) >= end.getTime();
}

function dueEnd(due: number): Date {
  return startOfLocalDay(due).getTime() === due ? new Date(due) : endOfLocalDay(due);
}

/**
 * `at` moved by `n` local calendar months, keeping the local time of day; the day of the month is clamped to the
 * target month's last day (29 Feb + 12 months = 28 Feb).
 */
export function addLocalMonths(at: Date | number | string, n: number): Date {
  if (!Number.isSafeInteger(n)) throw new RangeError(`months must be an integer, got ${n}`);
  const time = instant(at);
  const local = new Date(time + VIETNAM_OFFSET_MS);
  const timeOfDay = time + VIETNAM_OFFSET_MS - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const target = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(local.getUTCDate(), lastDay));
  return new Date(target + timeOfDay - VIETNAM_OFFSET_MS);
}

/** dd/mm/yyyy of the local day, as user-facing text shows dates. */
export function formatLocalDate(at: Date | number | string): string {
  const { year, month, day } = localDayOf(at);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
