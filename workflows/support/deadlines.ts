import { condition } from '@temporalio/workflow';
import { DAY_MS, DEFAULT_REMINDER_POLICY, graceEndsAt, Reminder, ReminderPolicy, remindersFor } from '@ocop/domain';

export interface DeadlineWatch {
  /** True once the awaited step happened (or the journey ended). */
  readonly isDone: () => boolean;
  /** The current due date (ISO); it may move while we wait, e.g. when a coordinator moves a cycle date. */
  readonly dueAt: () => string;
  readonly policy?: ReminderPolicy;
  /** Sends one reminder; called exactly once per reminder and due date, at the reminder's time. */
  readonly remind: (reminder: Reminder, dueAt: string) => Promise<void>;
  /** How long a "day" of the rules lasts: a day, unless a simulation compresses the calendar. */
  readonly dayMs?: number;
}

/** The policy's reminders for `due`, with its days lasting `dayMs` (the rule itself lives in libs/domain). */
export function scaledReminders(due: Date, policy: ReminderPolicy, dayMs = DAY_MS): Reminder[] {
  const scale = dayMs / DAY_MS;
  return remindersFor(due, policy).map((r) => ({ ...r, at: new Date(due.getTime() - (due.getTime() - r.at.getTime()) * scale) }));
}

/** The end of the grace period after `due`, with days lasting `dayMs`. */
export function scaledGraceEnd(due: Date, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY, dayMs = DAY_MS): Date {
  return new Date(due.getTime() + (graceEndsAt(due, policy).getTime() - due.getTime()) * (dayMs / DAY_MS));
}

/**
 * Waits for a step, firing its reminders on time (7 and 1 days before by default, and on the day it is missed),
 * until the step is done or the grace period after the due date runs out. Reminders whose time had already
 * passed when a due date was first seen are not sent late. A moved due date re-arms the reminders.
 */
export async function watchDeadline(watch: DeadlineWatch): Promise<'done' | 'missed'> {
  const policy = watch.policy ?? DEFAULT_REMINDER_POLICY;
  const sent = new Set<string>();
  let armedFor = '';
  let armedAt = 0;
  for (;;) {
    if (watch.isDone()) return 'done';
    const dueAt = watch.dueAt();
    const now = Date.now();
    if (dueAt !== armedFor) {
      armedFor = dueAt;
      armedAt = now;
    }
    const due = new Date(dueAt);
    const reminders = scaledReminders(due, policy, watch.dayMs).filter(
      (r) => r.at.getTime() >= armedAt && !sent.has(reminderKey(r, dueAt)),
    );
    for (const reminder of reminders.filter((r) => r.at.getTime() <= now)) {
      sent.add(reminderKey(reminder, dueAt));
      await watch.remind(reminder, dueAt);
      if (watch.isDone()) return 'done';
    }
    const graceEnd = scaledGraceEnd(due, policy, watch.dayMs).getTime();
    if (now >= graceEnd) return 'missed';
    const upcoming = reminders.map((r) => r.at.getTime()).filter((t) => t > now);
    const wakeAt = Math.min(graceEnd, ...upcoming);
    await condition(() => watch.isDone() || watch.dueAt() !== dueAt, wakeAt - now);
  }
}

const reminderKey = (reminder: Reminder, dueAt: string): string => `${reminder.kind}:${reminder.daysBefore}:${dueAt}`;
