/**
 * Deadlines and reminders (DESIGN §1): every step that waits on a person has a due date; reminders go out
 * before it (by default 7 days and 1 day) and when it is missed, and a grace period may follow.
 *
 * Pure date arithmetic for deterministic workflows: "now" is always a parameter, never read from a clock.
 * Calendar arithmetic (months) is in Vietnam local days (vietnam-time.ts); a due date is an instant, by
 * convention the end of its local day, and reminders "n days before" are n × 24 h before it (no DST in Vietnam).
 */

import { addLocalMonths } from './vietnam-time';

export const DAY_MS = 86_400_000;

export interface ReminderPolicy {
  readonly daysBefore: readonly number[];
  readonly onMissed: boolean;
  readonly graceDays: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { daysBefore: [7, 1], onMissed: true, graceDays: 7 };

export interface Reminder {
  readonly kind: 'before' | 'missed';
  readonly at: Date;
  /** Days before the due date; 0 for the 'missed' reminder. */
  readonly daysBefore: number;
}

function requireValidDate(day: Date, name = 'date'): number {
  const time = day.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`${name} is not a valid date`);
  return time;
}

function requireInteger(n: number, name: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

/** 00:00 UTC of the UTC calendar day `day` falls on. */
export function startOfUtcDay(day: Date): Date {
  const time = requireValidDate(day);
  return new Date(time - (((time % DAY_MS) + DAY_MS) % DAY_MS));
}

/** `day` moved by `n` whole days (n may be negative), keeping the time of day (UTC has no DST). */
export function addDays(day: Date, n: number): Date {
  requireInteger(n, 'days');
  return new Date(requireValidDate(day) + n * DAY_MS);
}

/**
 * `day` moved by `n` calendar months in Vietnam local days (n may be negative), keeping the local time of day.
 * The day of the month is clamped to the target month's last day: 31 Jan + 1 month = 28 Feb (29 Feb in a leap
 * year). A certificate issued at 05:00 on 29 Feb in Hà Nội (22:00 UTC on the 28th) is 36 months later on 28 Feb.
 */
export function addMonths(day: Date, n: number): Date {
  requireValidDate(day);
  return addLocalMonths(day, n);
}

function checkPolicy(policy: ReminderPolicy): void {
  for (const days of policy.daysBefore) {
    if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`reminder days before must be whole days ≥ 0, got ${days}`);
  }
  if (!Number.isSafeInteger(policy.graceDays) || policy.graceDays < 0) {
    throw new RangeError(`grace days must be whole days ≥ 0, got ${policy.graceDays}`);
  }
}

/**
 * Every reminder for a due date, sorted by time: one 'before' reminder per distinct entry of `daysBefore`
 * (dueAt − that many days), then the 'missed' reminder exactly at `dueAt` when the policy asks for one.
 */
export function remindersFor(dueAt: Date, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Reminder[] {
  checkPolicy(policy);
  requireValidDate(dueAt, 'dueAt');
  const distinctHighFirst = [...new Set(policy.daysBefore)].sort((a, b) => b - a);
  const reminders: Reminder[] = distinctHighFirst.map((days) => ({ kind: 'before', at: addDays(dueAt, -days), daysBefore: days }));
  if (policy.onMissed) reminders.push({ kind: 'missed', at: new Date(dueAt.getTime()), daysBefore: 0 });
  return reminders;
}

/**
 * The reminders not yet due at `now`: those strictly after it. The 'missed' reminder exactly at `now` still
 * counts as ahead: the deadline is only missed once its instant has been reached, so it must still be sent.
 */
export function remindersStillAhead(dueAt: Date, now: Date, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Reminder[] {
  const nowMs = requireValidDate(now, 'now');
  return remindersFor(dueAt, policy).filter((r) => r.at.getTime() > nowMs || (r.kind === 'missed' && r.at.getTime() === nowMs));
}

/** When the grace period after a missed deadline ends: dueAt + graceDays days. */
export function graceEndsAt(dueAt: Date, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Date {
  checkPolicy(policy);
  return addDays(dueAt, policy.graceDays);
}
