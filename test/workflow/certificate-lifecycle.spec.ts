import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import {
  CERTIFICATE_LIFECYCLE_WORKFLOW,
  CertificateLifecycleInput,
  certificateLifecycleId,
  CertificateState,
  certificateStateQuery,
  certificateSupersededSignal,
  ideaSubmissionUpdate,
  InspectionReportRequest,
  ProductJourneyInput,
  reviewIdeaUpdate,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitInspectionReportUpdate,
  submitLabResultsUpdate,
} from '@ocop/contracts';
import { addDays, addMonths, certificateSchedule } from '@ocop/domain';
import { actors, DAY, WorkflowHarness, withOwnServer, refusal } from '../support/workflow-harness';

/**
 * The certificate's 36 months (DESIGN §1 "Certificates") on the time-skipping server: every test skips time, so
 * each gets a server of its own. Times asserted are the schedule's own (`certificateSchedule`), within a minute.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const INSPECTOR = 'inspector:lao-cai';

type Lifecycle = WorkflowHandle;
type Event = { type: string; actor: string; occurred_at: Date; payload: any };

/** Polls the certificate's live state until `predicate` holds (updates and timers are processed asynchronously). */
async function waitForCertificate(
  handle: Lifecycle,
  predicate: (state: CertificateState) => boolean,
  timeoutMs = 20_000,
): Promise<CertificateState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(certificateStateQuery).catch(() => undefined);
    if (state && predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`certificate state never matched; last: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Skips the server's clock to `at` (ms); timers on the way fire at their own times. */
async function skipTo(h: WorkflowHarness, at: number): Promise<void> {
  const wait = at - (await h.now());
  if (wait > 0) await h.env.sleep(wait);
}

const eventsOf = (h: WorkflowHarness, certificateNo: string): Promise<Event[]> => h.events(certificateLifecycleId(certificateNo));
const timeOf = (event: Event): number => new Date(event.occurred_at).getTime();
function expectAt(event: Event | undefined, at: number | Date): void {
  expect(event).toBeDefined();
  expect(Math.abs(timeOf(event!) - new Date(at).getTime())).toBeLessThan(MINUTE);
}

async function readModel(
  h: WorkflowHarness,
  certificateNo: string,
): Promise<{ status: string; stars: number; superseded_by: string | null; status_reason: string | null } | undefined> {
  const [row] = await h.db.query(`SELECT status, stars, superseded_by, status_reason FROM certificates WHERE certificate_no = $1`, [
    certificateNo,
  ]);
  return row;
}

async function outboxRows(
  h: WorkflowHarness,
  keyPrefix: string,
): Promise<{ idempotency_key: string; channel: string; recipient: string; template: string; data: any }[]> {
  return h.db.query(
    `SELECT idempotency_key, channel, recipient, template, data FROM notification_outbox WHERE idempotency_key LIKE $1 ORDER BY created_at, idempotency_key`,
    [`${keyPrefix}%`],
  );
}

const report = (verdict: 'pass' | 'fail', overrides: Partial<InspectionReportRequest> = {}): InspectionReportRequest => ({
  actor: actors.inspector(),
  verdict,
  notes: verdict === 'pass' ? 'Nhãn, tem sao và an toàn thực phẩm đạt' : 'Tem sao dán sai quy cách',
  ...overrides,
});

const submit = (lifecycle: Lifecycle, request: InspectionReportRequest): Promise<CertificateState> =>
  lifecycle.executeUpdate(submitInspectionReportUpdate, { args: [request] });

/** Starts a lifecycle directly (no read-model row): for the workflow's own behaviour. */
async function startLifecycle(
  h: WorkflowHarness,
  overrides: Partial<CertificateLifecycleInput> = {},
): Promise<{ input: CertificateLifecycleInput; lifecycle: Lifecycle }> {
  const input: CertificateLifecycleInput = {
    certificateNo: `LC-2021-T${randomUUID().slice(0, 8)}`,
    productId: randomUUID(),
    productName: 'Rượu mận Bắc Hà',
    organisationId: randomUUID(),
    provinceCode: 'lao-cai',
    stars: 3,
    issuedAt: new Date(await h.now()).toISOString(),
    inspectorId: INSPECTOR,
    ...overrides,
  };
  const lifecycle = await h.env.client.workflow.start(CERTIFICATE_LIFECYCLE_WORKFLOW, {
    workflowId: certificateLifecycleId(input.certificateNo),
    taskQueue: h.taskQueue,
    args: [input],
  });
  return { input, lifecycle };
}

/**
 * A real product journey to a certificate (district 65, lab pass, province `provinceMean`: 75 → 4★, 60 → 3★):
 * the journey records CertificateIssued (so `certificates` has a row) and starts the lifecycle as its child.
 * The journey is polled, never awaited with `result()`, so the server's clock does not move meanwhile.
 */
async function certifiedJourney(
  h: WorkflowHarness,
  provinceMean: number,
  overrides: Partial<ProductJourneyInput> = {},
): Promise<{ input: ProductJourneyInput; certificateNo: string; lifecycle: Lifecycle }> {
  const { input, handle } = await h.startJourney({ productGroup: 'do-uong', ...overrides });
  await handle.executeUpdate(ideaSubmissionUpdate);
  await h.waitFor(handle, (s) => s.stage === 'awaiting_idea_review');
  await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
  await h.waitFor(handle, (s) => s.stage === 'business_plan_due');
  await handle.executeUpdate(submitBusinessPlanUpdate, {
    args: [{ actor: actors.producer(input), summary: 'Mở rộng vùng nguyên liệu mận' }],
  });
  await h.waitFor(handle, (s) => s.stage === 'dossier_due');
  await handle.executeUpdate(submitDossierUpdate, {
    args: [{ actor: actors.producer(input), selfAssessment: { A: 30, B: 20, C: 30 }, evidence: ['giay-chung-nhan-dang-ky.pdf'] }],
  });
  await h.score(handle, 'district', 65);
  const atLab = await h.waitFor(handle, (s) => s.stage === 'awaiting_lab_test');
  await handle.executeUpdate(submitLabResultsUpdate, {
    args: [{ actor: actors.lab(), requestId: atLab.lab.requestId, indicators: [{ indicator: 'Methanol', passed: true }] }],
  });
  await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
  await h.score(handle, 'province', provinceMean);
  const certified = await h.waitFor(handle, (s) => s.stage === 'certified' && typeof s.certificateNo === 'string');
  const certificateNo: string = certified.certificateNo;
  const lifecycle = h.env.client.workflow.getHandle(certificateLifecycleId(certificateNo));
  await waitForCertificate(lifecycle, (s) => s.status === 'valid');
  // The journey ends right after starting its child; wait for it so nothing else holds the clock.
  const deadline = Date.now() + 20_000;
  while ((await handle.describe()).status.name === 'RUNNING') {
    if (Date.now() > deadline) throw new Error('the journey did not end after certifying');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { input, certificateNo, lifecycle };
}

/** Skips to `due` + 1 hour and waits until round `round`'s report is awaited. */
async function atInspection(
  h: WorkflowHarness,
  lifecycle: Lifecycle,
  round: number,
  due: Date,
  awaiting: CertificateState['awaiting'] = 'inspection_report',
): Promise<CertificateState> {
  await skipTo(h, due.getTime() + HOUR);
  return waitForCertificate(lifecycle, (s) => s.inspections.length === round && s.awaiting === awaiting);
}

describe('certificateLifecycle: 36 months of a certificate', () => {
  it('gives the inspector the cycle’s calendar.inspectionReportDays to report (14 here, not the default 30)', () =>
    withOwnServer(async (h) => {
      const calendar = { ...(await h.calendarFromNow()), inspectionReportDays: 14 };
      const { lifecycle } = await certifiedJourney(h, 75, { calendar });
      const started = await lifecycle.query(certificateStateQuery);
      const due = certificateSchedule(new Date(started.issuedAt)).inspectionsDue[0]!;
      const awaiting = await atInspection(h, lifecycle, 1, due);
      expect(awaiting.inspections[0]).toEqual({ round: 1, dueAt: due.toISOString(), reportDueAt: addDays(due, 14).toISOString() });
    }));

  it('passes both yearly inspections, reminds 90 and 30 days before expiry, and expires at 36 months', () =>
    withOwnServer(async (h) => {
      const { input, certificateNo, lifecycle } = await certifiedJourney(h, 75);
      const started = await lifecycle.query(certificateStateQuery);
      const schedule = certificateSchedule(new Date(started.issuedAt));
      expect(started).toMatchObject({
        certificateNo,
        stars: 4,
        status: 'valid',
        expiresAt: schedule.expiresAt.toISOString(),
        inspections: [],
      });
      expect(schedule.expiresAt.toISOString()).toBe(addMonths(new Date(started.issuedAt), 36).toISOString());
      expect(await readModel(h, certificateNo)).toMatchObject({ status: 'valid', stars: 4 });

      const passedAt: number[] = [];
      for (const [index, due] of schedule.inspectionsDue.entries()) {
        const round = index + 1;
        const awaiting = await atInspection(h, lifecycle, round, due);
        expect(awaiting.inspections[index]).toEqual({ round, dueAt: due.toISOString(), reportDueAt: addDays(due, 30).toISOString() });
        passedAt.push(await h.now());
        const after = await submit(lifecycle, report('pass'));
        expect(after.inspections[index]!.verdict).toBe('pass');
        expect(after.status).toBe('valid');
        expect(after.awaiting).toBeUndefined();
        await waitForCertificate(lifecycle, (s) => s.lastEventSeq === 2 * round);
        expect(await readModel(h, certificateNo)).toMatchObject({ status: 'valid' });
      }
      expect(schedule.inspectionsDue.map((d) => d.toISOString())).toEqual([
        addMonths(new Date(started.issuedAt), 12).toISOString(),
        addMonths(new Date(started.issuedAt), 24).toISOString(),
      ]);

      const final = await lifecycle.result(); // the server skips to expiry
      expect(final).toMatchObject({ status: 'expired', inspections: [{ verdict: 'pass' }, { verdict: 'pass' }] });
      expect(final.awaiting).toBeUndefined();

      const events = await eventsOf(h, certificateNo);
      expect(events.map((e) => e.type)).toEqual([
        'InspectionRequested',
        'InspectionPassed',
        'InspectionRequested',
        'InspectionPassed',
        'ReminderSent',
        'ReminderSent',
        'CertificateExpired',
      ]);
      const [requested1, passed1, requested2, passed2, remind90, remind30, expired] = events;
      expectAt(requested1, schedule.inspectionsDue[0]!);
      expectAt(passed1, passedAt[0]!);
      expectAt(requested2, schedule.inspectionsDue[1]!);
      expectAt(passed2, passedAt[1]!);
      expect(requested1!.payload).toMatchObject({ round: 1, inspectorId: INSPECTOR, dueAt: schedule.inspectionsDue[0]!.toISOString() });
      expect(passed2!.payload).toMatchObject({ round: 2, status: 'valid', certificateNo });
      expect(passed2!.actor).toBe('inspector:inspector-user');

      const expiresAt = schedule.expiresAt.getTime();
      expect(
        [remind90, remind30].map((r) => [
          r!.payload.step,
          r!.payload.kind,
          r!.payload.daysBefore,
          Date.parse(r!.payload.scheduledFor),
          r!.payload.dueAt,
          r!.payload.recipient,
        ]),
      ).toEqual([
        ['re_evaluation', 'before', 90, expiresAt - 90 * DAY, schedule.expiresAt.toISOString(), `org:${input.organisationId}`],
        ['re_evaluation', 'before', 30, expiresAt - 30 * DAY, schedule.expiresAt.toISOString(), `org:${input.organisationId}`],
      ]);
      expect(schedule.reEvaluationReminders.map((d) => d.getTime())).toEqual([expiresAt - 90 * DAY, expiresAt - 30 * DAY]);
      for (const reminder of [remind90, remind30]) expectAt(reminder, Date.parse(reminder!.payload.scheduledFor));
      expectAt(expired, expiresAt);
      expect(expired).toMatchObject({ actor: 'system:expiry', payload: { status: 'expired', certificateNo } });

      expect(await readModel(h, certificateNo)).toMatchObject({ status: 'expired', stars: 4 });
      const outbox = await outboxRows(h, `${certificateLifecycleId(certificateNo)}:`);
      expect(outbox.filter((n) => n.recipient === `org:${input.organisationId}`).map((n) => n.template)).toEqual([
        're-evaluation-reminder',
        're-evaluation-reminder',
        'certificate-expired',
      ]);
    }));

  it('gives 30 days to remedy a failed inspection; a passing re-inspection makes it valid again', () =>
    withOwnServer(async (h) => {
      const { input, certificateNo, lifecycle } = await certifiedJourney(h, 75);
      const schedule = certificateSchedule(new Date((await lifecycle.query(certificateStateQuery)).issuedAt));
      await atInspection(h, lifecycle, 1, schedule.inspectionsDue[0]!);

      const failedAt = await h.now();
      const failed = await submit(lifecycle, report('fail'));
      const remediationDueAt = addDays(new Date(failedAt), 30).getTime();
      expect(failed).toMatchObject({ status: 'remediation', inspections: [{ round: 1, verdict: 'fail' }] });
      const remediation = await waitForCertificate(lifecycle, (s) => s.awaiting === 're_inspection_report');
      expect(Math.abs(Date.parse(remediation.inspections[0]!.remediationDueAt!) - remediationDueAt)).toBeLessThan(MINUTE);
      expect(await readModel(h, certificateNo)).toMatchObject({ status: 'remediation' });

      await skipTo(h, failedAt + 10 * DAY);
      const reinspectedAt = await h.now();
      const passed = await submit(lifecycle, report('pass', { notes: 'Đã khắc phục' }));
      expect(passed).toMatchObject({ status: 'valid', inspections: [{ round: 1, verdict: 'fail', reInspectionVerdict: 'pass' }] });
      await waitForCertificate(lifecycle, (s) => s.lastEventSeq === 3 && s.awaiting === undefined);

      const events = await eventsOf(h, certificateNo);
      expect(events.map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionFailed', 'InspectionPassed']);
      expectAt(events[0], schedule.inspectionsDue[0]!);
      expectAt(events[1], failedAt);
      expect(events[1]!.payload).toMatchObject({
        round: 1,
        status: 'remediation',
        remediationDueAt: remediation.inspections[0]!.remediationDueAt,
      });
      expectAt(events[2], reinspectedAt);
      expect(events[2]!.payload).toMatchObject({ round: 1, reInspection: true, status: 'valid' });
      expect(await readModel(h, certificateNo)).toMatchObject({ status: 'valid' });

      // The producer hears of the failure; the inspector is asked to come back.
      const outbox = await outboxRows(h, `${certificateLifecycleId(certificateNo)}:`);
      expect(outbox.map((n) => [n.template, n.channel, n.recipient])).toEqual([
        ['inspection-requested', 'inbox', `agency:${INSPECTOR}`],
        ['inspection-failed', 'inbox', `org:${input.organisationId}`],
        ['inspection-requested', 'inbox', `agency:${INSPECTOR}`],
      ]);

      // The certificate goes on to its second inspection.
      const second = await atInspection(h, lifecycle, 2, schedule.inspectionsDue[1]!);
      expect(second.status).toBe('valid');
      await lifecycle.terminate('test done');
    }));

  it('revokes a certificate that fails its re-inspection too', () =>
    withOwnServer(async (h) => {
      const { input, certificateNo, lifecycle } = await certifiedJourney(h, 75);
      const schedule = certificateSchedule(new Date((await lifecycle.query(certificateStateQuery)).issuedAt));
      await atInspection(h, lifecycle, 1, schedule.inspectionsDue[0]!);
      await submit(lifecycle, report('fail'));
      await waitForCertificate(lifecycle, (s) => s.awaiting === 're_inspection_report');
      await skipTo(h, (await h.now()) + 25 * DAY);
      const revokedAt = await h.now();
      const revoked = await submit(lifecycle, report('fail', { notes: 'Vẫn chưa khắc phục' }));
      expect(revoked).toMatchObject({ status: 'revoked', inspections: [{ verdict: 'fail', reInspectionVerdict: 'fail' }] });

      const final = await lifecycle.result();
      expect(final.status).toBe('revoked');
      expect(final.awaiting).toBeUndefined();
      expect(final.reason).toMatch(/re-inspection failed/);
      const events = await eventsOf(h, certificateNo);
      expect(events.map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionFailed', 'ReminderSent', 'CertificateRevoked']);
      // The 7-day reminder of the re-inspection went out on time (day 23), the 1-day one (day 29) never came.
      expect(events[2]!.payload).toMatchObject({ step: 're_inspection_report', kind: 'before', daysBefore: 7 });
      expectAt(events[2], Date.parse(events[2]!.payload.dueAt) - 7 * DAY);
      expectAt(events[3], revokedAt);
      expect(events[3]).toMatchObject({ actor: 'inspector:inspector-user', payload: { status: 'revoked', reason: final.reason } });

      const revocation = await outboxRows(h, `${certificateLifecycleId(certificateNo)}:revoked`);
      expect(revocation.map((n) => [n.template, n.channel, n.recipient])).toEqual([
        ['certificate-revoked', 'inbox', `org:${input.organisationId}`],
      ]);
      expect(
        (await outboxRows(h, `${certificateLifecycleId(certificateNo)}:`)).filter((n) => n.template === 'certificate-revoked'),
      ).toHaveLength(1);
      expect(await readModel(h, certificateNo)).toMatchObject({ status: 'revoked', status_reason: final.reason });
    }));

  it('revokes a certificate whose re-inspection report has not come by the remediation deadline', () =>
    withOwnServer(async (h) => {
      const { input, lifecycle } = await startLifecycle(h);
      const schedule = certificateSchedule(new Date(input.issuedAt));
      await atInspection(h, lifecycle, 1, schedule.inspectionsDue[0]!);
      await submit(lifecycle, report('fail'));
      const remediation = await waitForCertificate(lifecycle, (s) => s.awaiting === 're_inspection_report');
      const dueAt = Date.parse(remediation.inspections[0]!.remediationDueAt!);

      const final = await lifecycle.result(); // the server skips to the deadline
      expect(final).toMatchObject({ status: 'revoked', inspections: [{ verdict: 'fail' }] });
      expect(final.awaiting).toBeUndefined();
      expect(final.inspections[0]!.reInspectionVerdict).toBeUndefined();
      expect(final.reason).toMatch(/remediation deadline .* missed/);
      const events = await eventsOf(h, input.certificateNo);
      expect(events.map((e) => e.type)).toEqual([
        'InspectionRequested',
        'InspectionFailed',
        'ReminderSent',
        'ReminderSent',
        'InspectionReportOverdue',
        'CertificateRevoked',
      ]);
      expect(events.slice(2, 4).map((e) => [e.payload.daysBefore, Date.parse(e.payload.scheduledFor)])).toEqual([
        [7, dueAt - 7 * DAY],
        [1, dueAt - DAY],
      ]);
      for (const reminder of events.slice(2, 4)) expectAt(reminder, Date.parse(reminder.payload.scheduledFor));
      expectAt(events[4], dueAt);
      expectAt(events[5], dueAt);
      expect(events[5]).toMatchObject({ actor: 'system:deadline', payload: { status: 'revoked' } });
      expect(await outboxRows(h, `${certificateLifecycleId(input.certificateNo)}:revoked`)).toHaveLength(1);
      // The workflow has completed: a late report reaches nothing and changes nothing.
      await expect(submit(lifecycle, report('pass'))).rejects.toThrow();
      expect(await eventsOf(h, input.certificateNo)).toHaveLength(6);
    }));
});

describe('certificateLifecycle: re-evaluation', () => {
  it('is superseded by a re-evaluation certificate (4★ over 3★) and completes', () =>
    withOwnServer(async (h) => {
      const { input, lifecycle } = await startLifecycle(h, { stars: 3 });
      const schedule = certificateSchedule(new Date(input.issuedAt));
      await atInspection(h, lifecycle, 1, schedule.inspectionsDue[0]!);
      await submit(lifecycle, report('pass'));
      await skipTo(h, schedule.inspectionsDue[1]!.getTime() - 30 * DAY);
      const signalledAt = await h.now();
      await lifecycle.signal(certificateSupersededSignal, { newCertificateNo: 'LC-2023-0042', stars: 4 });

      const final = await lifecycle.result();
      expect(final).toMatchObject({ status: 'superseded', supersededBy: 'LC-2023-0042', stars: 3 });
      const events = await eventsOf(h, input.certificateNo);
      expect(events.map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionPassed', 'CertificateSuperseded']);
      expectAt(events[2], signalledAt);
      expect(events[2]).toMatchObject({
        actor: 'system:re-evaluation',
        payload: { status: 'superseded', supersededBy: 'LC-2023-0042', newStars: 4 },
      });
    }));

  it('is superseded, not revoked, when the re-evaluation comes during remediation', () =>
    withOwnServer(async (h) => {
      const { input, lifecycle } = await startLifecycle(h);
      const schedule = certificateSchedule(new Date(input.issuedAt));
      await atInspection(h, lifecycle, 1, schedule.inspectionsDue[0]!);
      await submit(lifecycle, report('fail'));
      await waitForCertificate(lifecycle, (s) => s.awaiting === 're_inspection_report');
      await lifecycle.signal(certificateSupersededSignal, { newCertificateNo: 'LC-2022-0007', stars: 4 });

      const final = await lifecycle.result();
      expect(final).toMatchObject({ status: 'superseded', supersededBy: 'LC-2022-0007', inspections: [{ verdict: 'fail' }] });
      expect(final.awaiting).toBeUndefined();
      expect(final.reason).toBeUndefined();
      const events = await eventsOf(h, input.certificateNo);
      expect(events.map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionFailed', 'CertificateSuperseded']);
      expect(await outboxRows(h, `${certificateLifecycleId(input.certificateNo)}:revoked`)).toHaveLength(0);
    }));

  it('end to end: a re-evaluation journey with previousCertificateNo that certifies supersedes the old certificate', () =>
    withOwnServer(async (h) => {
      const first = await certifiedJourney(h, 60);
      expect(await first.lifecycle.query(certificateStateQuery)).toMatchObject({ status: 'valid', stars: 3 });
      expect(await readModel(h, first.certificateNo)).toMatchObject({ status: 'valid', stars: 3 });

      // The producer enters the product in a later cycle to move up a star (nâng hạng). It runs as a product record
      // of its own: `products` is keyed by product_id, so a second journey of the same product_id cannot be projected.
      const second = await certifiedJourney(h, 75, {
        organisationId: first.input.organisationId,
        cycleYear: 2022,
        previousCertificateNo: first.certificateNo,
      });
      expect(second.certificateNo).not.toBe(first.certificateNo);

      const old = await first.lifecycle.result();
      expect(old).toMatchObject({ status: 'superseded', supersededBy: second.certificateNo, stars: 3 });
      const events = await eventsOf(h, first.certificateNo);
      expect(events.map((e) => e.type)).toEqual(['CertificateSuperseded']);
      expect(events[0]!.payload).toMatchObject({ supersededBy: second.certificateNo, newStars: 4 });
      const issued = (await h.events(`product:${second.input.productId}:2022`)).find((e) => e.type === 'CertificateIssued');
      expect(issued!.payload).toMatchObject({ certificateNo: second.certificateNo, stars: 4, supersedes: first.certificateNo });

      expect(await readModel(h, first.certificateNo)).toMatchObject({
        status: 'superseded',
        superseded_by: second.certificateNo,
        stars: 3,
      });
      expect(await readModel(h, second.certificateNo)).toMatchObject({ status: 'valid', stars: 4 });
      expect(await second.lifecycle.query(certificateStateQuery)).toMatchObject({ status: 'valid', stars: 4 });
      await second.lifecycle.terminate('test done');
    }));
});

describe('certificateLifecycle: inspection reports', () => {
  it('refuses a report when none is awaited, and one from another inspection agency, changing nothing', () =>
    withOwnServer(async (h) => {
      const { input, lifecycle } = await startLifecycle(h);
      const schedule = certificateSchedule(new Date(input.issuedAt));
      const before = await lifecycle.query(certificateStateQuery);
      expect(await refusal(submit(lifecycle, report('pass')))).toMatchObject({ type: 'WRONG_STAGE', details: { status: 'valid' } });
      expect(await lifecycle.query(certificateStateQuery)).toEqual(before);
      expect(await eventsOf(h, input.certificateNo)).toEqual([]);

      const awaiting = await atInspection(h, lifecycle, 1, schedule.inspectionsDue[0]!);
      const eventsBefore = await eventsOf(h, input.certificateNo);
      expect(eventsBefore.map((e) => e.type)).toEqual(['InspectionRequested']);
      expect(await refusal(submit(lifecycle, report('pass', { actor: actors.inspector('inspector:ha-giang') })))).toMatchObject({
        type: 'WRONG_ACTOR',
        details: { role: 'inspector' },
      });
      expect(await refusal(submit(lifecycle, report('fail', { actor: actors.lab() })))).toMatchObject({
        type: 'WRONG_ACTOR',
        details: { role: 'lab' },
      });
      expect(await refusal(submit(lifecycle, report('maybe' as 'pass')))).toMatchObject({
        type: 'VALIDATION_FAILED',
        details: { field: 'verdict' },
      });
      expect(await lifecycle.query(certificateStateQuery)).toEqual(awaiting);
      expect(await eventsOf(h, input.certificateNo)).toEqual(eventsBefore);

      // The assigned agency's report is taken; after it, none is awaited again.
      expect((await submit(lifecycle, report('pass'))).inspections[0]!.verdict).toBe('pass');
      const passed = await waitForCertificate(lifecycle, (s) => s.lastEventSeq === 2);
      expect((await refusal(submit(lifecycle, report('fail')))).type).toBe('WRONG_STAGE');
      expect(await lifecycle.query(certificateStateQuery)).toEqual(passed);
      expect((await eventsOf(h, input.certificateNo)).map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionPassed']);
      await lifecycle.terminate('test done');
    }));

  it('takes a report sent while the inspection request is still being recorded', () =>
    withOwnServer(async (h) => {
      // Issued a year ago (less a minute): the first inspection is due now, no time needs skipping.
      const now = await h.now();
      h.failNextRecordAfterCommit = true; // InspectionRequested is written, then its activity fails and is retried
      const { input, lifecycle } = await startLifecycle(h, { issuedAt: addMonths(new Date(now - MINUTE), -12).toISOString() });
      const deadline = Date.now() + 20_000;
      while (h.failNextRecordAfterCommit) {
        if (Date.now() > deadline) throw new Error('the inspection was never requested');
        await new Promise((r) => setTimeout(r, 20));
      }
      // Once the report is awaited (the activity may still be retrying), a report taken must never be lost.
      await waitForCertificate(lifecycle, (s) => s.awaiting === 'inspection_report');
      const taken = await submit(lifecycle, report('pass'));
      expect(taken.inspections[0]!.verdict).toBe('pass');
      const passed = await waitForCertificate(lifecycle, (s) => s.lastEventSeq === 2, 10_000);
      expect(passed.inspections[0]!.verdict).toBe('pass');
      expect((await eventsOf(h, input.certificateNo)).map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionPassed']);
      await lifecycle.terminate('test done');
    }));

  it('asks the inspector by webhook when the agency has one, else in its inbox', () =>
    withOwnServer(async (h) => {
      const webhook = 'https://thanhtra.laocai.gov.vn/ocop/hooks/inspections';
      const byHook = await startLifecycle(h, { inspectorWebhookUrl: webhook });
      const byInbox = await startLifecycle(h);
      const dueOf = (input: CertificateLifecycleInput) => certificateSchedule(new Date(input.issuedAt)).inspectionsDue[0]!;
      await skipTo(h, dueOf(byInbox.input).getTime() + HOUR);
      for (const { lifecycle } of [byHook, byInbox]) await waitForCertificate(lifecycle, (s) => s.awaiting === 'inspection_report');

      for (const [{ input }, channel, recipient] of [
        [byHook, 'webhook', webhook],
        [byInbox, 'inbox', `agency:${INSPECTOR}`],
      ] as const) {
        const requested = (await eventsOf(h, input.certificateNo)).find((e) => e.type === 'InspectionRequested');
        expectAt(requested, dueOf(input));
        const reportDueAt = addDays(dueOf(input), 30).toISOString();
        const notices = await outboxRows(h, `${certificateLifecycleId(input.certificateNo)}:inspection-requested:1`);
        expect(notices).toEqual([
          expect.objectContaining({
            channel,
            recipient,
            template: 'inspection-requested',
            data: { certificateNo: input.certificateNo, productName: input.productName, dueDate: reportDueAt },
          }),
        ]);
      }
      // Reminders of the report go the same way.
      await submit(byInbox.lifecycle, report('pass'));
      await skipTo(h, addDays(dueOf(byHook.input), 30 - 7).getTime() + HOUR);
      await waitForCertificate(byHook.lifecycle, (s) => s.lastEventSeq === 2);
      const reminders = await outboxRows(h, `${certificateLifecycleId(byHook.input.certificateNo)}:inspection_report-reminder-7d`);
      expect(reminders.map((n) => [n.channel, n.recipient])).toEqual([['webhook', webhook]]);
      for (const { lifecycle } of [byHook, byInbox]) await lifecycle.terminate('test done');
    }));
});
