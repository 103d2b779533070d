import { WorkflowHandle } from '@temporalio/client';
import {
  certificateLifecycleId,
  certificateStateQuery,
  checkDossierUpdate,
  ideaSubmissionUpdate,
  journeyStateQuery,
  ProductJourneyInput,
  reviewIdeaUpdate,
  reviseIdeaUpdate,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitLabResultsUpdate,
  withdrawUpdate,
} from '@ocop/contracts';
import { A_DOSSIER, actors, DAY, refusal, WorkflowHarness, withOwnServer } from '../support/workflow-harness';

const h = new WorkflowHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

const dossier = A_DOSSIER;
const throughDossier = (handle: WorkflowHandle, input: ProductJourneyInput) => h.throughDossier(handle, input);

const eventTypes = async (input: ProductJourneyInput) =>
  (await h.events(`product:${input.productId}:${input.cycleYear}`)).map((e) => e.type);

describe('productJourney under QĐ 1048/2019', () => {
  it('goes from idea to a 4★ certificate: district 65, lab pass, province 75', async () => {
    const { input, handle } = await h.startJourney({ productGroup: 'do-uong' });
    await throughDossier(handle, input);
    expect((await handle.query(journeyStateQuery)).stage).toBe('awaiting_district_session');

    await h.score(handle, 'district', 65);
    const atLab = await h.waitFor(handle, (s) => s.stage === 'awaiting_lab_test');
    await handle.executeUpdate(submitLabResultsUpdate, {
      args: [
        {
          actor: actors.lab(),
          requestId: atLab.lab.requestId,
          indicators: [
            { indicator: 'E. coli', passed: true },
            { indicator: 'Methanol', passed: true },
          ],
        },
      ],
    });
    await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');

    await h.score(handle, 'province', 75);
    const final = await handle.result();
    expect(final).toMatchObject({ stage: 'certified', stars: 4 });
    expect(final.certificateNo).toMatch(/^LC-2021-\d{4}$/);
    expect(await eventTypes(input)).toEqual([
      'IdeaSubmitted',
      'IdeaAccepted',
      'BusinessPlanSubmitted',
      'DossierSubmitted',
      'EnteredSession',
      'DistrictScored',
      'LabTestRequested',
      'LabTestPassed',
      'ForwardedToLevel',
      'EnteredSession',
      'ProvinceScored',
      'StarsRecognised',
      'CertificateIssued',
    ]);
    // Forwarded by the district, it goes straight to the lab: it never shows as awaiting the province (where a
    // coordinator could enter it in a session) before the lab passed it.
    const stages = (await h.events(`product:${input.productId}:2021`)).map((e) => `${e.type}:${(e.payload as { stage?: string }).stage}`);
    expect(
      stages.slice(stages.indexOf('DistrictScored:awaiting_lab_test'), stages.indexOf('ForwardedToLevel:awaiting_province_session') + 1),
    ).toEqual([
      'DistrictScored:awaiting_lab_test',
      'LabTestRequested:awaiting_lab_test',
      'LabTestPassed:awaiting_lab_test',
      'ForwardedToLevel:awaiting_province_session',
    ]);
    const [product] = await h.db.query(`SELECT stage, stars, certificate_no FROM products WHERE product_id = $1`, [input.productId]);
    expect(product).toEqual({ stage: 'certified', stars: 4, certificate_no: final.certificateNo });
    const [certificate] = await h.db.query(`SELECT stars, status FROM certificates WHERE certificate_no = $1`, [final.certificateNo]);
    expect(certificate).toEqual({ stars: 4, status: 'valid' });
    // The certificate lives on in its own workflow.
    const lifecycle = h.env.client.workflow.getHandle(certificateLifecycleId(final.certificateNo));
    expect(await lifecycle.query(certificateStateQuery)).toMatchObject({ status: 'valid', stars: 4 });
  });

  it('stops a product the district scores under 50, with the breakdown', async () => {
    const { input, handle } = await h.startJourney({ productGroup: 'vai-may-mac' });
    await throughDossier(handle, input);
    await h.score(handle, 'district', 45);
    expect(await handle.result()).toMatchObject({
      stage: 'not_qualified',
      results: [{ level: 'district', mean: 45, stars: 2, outcome: 'not_qualified', totals: [{ memberId: 'm1', total: 45 }] }],
    });
  });

  it('lets a product that fails a lab test retest once, and go on when the retest passes', async () => {
    const { input, handle } = await h.startJourney({ productGroup: 'thuc-pham' });
    await throughDossier(handle, input);
    await h.score(handle, 'district', 60);
    const first = await h.waitFor(handle, (s) => s.stage === 'awaiting_lab_test');
    await handle.executeUpdate(submitLabResultsUpdate, {
      args: [{ actor: actors.lab(), requestId: first.lab.requestId, indicators: [{ indicator: 'Salmonella', passed: false }] }],
    });
    const retest = await h.waitFor(handle, (s) => s.lab?.attempt === 2);
    expect(retest.stage).toBe('awaiting_lab_test');
    await handle.executeUpdate(submitLabResultsUpdate, {
      args: [{ actor: actors.lab(), requestId: retest.lab.requestId, indicators: [{ indicator: 'Salmonella', passed: true }] }],
    });
    await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
    expect((await eventTypes(input)).filter((t) => t.startsWith('LabTest'))).toEqual([
      'LabTestRequested',
      'LabTestFailed',
      'LabTestRequested',
      'LabTestPassed',
    ]);
    await handle.terminate('test done');
  });

  it('ends the journey when the retest fails too', async () => {
    const { input, handle } = await h.startJourney({ productGroup: 'thuc-pham' });
    await throughDossier(handle, input);
    await h.score(handle, 'district', 60);
    for (const attempt of [1, 2]) {
      const state = await h.waitFor(handle, (s) => s.lab?.attempt === attempt);
      await handle.executeUpdate(submitLabResultsUpdate, {
        args: [{ actor: actors.lab(), requestId: state.lab.requestId, indicators: [{ indicator: 'Chì (Pb)', passed: false }] }],
      });
    }
    expect(await handle.result()).toMatchObject({ stage: 'failed_lab_test' });
  });

  it('ends the journey when the lab is overdue', () =>
    withOwnServer(async (h) => {
      const { input, handle } = await h.startJourney({ productGroup: 'thao-duoc' });
      await throughDossier(handle, input);
      await h.score(handle, 'district', 60);
      const state = await h.waitFor(handle, (s) => s.stage === 'awaiting_lab_test');
      expect(Date.parse(state.lab.dueAt) - (await h.now())).toBeLessThanOrEqual(21 * DAY);
      const result = await handle.result(); // the test server skips time to the lab's due date
      expect(result).toMatchObject({ stage: 'failed_lab_test' });
      expect(result.reason).toMatch(/overdue/);
      const failed = (await h.events(`product:${input.productId}:2021`)).find((e) => e.type === 'LabTestFailed');
      expect(Math.abs(new Date(failed!.occurred_at).getTime() - Date.parse(state.lab.dueAt))).toBeLessThan(60_000);
    }));

  it('nominates a product scoring ≥ 90 at the province: 4★ certificate at once, then the centre’s 5★ supersedes it', async () => {
    const { input, handle } = await h.startJourney({ productGroup: 'luu-niem-noi-that-trang-tri' });
    await throughDossier(handle, input);
    await h.score(handle, 'district', 80);
    await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
    await h.score(handle, 'province', 92);
    const nominee = await h.waitFor(handle, (s) => s.stage === 'awaiting_central_session' && s.certificateNo);
    expect(nominee).toMatchObject({ stars: 4, certificateNo: expect.any(String) });
    const provincial = nominee.certificateNo as string;
    const lifecycle = h.env.client.workflow.getHandle(certificateLifecycleId(provincial));
    expect(await lifecycle.query(certificateStateQuery)).toMatchObject({ stars: 4, status: 'valid' });
    await h.score(handle, 'central', 91);
    const result = await handle.result();
    expect(result).toMatchObject({ stage: 'certified', stars: 5 });
    expect(result.certificateNo).not.toBe(provincial);
    const issued = (await h.events(`product:${input.productId}:2021`)).filter((e) => e.type === 'CertificateIssued').map((e) => e.payload);
    expect(issued).toMatchObject([
      { certificateNo: provincial, stars: 4, level: 'province', potentialFiveStars: true },
      { certificateNo: result.certificateNo, stars: 5, level: 'central', supersedes: provincial },
    ]);
    expect(await lifecycle.result()).toMatchObject({ status: 'superseded', supersededBy: result.certificateNo });
  });

  it.each([88, 30])(
    'keeps a central nominee scoring %p at the province’s 4★: no second certificate, never “not qualified”',
    async (central) => {
      const { input, handle } = await h.startJourney({ productGroup: 'vai-may-mac' });
      await throughDossier(handle, input);
      await h.score(handle, 'district', 80);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
      await h.score(handle, 'province', 90);
      const nominee = await h.waitFor(handle, (s) => s.stage === 'awaiting_central_session' && s.certificateNo);
      await h.score(handle, 'central', central);
      expect(await handle.result()).toMatchObject({ stage: 'certified', stars: 4, certificateNo: nominee.certificateNo });
      const events = await h.events(`product:${input.productId}:2021`);
      expect(events.filter((e) => e.type === 'CertificateIssued')).toHaveLength(1);
      // The centre's score is the journey's last event: it carries the stage the read models show (certified).
      expect(events.at(-1)!.type).toBe('CentralScored');
      expect(events.find((e) => e.type === 'CentralScored')!.payload).toMatchObject({
        stage: 'certified',
        outcome: 'kept',
        stars: 4,
        certificateNo: nominee.certificateNo,
        mean: central,
      });
    },
  );
});

describe('deadlines and reminders', () => {
  it('reminds the producer exactly 7 days and 1 day before the business plan is due, and on the day', () =>
    withOwnServer(async (h) => {
      const { input, handle } = await h.startJourney();
      await handle.executeUpdate(ideaSubmissionUpdate);
      await handle.executeUpdate(reviewIdeaUpdate, {
        args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }],
      });
      const dueAt = Date.parse(input.calendar!.businessPlanDueAt);
      await h.env.sleep(dueAt - (await h.now()) + DAY / 2);
      await h.waitFor(handle, () => true);
      const reminders = (await h.events(`product:${input.productId}:2021`)).filter((e) => e.type === 'ReminderSent');
      // The reminder's own time is exact; the event's clock is the workflow task's, a few milliseconds later.
      expect(reminders.map((r) => [r.payload.kind, r.payload.daysBefore, Date.parse(r.payload.scheduledFor)])).toEqual([
        ['before', 7, dueAt - 7 * DAY],
        ['before', 1, dueAt - 1 * DAY],
        ['missed', 0, dueAt],
      ]);
      for (const reminder of reminders)
        expect(new Date(reminder.occurred_at).getTime() - Date.parse(reminder.payload.scheduledFor)).toBeLessThan(60_000);
      const outbox = await h.outbox(`product:${input.productId}:2021:business_plan_due`);
      expect(outbox.map((n) => n.template)).toEqual(['deadline-reminder', 'deadline-reminder', 'deadline-missed']);
      await handle.terminate('test done');
    }));

  it('reminds the coordinators before the idea review is due, escalates a missed review, and keeps the product waiting', () =>
    withOwnServer(async (h) => {
      const { input, handle } = await h.startJourney();
      await handle.executeUpdate(ideaSubmissionUpdate);
      const reviewDueAt = Date.parse(input.calendar!.ideaWindowClosesAt) + 15 * DAY;
      await h.env.sleep(reviewDueAt - (await h.now()) + DAY);
      await h.waitFor(handle, () => true);
      const events = (await h.events(`product:${input.productId}:2021`)).filter(
        (e) => e.type === 'ReminderSent' || e.type === 'DeadlineMissed',
      );
      expect(
        events.map((e) => [e.type, e.payload.step, e.payload.daysBefore ?? null, e.payload.recipient ?? e.payload.escalatedTo]),
      ).toEqual([
        ['ReminderSent', 'idea_review', 7, `district:${input.districtCode}:coordinators`],
        ['ReminderSent', 'idea_review', 1, `district:${input.districtCode}:coordinators`],
        ['DeadlineMissed', 'idea_review', null, 'province:lao-cai:coordinators'],
      ]);
      expect(Date.parse(events[0]!.payload.scheduledFor)).toBe(reviewDueAt - 7 * DAY);
      expect((await handle.query(journeyStateQuery)).stage).toBe('awaiting_idea_review');
      await handle.executeUpdate(reviewIdeaUpdate, {
        args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }],
      });
      expect((await handle.query(journeyStateQuery)).stage).toBe('business_plan_due');
      await handle.terminate('test done');
    }));

  it('withdraws a product whose dossier is missed, once the grace period is over', () =>
    withOwnServer(async (h) => {
      const { input, handle } = await h.startJourney();
      await handle.executeUpdate(ideaSubmissionUpdate);
      await handle.executeUpdate(reviewIdeaUpdate, {
        args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }],
      });
      await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: actors.producer(input), summary: 'Kế hoạch kinh doanh' }] });
      const result = await handle.result();
      expect(result).toMatchObject({ stage: 'withdrawn' });
      const withdrawn = (await h.events(`product:${input.productId}:2021`)).find((e) => e.type === 'ProductWithdrawn');
      expect(new Date(withdrawn!.occurred_at).getTime() - (Date.parse(input.calendar!.dossierDueAt) + 7 * DAY)).toBeLessThan(60_000);
      expect(withdrawn!.payload).toMatchObject({ byProducer: false, missedStep: 'dossier_due' });
    }));

  it('refuses a step after its grace period, and a producer acting for another organisation', async () => {
    const { input, handle } = await h.startJourney();
    await handle.executeUpdate(ideaSubmissionUpdate);
    await handle.executeUpdate(reviewIdeaUpdate, {
      args: [
        {
          actor: actors.districtCoordinator(input.districtCode),
          decision: 'request_changes',
          reason: 'Bổ sung mô tả',
          dueAt: new Date((await h.now()) + 5 * DAY).toISOString(),
        },
      ],
    });
    const stranger = { ...actors.producer(input), organisationId: '00000000-0000-4000-8000-000000000000' };
    expect(await refusal(handle.executeUpdate(reviseIdeaUpdate, { args: [{ actor: stranger, note: 'x' }] }))).toMatchObject({
      type: 'WRONG_ACTOR',
    });
    await handle.executeUpdate(reviseIdeaUpdate, { args: [{ actor: actors.producer(input), note: 'Đã bổ sung' }] });
    expect((await handle.query(journeyStateQuery)).stage).toBe('awaiting_idea_review');
    await handle.terminate('test done');
  });
});

describe('update validators refuse without changing the journey', () => {
  it.each([
    [
      'the wrong stage',
      (input: ProductJourneyInput) => [submitDossierUpdate, { actor: actors.producer(input), ...dossier }],
      'WRONG_STAGE',
    ],
    [
      'the wrong district’s coordinator',
      () => [reviewIdeaUpdate, { actor: actors.districtCoordinator('van-ban'), decision: 'accept' }],
      'WRONG_ACTOR',
    ],
    [
      'a rejection without a reason',
      (input: ProductJourneyInput) => [reviewIdeaUpdate, { actor: actors.districtCoordinator(input.districtCode), decision: 'reject' }],
      'VALIDATION_FAILED',
    ],
    [
      'changes due in the past',
      (input: ProductJourneyInput) => [
        reviewIdeaUpdate,
        { actor: actors.districtCoordinator(input.districtCode), decision: 'request_changes', reason: 'x', dueAt: '2000-01-01T00:00:00Z' },
      ],
      'DATE_IN_PAST',
    ],
  ] as const)('%s', async (_name, build, code) => {
    const { input, handle } = await h.startJourney();
    await handle.executeUpdate(ideaSubmissionUpdate);
    const before = await eventTypes(input);
    const [update, request] = build(input) as [never, never];
    expect((await refusal(handle.executeUpdate(update, { args: [request] }))).type).toBe(code);
    expect(await eventTypes(input)).toEqual(before);
    expect((await handle.query(journeyStateQuery)).stage).toBe('awaiting_idea_review');
    await handle.terminate('test done');
  });

  it('refuses a self-assessment over a part maximum', async () => {
    const { input, handle } = await h.startJourney();
    await handle.executeUpdate(ideaSubmissionUpdate);
    await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
    await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: actors.producer(input), summary: 'Kế hoạch' }] });
    const over = { actor: actors.producer(input), selfAssessment: { A: 36, B: 20, C: 30 }, evidence: ['a.pdf'] };
    expect(await refusal(handle.executeUpdate(submitDossierUpdate, { args: [over] }))).toMatchObject({
      type: 'SCORE_OUT_OF_RANGE',
      details: { field: 'selfAssessment.A', max: 35 },
    });
    await handle.terminate('test done');
  });

  it('lets the producer withdraw, and then refuses everything', async () => {
    const { input, handle } = await h.startJourney();
    await handle.executeUpdate(ideaSubmissionUpdate);
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: actors.producer(input), reason: 'Đổi hướng sản xuất' }] });
    expect(await handle.result()).toMatchObject({ stage: 'withdrawn', reason: 'Đổi hướng sản xuất' });
  });
});

describe('level sequences of the other rule sets', () => {
  it('QĐ 148/2023: lab testing before the district, which recognises 3★ itself', async () => {
    const { input, handle } = await h.startJourney({ ruleSet: 'QD148-2023', productGroup: 'duoc-lieu', cycleYear: 2024 });
    await handle.executeUpdate(ideaSubmissionUpdate);
    await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
    await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: actors.producer(input), summary: 'Kế hoạch' }] });
    await handle.executeUpdate(submitDossierUpdate, {
      args: [{ actor: actors.producer(input), selfAssessment: { A: 35, B: 20, C: 30 }, evidence: ['a.pdf'] }],
    });
    const lab = await h.waitFor(handle, (s) => s.stage === 'awaiting_lab_test');
    await handle.executeUpdate(submitLabResultsUpdate, {
      args: [{ actor: actors.lab(), requestId: lab.lab.requestId, indicators: [{ indicator: 'Aflatoxin', passed: true }] }],
    });
    await h.waitFor(handle, (s) => s.stage === 'awaiting_district_session');
    await h.score(handle, 'district', 60);
    const result = await handle.result();
    expect(result).toMatchObject({ stage: 'certified', stars: 3, results: [{ level: 'district', outcome: 'recognised' }] });
    expect(result.certificateNo).toMatch(/^LC-2024-/);
  });

  it('QĐ 1489/2025: the commune checks the dossier, then the province scores', async () => {
    const { input, handle } = await h.startJourney({ ruleSet: 'QD1489-2025', productGroup: 'thu-cong-my-nghe', cycleYear: 2026 });
    await handle.executeUpdate(ideaSubmissionUpdate);
    await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
    await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: actors.producer(input), summary: 'Kế hoạch' }] });
    await handle.executeUpdate(submitDossierUpdate, {
      args: [{ actor: actors.producer(input), selfAssessment: { A: 35, B: 20, C: 30 }, evidence: ['a.pdf'] }],
    });
    expect((await handle.query(journeyStateQuery)).stage).toBe('awaiting_commune_check');
    await handle.executeUpdate(checkDossierUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), passed: true }] });
    await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
    await h.score(handle, 'province', 72);
    expect(await handle.result()).toMatchObject({ stage: 'certified', stars: 4 });
    expect(await eventTypes(input)).toContain('CommuneChecked');
  });
});

describe('recording is exactly once', () => {
  it('an activity that fails after its write and is retried leaves one event and one notification', async () => {
    const { input, handle } = await h.startJourney();
    await handle.executeUpdate(ideaSubmissionUpdate);
    h.failNextRecordAfterCommit = true;
    await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
    expect(h.failNextRecordAfterCommit).toBe(false);
    expect(await eventTypes(input)).toEqual(['IdeaSubmitted', 'IdeaAccepted']);
    expect(await h.outbox(`product:${input.productId}:2021:idea-reviewed`)).toHaveLength(1);
    await handle.terminate('test done');
  });
});
