import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  actorLabel,
  CertificateLifecycleInput,
  CertificateState,
  certificateStateQuery,
  certificateSupersededSignal,
  CertificateSupersededSignal,
  InspectionReportRequest,
  NotificationRequest,
  noticeKey,
  organisationInbox,
  submitInspectionReportUpdate,
} from '@ocop/contracts';
import { addDays, afterInspection, certificateSchedule, remediationDueAt, RE_EVALUATION_REMINDER_DAYS } from '@ocop/domain';
import { watchDeadline } from './support/deadlines';
import { EventStream } from './support/event-stream';
import { agencyNotice, inboxNotice, recordReminder } from './support/notices';
import { refuse, requireRole } from './support/rejections';

const REPORT_DAYS_DEFAULT = 30;

/**
 * A certificate's 36 months: yearly inspections (at 12 and 24 months), remediation after a failed inspection and
 * revocation after a second failure or a missed remediation deadline, re-evaluation reminders before expiry,
 * expiry — unless a re-evaluation certifies the product again and supersedes this certificate.
 */
export async function certificateLifecycle(input: CertificateLifecycleInput): Promise<CertificateState> {
  const workflowId = workflowInfo().workflowId;
  const schedule = certificateSchedule(new Date(input.issuedAt));
  const stream = new EventStream(workflowId);
  const state: CertificateState = {
    certificateNo: input.certificateNo,
    stars: input.stars,
    issuedAt: input.issuedAt,
    expiresAt: schedule.expiresAt.toISOString(),
    status: 'valid',
    inspections: [],
    lastEventSeq: 0,
  };
  let report: InspectionReportRequest | undefined;
  let reportsActedOn = 0; // reports whose outcome has been recorded; an accepted report's update waits for its own
  let superseded: CertificateSupersededSignal | undefined;
  const producerInbox = organisationInbox(input.organisationId);
  const inspector = { id: input.inspectorId, webhookUrl: input.inspectorWebhookUrl };
  const ended = () => state.status === 'revoked' || state.status === 'superseded' || state.status === 'expired';

  const record = async (
    type: Parameters<EventStream['record']>[0],
    payload: Record<string, unknown>,
    actor: string,
    notifications: NotificationRequest[] = [],
  ) => {
    await stream.record(type, { status: state.status, certificateNo: input.certificateNo, ...payload }, actor, notifications);
    state.lastEventSeq = stream.lastSeq;
  };

  setHandler(certificateStateQuery, () => state);
  setHandler(
    submitInspectionReportUpdate,
    async (request) => {
      report = request;
      const before = reportsActedOn;
      await condition(() => reportsActedOn > before || ended());
      return state;
    },
    { validator: (request) => validateInspectionReport(state, report !== undefined, input.inspectorId, request) },
  );
  setHandler(certificateSupersededSignal, (signal) => {
    superseded = signal;
  });

  // Each year after issue: an inspection, and what follows from its report.
  for (const [index, inspectionDue] of schedule.inspectionsDue.entries()) {
    if (!(await runUntil(inspectionDue.getTime()))) return state;
    await inspect(index + 1, inspectionDue);
    if (ended()) return state;
  }

  // Before expiry: reminders to enter re-evaluation; at expiry, expired unless superseded.
  for (const daysBefore of RE_EVALUATION_REMINDER_DAYS) {
    const at = addDays(schedule.expiresAt, -daysBefore);
    if (!(await runUntil(at.getTime()))) return state;
    await recordReminder(
      record,
      {
        step: 're_evaluation',
        kind: 'before',
        daysBefore,
        scheduledFor: at.toISOString(),
        dueAt: state.expiresAt,
        recipient: producerInbox,
      },
      inboxNotice(
        noticeKey(workflowId, `re-evaluation-reminder-${daysBefore}d`, state.expiresAt),
        producerInbox,
        're-evaluation-reminder',
        { certificateNo: input.certificateNo, expiresAt: state.expiresAt, daysBefore },
      ),
    );
  }
  if (!(await runUntil(schedule.expiresAt.getTime()))) return state;
  state.status = 'expired';
  await record('CertificateExpired', {}, 'system:expiry', [
    inboxNotice(noticeKey(workflowId, 'expired', state.expiresAt), producerInbox, 'certificate-expired', {
      certificateNo: input.certificateNo,
    }),
  ]);
  return state;

  /** Sleeps until `at`, ending early if a re-evaluation supersedes the certificate. False if it has ended. */
  async function runUntil(at: number): Promise<boolean> {
    const wait = at - Date.now();
    if (wait > 0) await condition(() => superseded !== undefined, wait);
    if (superseded) {
      await supersede();
      return false;
    }
    return true;
  }

  async function supersede(): Promise<void> {
    state.status = 'superseded';
    state.supersededBy = superseded!.newCertificateNo;
    state.awaiting = undefined;
    await record(
      'CertificateSuperseded',
      { supersededBy: superseded!.newCertificateNo, newStars: superseded!.stars },
      'system:re-evaluation',
    );
  }

  /** One inspection round: the inspector is asked, reports pass or fail; a fail gets 30 days and a re-inspection. */
  async function inspect(round: number, dueAt: Date): Promise<void> {
    const reportDueAt = addDays(dueAt, input.inspectionReportDays ?? REPORT_DAYS_DEFAULT).toISOString();
    const inspection = { round, dueAt: dueAt.toISOString(), reportDueAt } as CertificateState['inspections'][number];
    state.inspections.push(inspection);
    await record(
      'InspectionRequested',
      { round, dueAt: inspection.dueAt, reportDueAt, inspectorId: input.inspectorId },
      'system:inspections',
      [
        inspectorNotice(noticeKey(workflowId, 'inspection-requested', round), {
          certificateNo: input.certificateNo,
          productName: input.productName,
          dueDate: reportDueAt,
        }),
      ],
    );
    const first = await awaitReport(reportDueAt, 'inspection_report');
    if (!first) return;
    inspection.verdict = first.verdict;
    if (afterInspection(0, first.verdict) === 'in_good_standing') {
      await record('InspectionPassed', { round, notes: first.notes }, actorLabel(first.actor));
      reportsActedOn += 1;
      return;
    }
    // Failed: remediation within 30 days, then a re-inspection; failing again or missing it revokes.
    state.status = 'remediation';
    const remediationDue = remediationDueAt(new Date()).toISOString();
    inspection.remediationDueAt = remediationDue;
    await record('InspectionFailed', { round, notes: first.notes, remediationDueAt: remediationDue }, actorLabel(first.actor), [
      inboxNotice(noticeKey(workflowId, 'inspection-failed', round), producerInbox, 'inspection-failed', {
        certificateNo: input.certificateNo,
        remediationDueAt: remediationDue,
      }),
      inspectorNotice(noticeKey(workflowId, 're-inspection-requested', round), {
        certificateNo: input.certificateNo,
        productName: input.productName,
        dueDate: remediationDue,
      }),
    ]);
    reportsActedOn += 1;
    const second = await awaitReport(remediationDue, 're_inspection_report');
    // Superseded meanwhile: the new certificate replaces this one, nothing is left to revoke.
    if (ended()) return;
    if (!second) {
      await revoke(`remediation deadline ${remediationDue} missed`, 'system:deadline');
      return;
    }
    inspection.reInspectionVerdict = second.verdict;
    if (afterInspection(1, second.verdict) === 'revoked') {
      await revoke(`re-inspection failed (round ${round})`, actorLabel(second.actor));
      reportsActedOn += 1;
      return;
    }
    state.status = 'valid';
    await record('InspectionPassed', { round, reInspection: true, notes: second.notes }, actorLabel(second.actor));
    reportsActedOn += 1;
  }

  /**
   * The inspector's report by `dueAt`, with reminders; undefined if none came (or the certificate was superseded).
   * A report is accepted only from here on (the request is recorded by then), and one accepted is never dropped.
   */
  async function awaitReport(dueAt: string, awaiting: CertificateState['awaiting']): Promise<InspectionReportRequest | undefined> {
    state.awaiting = awaiting;
    await watchDeadline({
      isDone: () => report !== undefined || superseded !== undefined,
      dueAt: () => dueAt,
      policy: { daysBefore: [7, 1], onMissed: true, graceDays: 0 },
      remind: async (reminder, due) => {
        if (reminder.kind === 'missed') {
          await record('InspectionReportOverdue', { dueAt: due, awaiting }, 'system:deadline');
          return;
        }
        await recordReminder(
          record,
          {
            step: awaiting!,
            kind: reminder.kind,
            daysBefore: reminder.daysBefore,
            scheduledFor: reminder.at.toISOString(),
            dueAt: due,
            recipient: input.inspectorId,
          },
          inspectorNotice(noticeKey(workflowId, `${awaiting}-reminder-${reminder.daysBefore}d`, due), {
            certificateNo: input.certificateNo,
            productName: input.productName,
            dueDate: due,
          }),
        );
      },
    });
    state.awaiting = undefined;
    if (superseded) {
      await supersede();
      return undefined;
    }
    const received = report; // none if the deadline passed first
    report = undefined;
    return received;
  }

  async function revoke(reason: string, actor: string): Promise<void> {
    state.status = 'revoked';
    state.reason = reason;
    await record('CertificateRevoked', { reason }, actor, [
      inboxNotice(noticeKey(workflowId, 'revoked'), producerInbox, 'certificate-revoked', { certificateNo: input.certificateNo, reason }),
    ]);
  }

  function inspectorNotice(idempotencyKey: string, data: Record<string, unknown>): NotificationRequest {
    return agencyNotice(inspector, idempotencyKey, 'inspection-requested', data);
  }
}

/** Whether an inspection report is taken now: one is awaited, none is pending, from the agency assigned. */
export function validateInspectionReport(
  state: Readonly<CertificateState>,
  reportPending: boolean,
  inspectorId: string,
  request: InspectionReportRequest,
): void {
  if (!state.awaiting || reportPending) refuse('WRONG_STAGE', { status: state.status, reason: 'no inspection report is awaited' });
  const assigned = request.actor.agencyId === inspectorId;
  requireRole(request.actor, ['inspector'], assigned, 'the inspection agency assigned to the certificate');
  if (request.verdict !== 'pass' && request.verdict !== 'fail') refuse('VALIDATION_FAILED', { field: 'verdict', rule: 'pass or fail' });
}
