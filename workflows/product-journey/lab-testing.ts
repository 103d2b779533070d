import { condition } from '@temporalio/workflow';
import { noticeKey, waitingStageFor } from '@ocop/contracts';
import { DEFAULT_REMINDER_POLICY, labTestingBefore, needsLabTest, type LevelName, type ReminderPolicy } from '@ocop/domain';
import { watchDeadline } from '../support/deadlines';
import { agencyNotice, recordReminder } from '../support/notices';
import type { Journey } from './journey';

/** A lab's results are due by the date; late is a failure, without grace. */
const LAB_POLICY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, graceDays: 0 };

/** Whether the product must pass the lab before `level` (and has not yet). */
export function labTestComesFirst(j: Journey, level: LevelName): boolean {
  return level === labTestingBefore(j.input.ruleSet) && needsLabTest(j.input.ruleSet, j.input.productGroup) && !j.labPassed;
}

/**
 * Lab testing before `before`: a request to the accredited lab, results by a due date (reminders to the lab,
 * no grace), one retest after a failure. True once the lab passed the product, which then waits for `before`.
 */
export async function labTesting(j: Journey, before: LevelName): Promise<boolean> {
  const { state } = j;
  await requestLabTest(j, 1);
  const outcome = await watchDeadline({
    isDone: () => j.labPassed || state.stage !== 'awaiting_lab_test',
    dueAt: () => state.lab!.dueAt,
    policy: LAB_POLICY,
    dayMs: j.dayMs,
    remind: async (reminder, dueAt) => {
      if (reminder.kind === 'missed') return;
      const { daysBefore } = reminder;
      await recordReminder(
        j.record,
        { step: 'lab_test', kind: reminder.kind, daysBefore, scheduledFor: reminder.at.toISOString(), dueAt, recipient: j.agencies.labId },
        agencyNotice(j.lab, noticeKey(j.workflowId, `lab-reminder-${daysBefore}d`, dueAt), 'deadline-reminder', {
          productName: j.input.name,
          step: 'lab_test',
          dueDate: dueAt,
          daysBefore,
        }),
      );
    },
  });
  await condition(() => j.busy === 0);
  if (outcome === 'missed' && !j.labPassed && state.stage === 'awaiting_lab_test') {
    j.stop('failed_lab_test', `lab results overdue (${state.lab!.requestId})`);
    await j.record(
      'LabTestFailed',
      { requestId: state.lab!.requestId, attempt: state.lab!.attempt, overdue: true, reason: state.reason },
      'system:deadline',
    );
  }
  if (!j.labPassed) return false;
  j.moveTo(waitingStageFor(before));
  await j.record('ForwardedToLevel', { to: before, afterLabTest: true }, 'system:lab');
  return true;
}

/** Asks the lab for a test (attempt 1, or the one retest), due after the cycle's lab turnaround. */
export async function requestLabTest(j: Journey, attempt: number): Promise<void> {
  const { input } = j;
  const requestId = `${j.workflowId}:lab:${attempt}`;
  const dueAt = new Date(Date.now() + j.calendar.labTurnaroundDays * j.dayMs).toISOString();
  j.state.lab = { requestId, attempt, dueAt };
  j.moveTo('awaiting_lab_test', dueAt);
  await j.record('LabTestRequested', { requestId, attempt, labId: j.agencies.labId, productGroup: input.productGroup }, 'system:lab', [
    agencyNotice(j.lab, noticeKey(j.workflowId, 'lab-test-requested', attempt), 'lab-test-requested', {
      productName: input.name,
      productGroup: input.productGroup,
      dueDate: dueAt,
      requestId,
    }),
  ]);
}
