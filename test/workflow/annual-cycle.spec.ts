import { randomUUID } from 'node:crypto';
import { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import {
  Actor,
  ANNUAL_CYCLE_WORKFLOW,
  AnnualCycleInput,
  annualCycleId,
  CALENDAR_WINDOWS,
  CalendarWindow,
  CycleCalendar,
  CycleProgress,
  cycleProgressQuery,
  CycleTargets,
  ideaSubmissionUpdate,
  journeyProgressSignal,
  journeyStateQuery,
  moveDateUpdate,
  MoveDateRequest,
  ProductJourneyInput,
  productJourneyId,
  reviewIdeaUpdate,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitLabResultsUpdate,
  withdrawUpdate,
} from '@ocop/contracts';
import type { annualCycle, AnnualCycleOptions } from '../../workflows/annual-cycle.workflow';
import { actors, DAY, WorkflowHarness, withOwnServer, refusal } from '../support/workflow-harness';

// Each test runs its own cycle, `cycle:lao-cai:<year>`, which is also its event stream in the shared test database:
// the years here are used by no other test file, and by no other test in this one.
const PROVINCE = 'lao-cai';
const TARGETS: CycleTargets = { newCertifiedProducts: 1, organisationsConsolidated: 3, newOrganisations: 2 };
const BROADCAST = `province:${PROVINCE}:producers`;
const coordinator = actors.provincialCoordinator(PROVINCE);
const dossier = { selfAssessment: { A: 30, B: 20, C: 30 }, evidence: ['giay-chung-nhan-dang-ky.pdf'] };

type CycleHandle = WorkflowHandleWithFirstExecutionRunId<typeof annualCycle>;
type Journey = { input: ProductJourneyInput; handle: WorkflowHandle };
interface EventRow {
  stream_seq: number;
  type: string;
  actor: string;
  occurred_at: Date;
  payload: any;
}
interface SentReminder {
  step: string;
  kind: string;
  daysBefore: number;
  dueAt: string;
  scheduledFor: number;
  occurredAt: number;
  recipient: string;
}

// The shared server: only for tests that never skip time.
const h = new WorkflowHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

// --- helpers -------------------------------------------------------------------------------------------------------

/** Polls `read` until `ok` holds: workflows act on signals and timers on their own time. A read that hangs (a query
 * to a workflow that cannot answer) counts as not yet, so the test fails with what it waited for. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(deadline - Date.now(), 0) + 100)),
    );
    const value = await Promise.race([read().catch(() => undefined), timedOut]).finally(() => clearTimeout(timer));
    if (value !== undefined) last = value;
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: never happened; last seen ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cycleStream = (year: number) => annualCycleId(PROVINCE, year);
const journeyStream = (journey: Journey) => productJourneyId(journey.input.productId, journey.input.cycleYear);

const cycleEvents = (harness: WorkflowHarness, year: number): Promise<EventRow[]> =>
  harness.db.query(`SELECT stream_seq, type, actor, occurred_at, payload FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [
    cycleStream(year),
  ]);

const journeyEvents = (harness: WorkflowHarness, journey: Journey): Promise<EventRow[]> =>
  harness.db.query(`SELECT stream_seq, type, actor, occurred_at, payload FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [
    journeyStream(journey),
  ]);

function remindersIn(events: readonly EventRow[], step?: string): SentReminder[] {
  return events
    .filter((e) => e.type === 'ReminderSent' && (step === undefined || e.payload.step === step))
    .map((e) => ({
      step: e.payload.step,
      kind: e.payload.kind,
      daysBefore: e.payload.daysBefore,
      dueAt: e.payload.dueAt,
      scheduledFor: Date.parse(e.payload.scheduledFor),
      occurredAt: new Date(e.occurred_at).getTime(),
      recipient: e.payload.recipient,
    }));
}

/** [days before, due date, scheduled time]: what a reminder list is compared by. */
const whenAndFor = (reminders: readonly SentReminder[]) => reminders.map((r) => [r.daysBefore, r.dueAt, r.scheduledFor]);

async function startCycle(
  harness: WorkflowHarness,
  year: number,
  calendar: CycleCalendar,
  options: AnnualCycleOptions = {},
): Promise<{ input: AnnualCycleInput; cycle: CycleHandle }> {
  const input: AnnualCycleInput = { provinceCode: PROVINCE, year, ruleSet: 'QD1048-2019', calendar, targets: TARGETS };
  const cycle = await harness.env.client.workflow.start<typeof annualCycle>(ANNUAL_CYCLE_WORKFLOW, {
    workflowId: annualCycleId(PROVINCE, year),
    taskQueue: harness.taskQueue,
    args: [input, options],
  });
  await eventually(
    () => cycleEvents(harness, year),
    (events) => events.some((e) => e.type === 'CycleOpened'),
    'CycleOpened recorded',
  );
  return { input, cycle };
}

const progress = (cycle: CycleHandle): Promise<CycleProgress> => cycle.query(cycleProgressQuery);
const progressWhen = (cycle: CycleHandle, ok: (p: CycleProgress) => boolean, what: string) => eventually(() => progress(cycle), ok, what);
const heardOf = (p: CycleProgress) => p.journeys.open + p.journeys.ended;

/** The progress reports (journeyProgress signals) a workflow sent, from its history. */
async function reportsSent(handle: WorkflowHandle): Promise<number> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes?.signalName === 'journeyProgress').length;
}

/** The progress reports a cycle took, from its history. */
async function reportsTaken(handle: WorkflowHandle): Promise<number> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'journeyProgress').length;
}

const moveDate = (
  cycle: CycleHandle,
  window: CalendarWindow,
  newDate: string | number,
  actor: Actor = coordinator,
): Promise<CycleCalendar> => cycle.executeUpdate(moveDateUpdate, { args: [{ actor, window, newDate: new Date(newDate).toISOString() }] });

/** A journey in the cycle whose idea is recorded: it waits for review. */
async function submittedJourney(
  harness: WorkflowHarness,
  calendar: CycleCalendar,
  year: number,
  overrides: Partial<ProductJourneyInput> = {},
): Promise<Journey> {
  const journey = await harness.startJourney({ calendar, cycleYear: year, ...overrides });
  await journey.handle.executeUpdate(ideaSubmissionUpdate);
  return journey;
}

/** A journey in the cycle whose idea was accepted: it waits for its business plan. */
async function acceptedJourney(
  harness: WorkflowHarness,
  calendar: CycleCalendar,
  year: number,
  overrides: Partial<ProductJourneyInput> = {},
): Promise<Journey> {
  const journey = await submittedJourney(harness, calendar, year, overrides);
  await journey.handle.executeUpdate(reviewIdeaUpdate, {
    args: [{ actor: actors.districtCoordinator(journey.input.districtCode), decision: 'accept' }],
  });
  return journey;
}

const submitPlan = (journey: Journey) =>
  journey.handle.executeUpdate(submitBusinessPlanUpdate, {
    args: [{ actor: actors.producer(journey.input), summary: 'Mở rộng vùng nguyên liệu' }],
  });

/** Accepted, plan and dossier in: the journey waits for its district session (no deadline). */
async function journeyAtDistrict(
  harness: WorkflowHarness,
  calendar: CycleCalendar,
  year: number,
  overrides: Partial<ProductJourneyInput> = {},
): Promise<Journey> {
  const journey = await acceptedJourney(harness, calendar, year, overrides);
  await submitPlan(journey);
  await journey.handle.executeUpdate(submitDossierUpdate, { args: [{ actor: actors.producer(journey.input), ...dossier }] });
  return journey;
}

// --- tests -----------------------------------------------------------------------------------------------------------

describe('annualCycle: a coordinator moves a date mid-flight', () => {
  it('takes the running journeys with it: their due date, their reminders and their deadline follow the new date', () =>
    withOwnServer(async (h) => {
      const year = 2020;
      const calendar = await h.calendarFromNow(); // business plans due in 30 days, dossiers in 60
      const { cycle } = await startCycle(h, year, calendar);
      const journeys = [await acceptedJourney(h, calendar, year), await acceptedJourney(h, calendar, year)];
      await progressWhen(cycle, (p) => p.journeys.open === 2, 'both journeys reported running');
      const oldDue = calendar.businessPlanDueAt;
      const newDue = new Date(Date.parse(oldDue) + 20 * DAY).toISOString();

      // 5 days before the old date: its 7-day reminders have gone out.
      await h.env.sleep(Date.parse(oldDue) - 5 * DAY - (await h.now()));
      for (const journey of journeys) {
        const before = await eventually(
          async () => remindersIn(await journeyEvents(h, journey)),
          (r) => r.length === 1,
          'the old 7-day reminder',
        );
        expect(whenAndFor(before)).toEqual([[7, oldDue, Date.parse(oldDue) - 7 * DAY]]);
      }
      const movedAt = await h.now();
      expect(await moveDate(cycle, 'businessPlanDueAt', newDue)).toEqual({ ...calendar, businessPlanDueAt: newDue });
      const moved = (await cycleEvents(h, year)).filter((e) => e.type === 'CycleDateMoved');
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({
        actor: 'provincial_coordinator:coord-province',
        payload: { window: 'businessPlanDueAt', from: oldDue, to: newDue, calendar: { ...calendar, businessPlanDueAt: newDue } },
      });
      expect((await progress(cycle)).calendar).toEqual({ ...calendar, businessPlanDueAt: newDue });
      for (const journey of journeys) {
        expect(await h.waitFor(journey.handle, (s) => s.dueAt === newDue)).toMatchObject({ stage: 'business_plan_due', dueAt: newDue });
      }

      // Past the old date and the end of its grace period, to half a day before the new date.
      await h.env.sleep(Date.parse(newDue) - DAY / 2 - (await h.now()));
      expect(await h.now()).toBeGreaterThan(Date.parse(oldDue) + 7 * DAY);
      for (const journey of journeys) {
        const sent = await eventually(
          async () => remindersIn(await journeyEvents(h, journey)),
          (r) => r.some((x) => x.daysBefore === 1 && x.dueAt === newDue),
          'the new 1-day reminder',
        );
        expect(whenAndFor(sent)).toEqual([
          [7, oldDue, Date.parse(oldDue) - 7 * DAY],
          [7, newDue, Date.parse(newDue) - 7 * DAY],
          [1, newDue, Date.parse(newDue) - 1 * DAY],
        ]);
        expect(sent.filter((r) => r.occurredAt >= movedAt).every((r) => r.dueAt === newDue)).toBe(true);
        for (const r of sent) expect(r.occurredAt - r.scheduledFor).toBeGreaterThanOrEqual(0);
        for (const r of sent) expect(r.occurredAt - r.scheduledFor).toBeLessThan(60_000);
        const outbox = await h.outbox(`${journeyStream(journey)}:business_plan_due:`);
        expect(outbox.map((n) => n.idempotency_key).sort()).toEqual(
          [`reminder-7d:${oldDue}`, `reminder-7d:${newDue}`, `reminder-1d:${newDue}`]
            .map((k) => `${journeyStream(journey)}:business_plan_due:${k}`)
            .sort(),
        );
      }
      // The cycle's own broadcast follows the new date too.
      expect(whenAndFor(remindersIn(await cycleEvents(h, year), 'businessPlanDueAt'))).toEqual([
        [7, oldDue, Date.parse(oldDue) - 7 * DAY],
        [7, newDue, Date.parse(newDue) - 7 * DAY],
        [1, newDue, Date.parse(newDue) - 1 * DAY],
      ]);

      // Between the old and the new date (and past the old grace period), a plan is accepted…
      const [onTime, late] = journeys as [Journey, Journey];
      expect(await submitPlan(onTime)).toEqual({ stage: 'dossier_due', lastEventSeq: expect.any(Number) });
      expect(await onTime.handle.query(journeyStateQuery)).toMatchObject({ stage: 'dossier_due', dueAt: calendar.dossierDueAt });
      // …and a producer who never submits is withdrawn at the end of the new date's grace period, not the old one's.
      expect(await late.handle.result()).toMatchObject({ stage: 'withdrawn' });
      const withdrawn = (await journeyEvents(h, late)).find((e) => e.type === 'ProductWithdrawn')!;
      expect(withdrawn.payload).toMatchObject({ byProducer: false, missedStep: 'business_plan_due', missedDueAt: newDue });
      expect(Math.abs(new Date(withdrawn.occurred_at).getTime() - (Date.parse(newDue) + 7 * DAY))).toBeLessThan(60_000);
      expect((await progressWhen(cycle, (p) => p.journeys.ended === 1, 'the withdrawal reported')).journeys).toEqual({ open: 1, ended: 1 });
      // The plan accepted between moved no report to the cycle: each journey told it of its start, the late one of its end.
      expect([await reportsSent(onTime.handle), await reportsSent(late.handle)]).toEqual([1, 2]);
    }));

  it('does not send late the reminders of a date moved so close that their time has passed, as the journeys do not', () =>
    withOwnServer(async (h) => {
      const year = 2014;
      const calendar = await h.calendarFromNow({ ideaWindowClosesAt: 2 });
      const { cycle } = await startCycle(h, year, calendar);
      const journey = await acceptedJourney(h, calendar, year);
      await progressWhen(cycle, (p) => p.journeys.open === 1, 'the journey reported');
      // On day 10, business plans due on day 30 are moved to day 13: the 7-day reminder's time (day 6) has passed.
      await h.env.sleep(10 * DAY);
      const newDue = new Date((await h.now()) + 3 * DAY).toISOString();
      await moveDate(cycle, 'businessPlanDueAt', newDue);
      await h.waitFor(journey.handle, (s) => s.dueAt === newDue);
      await h.env.sleep(Date.parse(newDue) - DAY / 2 - (await h.now()));

      const fromCycle = await eventually(
        async () => remindersIn(await cycleEvents(h, year), 'businessPlanDueAt'),
        (r) => r.some((x) => x.daysBefore === 1),
        'the cycle’s 1-day reminder',
      );
      const fromJourney = await eventually(
        async () => remindersIn(await journeyEvents(h, journey)),
        (r) => r.some((x) => x.daysBefore === 1),
        'the journey’s 1-day reminder',
      );
      expect(whenAndFor(fromCycle)).toEqual([[1, newDue, Date.parse(newDue) - DAY]]);
      expect(whenAndFor(fromJourney)).toEqual(whenAndFor(fromCycle));
      expect(await h.outbox(`${cycleStream(year)}:businessPlanDueAt:`)).toEqual([
        expect.objectContaining({ idempotency_key: `${cycleStream(year)}:businessPlanDueAt:reminder-1d:${newDue}` }),
      ]);
    }));
});

describe('annualCycle: moveDate validators refuse without changing the calendar', () => {
  it('refuses dates in the past, windows out of order, and anyone but a coordinator of the province', async () => {
    const year = 2019;
    const calendar = await h.calendarFromNow();
    const { cycle } = await startCycle(h, year, calendar);
    const now = await h.now();
    const later = Date.parse(calendar.businessPlanDueAt) + 5 * DAY;
    const producer: Actor = { userId: 'producer-user', role: 'producer', organisationId: randomUUID() };
    const cases: [string, MoveDateRequest, string, Record<string, unknown>?][] = [
      [
        'a date in the past',
        { actor: coordinator, window: 'businessPlanDueAt', newDate: new Date(now - DAY).toISOString() },
        'DATE_IN_PAST',
        { window: 'businessPlanDueAt' },
      ],
      [
        'the business plan after the dossier',
        { actor: coordinator, window: 'businessPlanDueAt', newDate: new Date(Date.parse(calendar.dossierDueAt) + DAY).toISOString() },
        'WINDOWS_OUT_OF_ORDER',
        { window: 'businessPlanDueAt', conflictsWith: 'dossierDueAt' },
      ],
      [
        'the business plan on the dossier date',
        { actor: coordinator, window: 'businessPlanDueAt', newDate: calendar.dossierDueAt },
        'WINDOWS_OUT_OF_ORDER',
        { conflictsWith: 'dossierDueAt' },
      ],
      ['a producer', { actor: producer, window: 'businessPlanDueAt', newDate: new Date(later).toISOString() }, 'WRONG_ACTOR'],
      [
        'another province’s coordinator',
        { actor: actors.provincialCoordinator('ha-giang'), window: 'businessPlanDueAt', newDate: new Date(later).toISOString() },
        'WRONG_ACTOR',
      ],
      [
        'a district coordinator',
        { actor: actors.districtCoordinator('bac-ha'), window: 'businessPlanDueAt', newDate: new Date(later).toISOString() },
        'WRONG_ACTOR',
      ],
      [
        'a window the calendar does not have',
        { actor: coordinator, window: 'harvestAt' as CalendarWindow, newDate: new Date(later).toISOString() },
        'VALIDATION_FAILED',
        { field: 'window' },
      ],
      [
        'a date that is not one',
        { actor: coordinator, window: 'businessPlanDueAt', newDate: 'cuối tháng' },
        'VALIDATION_FAILED',
        { field: 'newDate' },
      ],
    ];
    for (const [name, request, code, details] of cases) {
      const refused = await refusal(cycle.executeUpdate(moveDateUpdate, { args: [request] }));
      expect({ name, ...refused }).toMatchObject({ name, type: code, ...(details ? { details } : {}) });
    }
    expect((await progress(cycle)).calendar).toEqual(calendar);
    expect((await cycleEvents(h, year)).map((e) => e.type)).toEqual(['CycleOpened']);

    // The same move by the province's coordinator is accepted: the refusals were about who and when, nothing else.
    const moved = await moveDate(cycle, 'businessPlanDueAt', later);
    expect(moved).toEqual({ ...calendar, businessPlanDueAt: new Date(later).toISOString() });
    expect((await progress(cycle)).calendar).toEqual(moved);
    await cycle.terminate('test done');
  });
});

describe('annualCycle: broadcast reminders', () => {
  it('reminds the province’s producers 7 days and 1 day before each window closes, once each, then closes 120 days after certification', () =>
    withOwnServer(async (h) => {
      const year = 2018;
      const calendar = await h.calendarFromNow();
      const { cycle } = await startCycle(h, year, calendar);
      const final = await cycle.result(); // no journeys: the test server skips to the end of the cycle
      expect(final).toMatchObject({
        provinceCode: PROVINCE,
        year,
        calendar,
        journeys: { open: 0, ended: 0 },
        certified: 0,
        targetMet: { newCertifiedProducts: false },
      });
      const closedAt = (await cycle.describe()).closeTime!.getTime();
      expect(Math.abs(closedAt - (Date.parse(calendar.certificationAt) + 120 * DAY))).toBeLessThan(60_000);

      const expected = CALENDAR_WINDOWS.flatMap((window) =>
        [7, 1].map((days) => ({
          step: window,
          daysBefore: days,
          dueAt: calendar[window],
          scheduledFor: Date.parse(calendar[window]) - days * DAY,
        })),
      ).sort((a, b) => a.scheduledFor - b.scheduledFor);
      const events = await cycleEvents(h, year);
      expect(events.map((e) => e.stream_seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.map((e) => e.type)).toEqual(['CycleOpened', ...expected.map(() => 'ReminderSent')]);
      const sent = remindersIn(events);
      expect(sent.map(({ step, daysBefore, dueAt, scheduledFor }) => ({ step, daysBefore, dueAt, scheduledFor }))).toEqual(expected);
      for (const reminder of sent) {
        expect(reminder).toMatchObject({ kind: 'before', recipient: BROADCAST });
        expect(reminder.occurredAt - reminder.scheduledFor).toBeGreaterThanOrEqual(0);
        expect(reminder.occurredAt - reminder.scheduledFor).toBeLessThan(60_000);
      }

      const outbox = await h.outbox(`${cycleStream(year)}:`);
      expect(outbox.map((n) => n.idempotency_key).sort()).toEqual(
        expected.map((r) => `${cycleStream(year)}:${r.step}:reminder-${r.daysBefore}d:${r.dueAt}`).sort(),
      );
      expect(outbox.every((n) => n.template === 'cycle-window-closing' && n.recipient === BROADCAST)).toBe(true);
    }));
});

describe('annualCycle: broadcast reminders on a compressed calendar', () => {
  it('sends them `daysBefore` rule days of dayLengthMs before a window closes, as the journeys do, to every producer of the province', async () => {
    const year = 2013;
    const now = await h.now();
    const DAY_LENGTH = 800; // ms: 7 rule days = 5.6 s
    const far = (days: number) => new Date(now + days * DAY).toISOString();
    const calendar: CycleCalendar = {
      ideaWindowClosesAt: new Date(now + 8_000).toISOString(),
      businessPlanDueAt: far(30),
      dossierDueAt: far(60),
      districtSessionsCloseAt: far(120),
      provincialSessionsCloseAt: far(180),
      certificationAt: far(210),
      labTurnaroundDays: 21,
      inspectionReportDays: 30,
    };
    const input: AnnualCycleInput = {
      provinceCode: PROVINCE,
      year,
      ruleSet: 'QD1048-2019',
      calendar,
      targets: TARGETS,
      dayLengthMs: DAY_LENGTH,
    };
    const cycle = await h.env.client.workflow.start<typeof annualCycle>(ANNUAL_CYCLE_WORKFLOW, {
      workflowId: annualCycleId(PROVINCE, year),
      taskQueue: h.taskQueue,
      args: [input, {}],
    });
    const events = await eventually(
      () => cycleEvents(h, year),
      (e) => remindersIn(e).length === 2,
      'both idea-window reminders',
    );
    const closesAt = Date.parse(calendar.ideaWindowClosesAt);
    const sent = remindersIn(events);
    expect(sent.map(({ step, daysBefore, scheduledFor, recipient }) => ({ step, daysBefore, scheduledFor, recipient }))).toEqual([
      { step: 'ideaWindowClosesAt', daysBefore: 7, scheduledFor: closesAt - 7 * DAY_LENGTH, recipient: BROADCAST },
      { step: 'ideaWindowClosesAt', daysBefore: 1, scheduledFor: closesAt - 1 * DAY_LENGTH, recipient: BROADCAST },
    ]);
    // Sent on time (not days early, as real days would have them), each once, to the province's producers' inbox.
    for (const reminder of sent) expect(reminder.occurredAt - reminder.scheduledFor).toBeGreaterThanOrEqual(-1_000);
    const outbox = await h.outbox(`${cycleStream(year)}:`);
    expect(outbox.map((n) => [n.template, n.recipient])).toEqual([
      ['cycle-window-closing', BROADCAST],
      ['cycle-window-closing', BROADCAST],
    ]);
    await cycle.terminate();
  });
});

describe('annualCycle: progress against the targets', () => {
  it('hears of each journey when it starts and when it ends (not at every stage), counts certified ones by stars and says when the target is met', async () => {
    const year = 2017;
    const calendar = await h.calendarFromNow();
    const { input, cycle } = await startCycle(h, year, calendar);
    const star = await journeyAtDistrict(h, calendar, year, { productGroup: 'do-uong' });
    const withdrawn = await acceptedJourney(h, calendar, year);
    await withdrawn.handle.executeUpdate(withdrawUpdate, {
      args: [{ actor: actors.producer(withdrawn.input), reason: 'Đổi hướng sản xuất' }],
    });
    const rejected = await submittedJourney(h, calendar, year);
    await rejected.handle.executeUpdate(reviewIdeaUpdate, {
      args: [
        { actor: actors.districtCoordinator(rejected.input.districtCode), decision: 'reject', reason: 'Không phải sản phẩm đặc trưng' },
      ],
    });
    const waiting = await acceptedJourney(h, calendar, year);
    const fresh = await submittedJourney(h, calendar, year);

    const before = await progressWhen(cycle, (p) => heardOf(p) === 5 && p.journeys.ended === 2, 'five journeys reported, two ended');
    expect(before).toEqual({
      provinceCode: PROVINCE,
      year,
      ruleSet: 'QD1048-2019',
      calendar,
      journeys: { open: 3, ended: 2 },
      certified: 0,
      starsDistribution: {},
      targets: input.targets,
      targetMet: { newCertifiedProducts: false },
    });

    // One product goes on to 4★: district 65, lab pass, province 75.
    await h.score(star.handle, 'district', 65);
    const atLab = await h.waitFor(star.handle, (s) => s.stage === 'awaiting_lab_test');
    await star.handle.executeUpdate(submitLabResultsUpdate, {
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
    await h.waitFor(star.handle, (s) => s.stage === 'awaiting_province_session');
    await h.score(star.handle, 'province', 75);
    expect(await h.waitFor(star.handle, (s) => s.stage === 'certified')).toMatchObject({ stars: 4 });

    const after = await progressWhen(cycle, (p) => p.certified === 1, 'the certificate reported');
    expect(after).toEqual({
      ...before,
      journeys: { open: 2, ended: 3 },
      certified: 1,
      starsDistribution: { 4: 1 },
      targetMet: { newCertifiedProducts: true },
    });
    // Every stage from idea to certificate (plan, dossier, district, lab, province), two reports: its start and its
    // end. The cycle took one report from each journey as it started and one from each of the three that ended.
    expect(await reportsSent(star.handle)).toBe(2);
    expect(await reportsSent(waiting.handle)).toBe(1);
    expect(await reportsTaken(cycle)).toBe(5 + 3);

    // A journey started before the change still reports every stage: the cycle keeps what it last heard of each.
    const old = { workflowId: `product:old-${randomUUID()}:${year}`, productId: randomUUID(), organisationId: randomUUID() };
    for (const stage of ['awaiting_idea_review', 'business_plan_due', 'dossier_due', 'awaiting_district_session'] as const)
      await cycle.signal(journeyProgressSignal, { ...old, stage });
    expect((await progressWhen(cycle, (p) => heardOf(p) === 6, 'the old journey reported')).journeys).toEqual({ open: 3, ended: 3 });
    await cycle.signal(journeyProgressSignal, { ...old, stage: 'certified', stars: 3 });
    expect(await progressWhen(cycle, (p) => p.certified === 2, 'the old journey’s certificate')).toMatchObject({
      journeys: { open: 2, ended: 4 },
      starsDistribution: { 3: 1, 4: 1 },
    });
    for (const journey of [waiting, fresh]) await journey.handle.terminate('test done');
    await cycle.terminate('test done');
  });

  it('stays open past the end of the cycle while a journey still runs, without spinning, and closes when it ends', () =>
    withOwnServer(async (h) => {
      const year = 2015;
      const calendar = await h.calendarFromNow();
      const { cycle } = await startCycle(h, year, calendar);
      const journey = await journeyAtDistrict(h, calendar, year, { productGroup: 'vai-may-mac' });
      await progressWhen(cycle, (p) => p.journeys.open === 1, 'the journey reported');

      const closesAt = Date.parse(calendar.certificationAt) + 120 * DAY;
      await h.env.sleep(closesAt - DAY - (await h.now()));
      const historyBefore = (await cycle.describe()).historyLength;
      await h.env.sleep(closesAt + 500 - (await h.now()));
      const open = await cycle.describe();
      expect(open.status.name).toBe('RUNNING');
      expect(open.runId).toBe(cycle.firstExecutionRunId);
      // Waking at the close once is a handful of history events; a timer loop would be hundreds.
      expect(open.historyLength - historyBefore).toBeLessThan(20);

      await h.score(journey.handle, 'district', 45);
      const final = await cycle.result();
      expect(final).toMatchObject({ journeys: { open: 0, ended: 1 }, certified: 0 });
    }));
});

describe('annualCycle: continue-as-new', () => {
  // On the Java test server, a query that reaches a run as it continues as new can leave the next run unable to answer
  // any query (the worker is told "workflow execution already completed"). So this test watches the cycle through its
  // history, which reading does not change, and queries it only at the start of a fresh run, far from its limit.
  const BUSY = [
    'workflowTaskScheduled',
    'workflowTaskStarted',
    'activityTaskScheduled',
    'activityTaskStarted',
    'signalExternalWorkflowExecutionInitiated',
  ];

  /** Every run of the cycle so far, oldest first (following continue-as-new), with its events' kinds. */
  async function runsOf(
    harness: WorkflowHarness,
    cycle: CycleHandle,
  ): Promise<{ runId: string; events: { kind: string; signal?: string }[] }[]> {
    const runs: { runId: string; events: { kind: string; signal?: string }[] }[] = [];
    for (let runId: string | undefined = cycle.firstExecutionRunId; runId;) {
      const history = await harness.env.client.workflow.getHandle(cycle.workflowId, runId).fetchHistory();
      const events = (history.events ?? []).map((event) => {
        const key = Object.keys(event).find((k) => k.endsWith('EventAttributes') && (event as Record<string, unknown>)[k])!;
        return {
          kind: key.replace(/EventAttributes$/, ''),
          signal: event.workflowExecutionSignaledEventAttributes?.signalName ?? undefined,
        };
      });
      runs.push({ runId, events });
      runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return runs;
  }

  /** Waits until the cycle has taken `signals` progress reports in all and its newest run has nothing in flight. */
  const settled = (harness: WorkflowHarness, cycle: CycleHandle, signals: number) =>
    eventually(
      () => runsOf(harness, cycle),
      (runs) => {
        const taken = runs.flatMap((run) => run.events).filter((e) => e.signal === 'journeyProgress').length;
        const last = runs.at(-1)!.events.at(-1)!;
        return taken === signals && !BUSY.includes(last.kind);
      },
      `${signals} progress reports taken`,
    );

  it('continues as new past its history limit with its calendar, journeys and sent reminders, and one unbroken event stream', () =>
    withOwnServer(async (h) => {
      const year = 2016;
      const calendar = await h.calendarFromNow(); // ideas close in 10 days: the 7-day reminder is due on day 3
      const { cycle } = await startCycle(h, year, calendar, { continueAsNewAfterEvents: 30 });

      // The idea window's 7-day reminder goes out in the first run.
      await h.env.sleep(4 * DAY);
      await eventually(
        async () => remindersIn(await cycleEvents(h, year)),
        (r) => r.length === 1,
        'the first reminder',
      );

      // Journeys report their start and their end, a signal each; each is taken before the next step (a step that
      // reported too would leave the count above what `settled` waits for).
      let signals = 0;
      const reports = async <T>(step: () => Promise<T>): Promise<T> => {
        const result = await step();
        signals += 1;
        await settled(h, cycle, signals);
        return result;
      };
      const accept = (journey: Journey) =>
        journey.handle.executeUpdate(reviewIdeaUpdate, {
          args: [{ actor: actors.districtCoordinator(journey.input.districtCode), decision: 'accept' }],
        });
      const planDue = await reports(() => submittedJourney(h, calendar, year));
      await accept(planDue);
      const dossierDue = await reports(() => submittedJourney(h, calendar, year));
      await accept(dossierDue);
      await submitPlan(dossierDue);
      const gone = await reports(() => submittedJourney(h, calendar, year));
      await accept(gone);
      await reports(() =>
        gone.handle.executeUpdate(withdrawUpdate, { args: [{ actor: actors.producer(gone.input), reason: 'Ngừng sản xuất' }] }),
      );
      await reports(() => submittedJourney(h, calendar, year));
      const known = { open: 3, ended: 1 };

      // Ideas now close on day 8, not 10: that date's 7-day reminder (day 1) is past, and no run may send it late.
      const ideasClose = new Date(Date.parse(calendar.ideaWindowClosesAt) - 2 * DAY).toISOString();
      let current = await moveDate(cycle, 'ideaWindowClosesAt', ideasClose);
      let moves = 1;

      // Date moves until the run that took the last one continues as new.
      const moveUntilContinued = async () => {
        const runsBefore = (await settled(h, cycle, signals)).length;
        for (let i = 0; i < 10; i += 1) {
          current = await moveDate(cycle, 'dossierDueAt', Date.parse(current.dossierDueAt) + DAY);
          moves += 1;
          if ((await settled(h, cycle, signals)).length > runsBefore) return;
        }
        throw new Error('the cycle never continued as new');
      };
      await moveUntilContinued();
      const before = await progressWhen(cycle, () => true, 'the fresh run answers');
      expect(before.journeys).toEqual(known);
      expect(before.calendar).toEqual(current);
      await moveUntilContinued();
      const after = await progressWhen(cycle, () => true, 'the next run answers');
      expect(after).toEqual({ ...before, calendar: current });
      expect(after.calendar).toEqual({
        ...calendar,
        ideaWindowClosesAt: ideasClose,
        dossierDueAt: new Date(Date.parse(calendar.dossierDueAt) + (moves - 1) * DAY).toISOString(),
      });
      const runs = await runsOf(h, cycle);
      expect(runs.slice(0, -1).every((run) => run.events.at(-1)!.kind === 'workflowExecutionContinuedAsNew')).toBe(true);
      expect((await h.env.client.workflow.getHandle(cycle.workflowId, cycle.firstExecutionRunId).describe()).status.name).toBe(
        'CONTINUED_AS_NEW',
      );

      // The newest run still knows the journeys: a move reaches them.
      current = await moveDate(cycle, 'businessPlanDueAt', Date.parse(current.businessPlanDueAt) + 3 * DAY);
      moves += 1;
      await h.waitFor(planDue.handle, (s) => s.dueAt === current.businessPlanDueAt);
      await h.waitFor(dossierDue.handle, (s) => s.dueAt === current.dossierDueAt);

      // Past the idea window's new date: each reminder went out once, on time, across the runs.
      await h.env.sleep(Date.parse(ideasClose) + DAY / 2 - (await h.now()));
      const sent = await eventually(
        async () => remindersIn(await cycleEvents(h, year)),
        (r) => r.some((x) => x.daysBefore === 1),
        'the 1-day reminder',
      );
      expect(sent.map((r) => [r.step, ...whenAndFor([r])[0]!])).toEqual([
        ['ideaWindowClosesAt', 7, calendar.ideaWindowClosesAt, Date.parse(calendar.ideaWindowClosesAt) - 7 * DAY],
        ['ideaWindowClosesAt', 1, ideasClose, Date.parse(ideasClose) - DAY],
      ]);
      expect(await h.outbox(`${cycleStream(year)}:`)).toHaveLength(2);

      const events = await cycleEvents(h, year);
      expect(events.map((e) => e.stream_seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'CycleOpened')).toHaveLength(1);
      const moved = events.filter((e) => e.type === 'CycleDateMoved');
      expect(moved).toHaveLength(moves);
      expect(moved.at(-1)!.payload.calendar).toEqual(current);
    }));
});
