import { condition } from '@temporalio/workflow';
import { noticeKey, waitingStageFor, type SessionResultSignal } from '@ocop/contracts';
import { DEFAULT_REMINDER_POLICY, type LevelName, type Reminder, type ReminderPolicy } from '@ocop/domain';
import { watchDeadline } from '../support/deadlines';
import { inboxNotice, recordReminder } from '../support/notices';
import type { Journey } from './journey';

/** Officials are reminded 7 and 1 days before; a miss is escalated at once. */
const OFFICIALS_POLICY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, graceDays: 0 };
/** Central results for nominees are expected within 60 days of the province's certification date. */
const CENTRAL_RESULT_DAYS_AFTER_CERTIFICATION = 60;

export type ProducerStep = 'changes_requested' | 'business_plan_due' | 'dossier_due';

/** Waits for the producer's step; a missed deadline past its grace period withdraws the product. */
export async function waitForProducer(j: Journey, step: ProducerStep): Promise<'done' | 'missed'> {
  const { state } = j;
  const outcome = await watchDeadline({
    isDone: () => state.stage !== step,
    dueAt: () => state.dueAt!,
    remind: (reminder, dueAt) => remindProducer(j, step, reminder, dueAt),
    dayMs: j.dayMs,
  });
  if (outcome === 'done') return 'done';
  await condition(() => j.busy === 0);
  if (state.stage !== step) return 'done';
  const dueAt = state.dueAt!;
  j.stop('withdrawn', `${step}: deadline ${dueAt} missed`);
  await j.record('ProductWithdrawn', { reason: state.reason, byProducer: false, missedStep: step, missedDueAt: dueAt }, 'system:deadline', [
    inboxNotice(noticeKey(j.workflowId, 'withdrawn', dueAt), j.coordinatorsInbox, 'deadline-missed', {
      productName: j.input.name,
      step,
      dueDate: dueAt,
      graceEndsAt: j.graceEnd(dueAt),
    }),
  ]);
  return 'missed';
}

function remindProducer(j: Journey, step: ProducerStep, reminder: Reminder, dueAt: string): Promise<void> {
  const missed = reminder.kind === 'missed';
  const { daysBefore } = reminder;
  const data = missed
    ? { productName: j.input.name, step, dueDate: dueAt, graceEndsAt: j.graceEnd(dueAt) }
    : { productName: j.input.name, step, dueDate: dueAt, daysBefore };
  return recordReminder(
    j.record,
    { step, kind: reminder.kind, daysBefore, scheduledFor: reminder.at.toISOString(), dueAt, recipient: j.producerInbox },
    inboxNotice(
      noticeKey(j.workflowId, step, missed ? 'deadline-missed' : `reminder-${daysBefore}d`, dueAt),
      j.producerInbox,
      missed ? 'deadline-missed' : 'deadline-reminder',
      data,
    ),
  );
}

/**
 * Officials' steps (the idea review, the council sessions) have due dates too: their reminders go to the
 * officials, and a missed one is escalated to the province while the product keeps waiting — a producer is
 * never withdrawn for an office's delay.
 */
export async function waitForOfficials(
  j: Journey,
  step: string,
  dueAt: () => string,
  recipient: string,
  isDone: () => boolean,
): Promise<void> {
  const outcome = await watchDeadline({
    isDone,
    dueAt,
    policy: OFFICIALS_POLICY,
    dayMs: j.dayMs,
    remind: async (reminder, due) => {
      if (reminder.kind === 'missed') return;
      const { daysBefore } = reminder;
      await recordReminder(
        j.record,
        { step, kind: reminder.kind, daysBefore, scheduledFor: reminder.at.toISOString(), dueAt: due, recipient },
        inboxNotice(noticeKey(j.workflowId, step, `reminder-${daysBefore}d`, due), recipient, 'deadline-reminder', {
          productName: j.input.name,
          step,
          dueDate: due,
          daysBefore,
        }),
      );
    },
  });
  if (outcome === 'done') return;
  const due = dueAt();
  await j.record('DeadlineMissed', { step, missedDueAt: due, escalatedTo: j.provincialInbox }, 'system:deadline', [
    inboxNotice(noticeKey(j.workflowId, step, 'escalated', due), j.provincialInbox, 'deadline-missed', {
      productName: j.input.name,
      step,
      dueDate: due,
      graceEndsAt: due,
    }),
  ]);
  await condition(isDone);
}

/** When a level's result is due: the calendar's close of the local or provincial sessions; the centre's later. */
function sessionDueAt(j: Journey, level: LevelName): string {
  const { calendar } = j;
  if (level === 'district' || level === 'commune') return calendar.districtSessionsCloseAt;
  if (level === 'province') return calendar.provincialSessionsCloseAt;
  return new Date(Date.parse(calendar.certificationAt) + CENTRAL_RESULT_DAYS_AFTER_CERTIFICATION * j.dayMs).toISOString();
}

/** Waits until a session at `level` scores this product; a session that closes without scoring it is skipped. */
export async function waitForSessionResult(j: Journey, level: LevelName): Promise<SessionResultSignal | undefined> {
  const { state } = j;
  const stage = waitingStageFor(level);
  if (state.stage !== stage) j.moveTo(stage);
  const officials = level === 'district' ? j.coordinatorsInbox : j.provincialInbox;
  for (;;) {
    await waitForOfficials(
      j,
      `${level}_session`,
      () => sessionDueAt(j, level),
      officials,
      () => j.pendingResult !== undefined || j.isTerminal(),
    );
    if (j.isTerminal()) return undefined;
    const result = j.pendingResult!;
    j.pendingResult = undefined;
    if (result.level !== level) continue;
    if (result.outcome === 'scored') return result;
    state.sessionId = undefined;
    await j.record('LeftSession', { sessionId: null, missedSessionId: result.sessionId, level }, 'system:session');
  }
}
