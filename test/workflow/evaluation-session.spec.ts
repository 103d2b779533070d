import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import {
  Actor,
  closeSessionUpdate,
  EnteredProduct,
  enterProductUpdate,
  EVALUATION_SESSION_WORKFLOW,
  EvaluationSessionInput,
  evaluationSessionId,
  ideaSubmissionUpdate,
  journeyStateQuery,
  ProductJourneyInput,
  productJourneyId,
  reviewIdeaUpdate,
  SessionState,
  SessionStepAck,
  sessionStateQuery,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitScorecardUpdate,
  holidaysChangedSignal,
} from '@ocop/contracts';
import { addWorkingDays, latestDossierDate, localDateKey } from '@ocop/domain';
import { CLOSED_SESSION_STAYS_MS, EvaluationSessionOptions } from '../../workflows/evaluation-session.workflow';
import { actors, DAY, WorkflowHarness, withOwnServer, refusal } from '../support/workflow-harness';

const h = new WorkflowHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

// A five-member district council (QĐ 1048/2019: A 35, B 25, C 40); the chair is a member. Quorum: ceil(3/4 · 5) = 4.
const CHAIR = 'chu-tich';
const MEMBERS = [CHAIR, 'uy-vien-2', 'uy-vien-3', 'uy-vien-4', 'uy-vien-5'] as const;
const ALL_PRESENT = [...MEMBERS];

/** A district of the test's own, so the auto-entry (from the read model) sees only the test's products. */
const aDistrict = () => `d-${randomUUID().slice(0, 8)}`;

/** Part scores within the QĐ 1048 maxima adding up to `total`. */
function parts(total: number): { A: number; B: number; C: number } {
  const A = Math.min(35, Math.round(total * 0.35));
  const B = Math.min(25, Math.round(total * 0.25));
  return { A, B, C: total - A - B };
}

/** Five member totals spread by 4 points whose mean is `mean`. */
const around = (mean: number): number[] => [mean - 2, mean - 1, mean, mean + 1, mean + 2];

async function startSession(
  harness: WorkflowHarness,
  overrides: Partial<EvaluationSessionInput> = {},
  options: EvaluationSessionOptions = {},
): Promise<{ input: EvaluationSessionInput; handle: WorkflowHandleWithFirstExecutionRunId; streamId: string }> {
  const now = await harness.now();
  const input: EvaluationSessionInput = {
    sessionId: randomUUID(),
    ruleSet: 'QD1048-2019',
    level: 'district',
    areaCode: aDistrict(),
    provinceCode: 'lao-cai',
    cycleYear: 2021,
    sessionDate: new Date(now + 14 * DAY).toISOString(),
    members: MEMBERS.map((memberId, i) => ({ memberId, name: i === 0 ? 'Chủ tịch hội đồng' : `Ủy viên ${i + 1}` })),
    chairId: CHAIR,
    // Scoring opens as the session's day begins; a rule day of 1 ms brings that day 14 ms close, so the tests that are
    // not about it score at once (the rule itself: 'scoring opens as the session's day begins').
    dayLengthMs: 1,
    ...overrides,
  };
  const handle = await harness.env.client.workflow.start(EVALUATION_SESSION_WORKFLOW, {
    workflowId: evaluationSessionId(input.sessionId),
    taskQueue: harness.taskQueue,
    args: [input, options],
  });
  return { input, handle, streamId: evaluationSessionId(input.sessionId) };
}

const coordinator = (input: EvaluationSessionInput): Actor => actors.districtCoordinator(input.areaCode);

/** A step answers only with where it left the session (the state is the query's): an acknowledgement, checked here. */
async function acknowledged(step: Promise<SessionStepAck>): Promise<SessionStepAck> {
  const ack = await step;
  expect(ack).toEqual({ status: expect.stringMatching(/^(open|closed)$/), lastEventSeq: expect.any(Number) });
  expect(ack.lastEventSeq).toBeGreaterThan(0);
  return ack;
}

/** The session's state as its query shows it (after a step: what the step left, or later). */
const stateOf = (handle: WorkflowHandle): Promise<SessionState> => handle.query(sessionStateQuery);

const enter = (handle: WorkflowHandle, input: EvaluationSessionInput, product: EnteredProduct, actor: Actor = coordinator(input)) =>
  acknowledged(handle.executeUpdate(enterProductUpdate, { args: [{ actor, product }] }));

const score = (handle: WorkflowHandle, memberId: string, productId: string, total: number | Record<string, number>) =>
  acknowledged(
    handle.executeUpdate(submitScorecardUpdate, {
      args: [{ actor: actors.member(memberId), memberId, productId, parts: (typeof total === 'number' ? parts(total) : total) as never }],
    }),
  );

/** Every member listed scores the product, in order, with the given totals. */
async function scoreAll(
  handle: WorkflowHandle,
  productId: string,
  totals: readonly number[],
  members: readonly string[] = MEMBERS,
): Promise<void> {
  for (const [i, memberId] of members.entries()) await score(handle, memberId, productId, totals[i]!);
}

const close = (handle: WorkflowHandle, presentMemberIds: readonly string[] = ALL_PRESENT, actor: Actor = actors.member(CHAIR)) =>
  acknowledged(handle.executeUpdate(closeSessionUpdate, { args: [{ actor, presentMemberIds }] }));

/** A product that exists only on the agenda (its journey is not running): enough for the session's own rules. */
const aLooseProduct = (): EnteredProduct => {
  const productId = randomUUID();
  return { productId, workflowId: productJourneyId(productId, 2021), name: `Sản phẩm ${productId.slice(0, 4)}` };
};

/** Polls the session's live state until `predicate` holds. */
async function sessionWhen(handle: WorkflowHandle, predicate: (state: SessionState) => boolean, timeoutMs = 20_000): Promise<SessionState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(sessionStateQuery).catch(() => undefined);
    if (state && predicate(state)) return state;
    if (Date.now() > deadline) throw new Error(`session state never matched; last: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until the workflow run's status is `status` (e.g. COMPLETED), without awaiting its result (which would skip time). */
async function statusWhen(handle: WorkflowHandle, status: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status: current } = await handle.describe();
    if (current.name === status) return;
    if (Date.now() > deadline) throw new Error(`workflow status stayed ${current.name}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `probe` until its value satisfies `predicate` (events and read models follow the workflows' state). */
async function until<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never matched; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The run ids of a workflow's continue-as-new chain, from its first run on. */
async function runChain(harness: WorkflowHarness, workflowId: string, firstRunId: string): Promise<string[]> {
  const runs = [firstRunId];
  for (;;) {
    const history = await harness.env.client.workflow.getHandle(workflowId, runs.at(-1)).fetchHistory();
    const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return runs;
    runs.push(next);
  }
}

async function sessionEvents(harness: WorkflowHarness, streamId: string) {
  return harness.events(streamId);
}

/** The stream's positions as numbers, in order. */
async function streamSeqs(harness: WorkflowHarness, streamId: string): Promise<number[]> {
  const rows: { stream_seq: string }[] = await harness.db.query(`SELECT stream_seq FROM events WHERE stream_id = $1 ORDER BY stream_seq`, [
    streamId,
  ]);
  return rows.map((r) => Number(r.stream_seq));
}

const countTypes = (events: { type: string }[]) =>
  events.reduce<Record<string, number>>((counts, e) => ({ ...counts, [e.type]: (counts[e.type] ?? 0) + 1 }), {});

const dossier = { selfAssessment: { A: 30, B: 20, C: 30 }, evidence: ['giay-chung-nhan-dang-ky.pdf'] };

/** A journey brought to `awaiting_district_session`, as an entry for the session's agenda. */
async function aWaitingJourney(
  harness: WorkflowHarness,
  overrides: Partial<ProductJourneyInput>,
): Promise<{ input: ProductJourneyInput; handle: WorkflowHandle; product: EnteredProduct }> {
  const { input, handle } = await harness.startJourney(overrides);
  await handle.executeUpdate(ideaSubmissionUpdate);
  await handle.executeUpdate(reviewIdeaUpdate, { args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }] });
  await handle.executeUpdate(submitBusinessPlanUpdate, { args: [{ actor: actors.producer(input), summary: 'Mở rộng vùng nguyên liệu' }] });
  const state = await handle.executeUpdate(submitDossierUpdate, { args: [{ actor: actors.producer(input), ...dossier }] });
  expect(state.stage).toBe('awaiting_district_session');
  return {
    input,
    handle,
    product: { productId: input.productId, workflowId: productJourneyId(input.productId, input.cycleYear), name: input.name },
  };
}

const journeyEvents = async (harness: WorkflowHarness, input: ProductJourneyInput) =>
  (await harness.events(productJourneyId(input.productId, input.cycleYear))).map((e) => e.type);

describe('evaluationSession: council → journeys', () => {
  it('enters real journeys, collects five scorecards each, closes with the chair and sends every journey its result', async () => {
    const district = aDistrict();
    const garment = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Thổ cẩm Bắc Hà' });
    const drink = await aWaitingJourney(h, { districtCode: district, productGroup: 'do-uong', name: 'Rượu ngô Bản Phố' });
    const food = await aWaitingJourney(h, { districtCode: district, productGroup: 'thuc-pham', name: 'Thịt trâu gác bếp' });
    const { input, handle, streamId } = await startSession(h, { areaCode: district });

    for (const j of [garment, drink, food]) {
      await enter(handle, input, j.product);
      const state = await stateOf(handle);
      expect(state.products.map((p) => p.productId)).toContain(j.input.productId);
      await h.waitFor(j.handle, (s) => s.sessionId === input.sessionId);
    }
    const enteredRows = () =>
      h.db.query(`SELECT count(*)::int AS n FROM products WHERE district_code = $1 AND session_id = $2`, [district, input.sessionId]);
    await until(enteredRows, ([row]) => row.n === 3, 'products entered in the read model');

    await scoreAll(handle, garment.input.productId, around(65));
    await scoreAll(handle, drink.input.productId, around(65));
    await scoreAll(handle, food.input.productId, around(40));
    const beforeClose = await handle.query(sessionStateQuery);
    expect(beforeClose.scorecards).toHaveLength(15);
    expect(Object.values(beforeClose.mustRevise).every((m) => m.length === 0)).toBe(true);

    await close(handle);

    const closed = await stateOf(handle);
    expect(closed.status).toBe('closed');
    expect(closed.results).toEqual([
      { productId: garment.input.productId, outcome: 'scored', mean: 65, stars: 3 },
      { productId: drink.input.productId, outcome: 'scored', mean: 65, stars: 3 },
      { productId: food.input.productId, outcome: 'scored', mean: 40, stars: 2 },
    ]);

    // Each journey takes its result and moves on: 65 goes towards the province (via the lab for a drink), 40 ends.
    const garmentState = await h.waitFor(garment.handle, (s) => s.stage === 'awaiting_province_session');
    expect(garmentState.results).toEqual([
      expect.objectContaining({ level: 'district', sessionId: input.sessionId, mean: 65, stars: 3, outcome: 'forwarded' }),
    ]);
    expect(garmentState.results[0].totals.map((t: { total: number }) => t.total)).toEqual(around(65));
    expect(garmentState.sessionId).toBeUndefined();
    await h.waitFor(drink.handle, (s) => s.stage === 'awaiting_lab_test');
    const foodState = await h.waitFor(food.handle, (s) => s.stage === 'not_qualified');
    expect(foodState.results).toEqual([
      expect.objectContaining({ level: 'district', sessionId: input.sessionId, mean: 40, stars: 2, outcome: 'not_qualified' }),
    ]);
    await statusWhen(food.handle, 'COMPLETED');
    expect(await journeyEvents(h, food.input)).toEqual([
      'IdeaSubmitted',
      'IdeaAccepted',
      'BusinessPlanSubmitted',
      'DossierSubmitted',
      'EnteredSession',
      'DistrictScored',
    ]);
    await until(
      () => journeyEvents(h, garment.input),
      (types) => types.includes('DistrictScored'),
      'the garment journey’s DistrictScored',
    );

    // The session's stream and read model.
    const events = await sessionEvents(h, streamId);
    expect(events.map((e) => e.type)).toEqual([
      'SessionOpened',
      'ProductEntered',
      'ProductEntered',
      'ProductEntered',
      ...Array(15).fill('ScorecardSubmitted'),
      'SessionClosed',
      'ProductScored',
      'ProductScored',
      'ProductScored',
    ]);
    expect(events.filter((e) => e.type === 'ProductEntered').map((e) => e.actor)).toEqual(
      Array(3).fill(`district_coordinator:coord-${district}`),
    );
    expect(events.find((e) => e.type === 'SessionClosed')!.payload).toMatchObject({
      status: 'closed',
      presentMemberIds: ALL_PRESENT,
      scored: 3,
      missing: 0,
    });
    expect(events.find((e) => e.type === 'SessionClosed')!.actor).toBe(`council_member:${CHAIR}`);
    expect(events.filter((e) => e.type === 'ProductScored').map((e) => [e.payload.productId, e.payload.outcome, e.payload.mean])).toEqual([
      [garment.input.productId, 'scored', 65],
      [drink.input.productId, 'scored', 65],
      [food.input.productId, 'scored', 40],
    ]);
    // Each scorecard names the member who sent it; each result lists the members it counts, with their totals.
    const cards = events.filter((e) => e.type === 'ScorecardSubmitted');
    expect(cards.map((e) => e.actor)).toEqual(cards.map((e) => `council_member:${e.payload.memberId}`));
    expect(new Set(cards.map((e) => e.actor))).toEqual(new Set(MEMBERS.map((m) => `council_member:${m}`)));
    const foodResult = events.find((e) => e.type === 'ProductScored' && e.payload.productId === food.input.productId)!;
    expect(foodResult.payload.members).toEqual(input.members.map((m, i) => ({ memberId: m.memberId, name: m.name, total: around(40)[i] })));
    expect(await streamSeqs(h, streamId)).toEqual(events.map((_, i) => i + 1));
    expect((await h.outbox(`${streamId}:session-scheduled:`)).map((n) => [n.template, n.recipient])).toEqual(
      [...MEMBERS].sort().map((m) => ['session-scheduled', `user:${m}`]),
    );
    const [session] = await h.db.query(`SELECT status, products_entered, products_scored FROM sessions WHERE session_id = $1`, [
      input.sessionId,
    ]);
    expect(session).toEqual({ status: 'closed', products_entered: 3, products_scored: 3 });
    const products = await until(
      (): Promise<{ stage: string; session_id: string | null }[]> =>
        h.db.query(`SELECT stage, session_id FROM products WHERE district_code = $1 ORDER BY stage`, [district]),
      (rows) => rows.every((r) => r.session_id === null) && rows[0]?.stage === 'awaiting_lab_test',
      'the products read model',
    );
    expect(products.map((p) => [p.stage, p.session_id])).toEqual([
      ['awaiting_lab_test', null],
      ['awaiting_province_session', null],
      ['not_qualified', null],
    ]);

    await garment.handle.terminate('test done');
    await drink.handle.terminate('test done');
    await handle.terminate('test done').catch(() => undefined);
  });
});

describe('evaluationSession: the spread rule and the quorum', () => {
  it('refuses to close while a member is more than 10 points off, and closes once that member revised', async () => {
    const { input, handle, streamId } = await startSession(h);
    const product = aLooseProduct();
    await enter(handle, input, product);
    await scoreAll(handle, product.productId, [60, 61, 60, 59, 75]);
    const state = await handle.query(sessionStateQuery);
    expect(state.mustRevise[product.productId]).toEqual(['uy-vien-5']);

    const before = await sessionEvents(h, streamId);
    expect(await refusal(close(handle))).toEqual({
      type: 'SPREAD_EXCEEDED',
      details: { mustRevise: { [product.productId]: ['uy-vien-5'] } },
    });
    expect(await handle.query(sessionStateQuery)).toEqual(state);
    expect(await sessionEvents(h, streamId)).toEqual(before);

    await score(handle, 'uy-vien-5', product.productId, 64);

    const revised = await stateOf(handle);
    expect(revised.mustRevise[product.productId]).toEqual([]);
    expect(revised.scorecards.filter((c) => c.productId === product.productId)).toHaveLength(5);
    expect(revised.scorecards.find((c) => c.memberId === 'uy-vien-5')).toMatchObject({ total: 64, revision: 2 });
    const revision = (await sessionEvents(h, streamId)).at(-1)!;
    expect(revision).toMatchObject({
      type: 'ScorecardRevised',
      actor: 'council_member:uy-vien-5',
      payload: { memberId: 'uy-vien-5', productId: product.productId, total: 64, revision: 2 },
    });

    await close(handle);

    const closed = await stateOf(handle);
    expect(closed.results).toEqual([{ productId: product.productId, outcome: 'scored', mean: 60.8, stars: 3 }]);
    expect((await sessionEvents(h, streamId)).map((e) => e.type).slice(-3)).toEqual(['ScorecardRevised', 'SessionClosed', 'ProductScored']);
    await handle.terminate('test done').catch(() => undefined);
  });

  it('refuses to close without a quorum of 4 of 5 or without the chair, and changes nothing', async () => {
    const { input, handle, streamId } = await startSession(h);
    const product = aLooseProduct();
    await enter(handle, input, product);
    await scoreAll(handle, product.productId, around(70));
    const state = await handle.query(sessionStateQuery);
    const before = await sessionEvents(h, streamId);

    expect(await refusal(close(handle, [CHAIR, 'uy-vien-2', 'uy-vien-3']))).toEqual({
      type: 'NO_QUORUM',
      details: { required: 4, present: 3, chairPresent: true },
    });
    expect(
      await refusal(close(handle, ['uy-vien-2', 'uy-vien-3', 'uy-vien-4', 'uy-vien-5'], actors.districtCoordinator(input.areaCode))),
    ).toEqual({
      type: 'NO_QUORUM',
      details: { required: 4, present: 4, chairPresent: false },
    });
    // Repeated ids and people who are not members do not make a quorum.
    expect((await refusal(close(handle, [CHAIR, CHAIR, 'uy-vien-2', 'khach-moi']))).type).toBe('NO_QUORUM');
    // Only the chair (or a coordinator of the area) closes.
    expect((await refusal(close(handle, ALL_PRESENT, actors.member('uy-vien-2')))).type).toBe('WRONG_ACTOR');

    expect(await handle.query(sessionStateQuery)).toEqual(state);
    expect(await sessionEvents(h, streamId)).toEqual(before);
    const [session] = await h.db.query(`SELECT status FROM sessions WHERE session_id = $1`, [input.sessionId]);
    expect(session.status).toBe('open');

    await close(handle, [CHAIR, 'uy-vien-2', 'uy-vien-3', 'uy-vien-4']);

    const closed = await stateOf(handle);
    expect(closed).toMatchObject({ status: 'closed', results: [{ productId: product.productId, outcome: 'scored', mean: 70, stars: 4 }] });
    await handle.terminate('test done').catch(() => undefined);
  });
});

describe('evaluationSession: scoring opens as the session’s day begins (Vietnam time)', () => {
  it('refuses a scorecard before the session’s local day with SESSION_NOT_STARTED, changing nothing, then takes it on the day', () =>
    withOwnServer(async (h) => {
      const { input, handle, streamId } = await startSession(h, { dayLengthMs: undefined });
      const product = aLooseProduct();
      await enter(handle, input, product);
      const state = await handle.query(sessionStateQuery);
      // 14 days ahead: scoring opens at 00:00 Vietnam time of that day (17:00 UTC the day before).
      const VN = 7 * 3_600_000;
      const localMidnight = Math.floor((Date.parse(input.sessionDate) + VN) / DAY) * DAY - VN;
      expect(state.scoringOpensAt).toBe(new Date(localMidnight).toISOString());
      const before = await sessionEvents(h, streamId);
      expect(await refusal(score(handle, 'uy-vien-2', product.productId, 60))).toEqual({
        type: 'SESSION_NOT_STARTED',
        details: { field: 'sessionDate', sessionDate: input.sessionDate, scoringOpensAt: state.scoringOpensAt },
      });
      expect(await handle.query(sessionStateQuery)).toEqual(state);
      expect(await sessionEvents(h, streamId)).toEqual(before);

      // One minute before the session's day: still refused. As the day begins: taken.
      await h.env.sleep(Date.parse(state.scoringOpensAt!) - 60_000 - (await h.now()));
      expect((await refusal(score(handle, 'uy-vien-2', product.productId, 60))).type).toBe('SESSION_NOT_STARTED');
      await h.env.sleep(Date.parse(state.scoringOpensAt!) - (await h.now()) + 1_000);
      await score(handle, 'uy-vien-2', product.productId, 60);
      const after = await stateOf(handle);
      expect(after.scorecards).toEqual([expect.objectContaining({ memberId: 'uy-vien-2', total: 60 })]);
      const card = (await sessionEvents(h, streamId)).find((e) => e.type === 'ScorecardSubmitted')!;
      expect(card.actor).toBe('council_member:uy-vien-2');
    }));
});

describe('evaluationSession: scorecard validators', () => {
  it('refuses non-members, parts over their maxima, products not entered, and anything after the close', async () => {
    const { input, handle, streamId } = await startSession(h);
    const product = aLooseProduct();
    await enter(handle, input, product);
    const state = await handle.query(sessionStateQuery);
    const before = await sessionEvents(h, streamId);

    expect(await refusal(score(handle, 'nguoi-ngoai', product.productId, 60))).toEqual({
      type: 'NOT_A_MEMBER',
      details: { memberId: 'nguoi-ngoai' },
    });
    expect(await refusal(score(handle, 'uy-vien-2', product.productId, { A: 36, B: 20, C: 30 }))).toEqual({
      type: 'SCORE_OUT_OF_RANGE',
      details: { field: 'parts.A', max: 35 },
    });
    expect(await refusal(score(handle, 'uy-vien-2', product.productId, { A: 30, B: 26, C: 30 }))).toEqual({
      type: 'SCORE_OUT_OF_RANGE',
      details: { field: 'parts.B', max: 25 },
    });
    expect(await refusal(score(handle, 'uy-vien-2', product.productId, { A: 30, B: 20, C: 40.5 }))).toEqual({
      type: 'SCORE_OUT_OF_RANGE',
      details: { field: 'parts.C', max: 40 },
    });
    expect(await refusal(score(handle, 'uy-vien-2', randomUUID(), 60))).toEqual({
      type: 'VALIDATION_FAILED',
      details: { field: 'productId', rule: 'a product entered in this session' },
    });
    // A member scores only their own card.
    const forged = handle.executeUpdate(submitScorecardUpdate, {
      args: [{ actor: actors.member('uy-vien-3'), memberId: 'uy-vien-2', productId: product.productId, parts: parts(60) }],
    });
    expect((await refusal(forged)).type).toBe('WRONG_ACTOR');
    expect(await handle.query(sessionStateQuery)).toEqual(state);
    expect(await sessionEvents(h, streamId)).toEqual(before);

    // A full part maximum is fine.
    await score(handle, 'uy-vien-2', product.productId, { A: 35, B: 25, C: 40 });
    await close(handle);
    const closedEvents = await sessionEvents(h, streamId);
    expect((await handle.describe()).status.name).toBe('RUNNING'); // a closed session stays to answer late callers
    expect(await refusal(score(handle, 'uy-vien-3', product.productId, 60))).toEqual({
      type: 'SESSION_CLOSED',
      details: { sessionId: input.sessionId },
    });
    expect((await refusal(enter(handle, input, aLooseProduct()))).type).toBe('SESSION_CLOSED');
    expect((await refusal(close(handle))).type).toBe('SESSION_CLOSED');
    expect(await sessionEvents(h, streamId)).toEqual(closedEvents);
    await handle.terminate('test done').catch(() => undefined);
  });
});

describe('evaluationSession: entries and the dossier lead time', () => {
  it('enters every waiting journey of its area as the last dossier day begins, takes entries through that day and refuses later ones', () =>
    withOwnServer(async (h) => {
      const district = aDistrict();
      const early = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Khăn thổ cẩm' });
      const waiting = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Túi thổ cẩm' });
      const elsewhere = await aWaitingJourney(h, { districtCode: aDistrict(), productGroup: 'vai-may-mac', name: 'Váy thổ cẩm' });
      const { input, handle, streamId } = await startSession(h, { areaCode: district });
      const lastDossierDay = latestDossierDate(new Date(input.sessionDate)).getTime();
      await enter(handle, input, early.product);
      await h.waitFor(early.handle, (s) => s.sessionId === input.sessionId);

      // Nothing is entered automatically before the lead time.
      await h.env.sleep(lastDossierDay - 3_600_000 - (await h.now()));
      expect((await handle.query(sessionStateQuery)).products).toEqual([early.product]);

      // As the last dossier day begins, the session enters every journey still waiting at its level in its area
      // (from the read model), and only those.
      await h.env.sleep(lastDossierDay + 60_000 - (await h.now()));
      const state = await sessionWhen(handle, (s) => s.products.length === 2);
      expect(state.products).toEqual([early.product, waiting.product]);
      await h.waitFor(waiting.handle, (s) => s.sessionId === input.sessionId);
      expect((await h.env.client.workflow.getHandle(elsewhere.product.workflowId).query(journeyStateQuery)).sessionId).toBeUndefined();
      const entered = await until(
        async () => (await sessionEvents(h, streamId)).filter((e) => e.type === 'ProductEntered'),
        (events) => events.length === 2,
        'ProductEntered events',
      );
      expect(entered.map((e) => [e.payload.productId, e.actor])).toEqual([
        [early.input.productId, `district_coordinator:coord-${district}`],
        [waiting.input.productId, 'system:sessions'],
      ]);
      const autoEnteredAt = new Date(entered[1]!.occurred_at).getTime();
      expect(autoEnteredAt).toBeGreaterThanOrEqual(lastDossierDay);
      expect(autoEnteredAt - lastDossierDay).toBeLessThan(60_000);
      const rows = await until(
        (): Promise<{ session_id: string | null }[]> => h.db.query(`SELECT session_id FROM products WHERE district_code = $1`, [district]),
        (found) => found.every((r) => r.session_id === input.sessionId),
        'the entered products in the read model',
      );
      expect(rows).toHaveLength(2);

      // A coordinator may still enter a product by hand through the rest of that day…
      const sameDay = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Mũ thổ cẩm' });
      await h.env.sleep(lastDossierDay + DAY - 3_600_000 - (await h.now()));
      await enter(handle, input, sameDay.product);
      await h.waitFor(sameDay.handle, (s) => s.sessionId === input.sessionId);

      // …but a product that reaches the level after it is too late for this session.
      await h.env.sleep(lastDossierDay + DAY + 60_000 - (await h.now()));
      const late = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Gối thổ cẩm' });
      const refused = await refusal(enter(handle, input, late.product));
      expect(refused).toEqual({
        type: 'DEADLINE_PASSED',
        details: { field: 'sessionDate', latestDossierDate: new Date(lastDossierDay).toISOString() },
      });
      expect((await handle.query(sessionStateQuery)).products).toEqual([early.product, waiting.product, sameDay.product]);
      expect((await late.handle.query(journeyStateQuery)).sessionId).toBeUndefined();
      const [session] = await h.db.query(`SELECT products_entered FROM sessions WHERE session_id = $1`, [input.sessionId]);
      expect(session.products_entered).toBe(3);

      for (const j of [early, waiting, elsewhere, sameDay, late]) await j.handle.terminate('test done');
      await handle.terminate('test done').catch(() => undefined);
    }));

  it('counts the dossier lead time in working days of the holidays it was given, and takes a corrected year at once', async () => {
    const sessionDate = new Date('2030-03-13T02:00:00Z'); // a Wednesday: dossiers by Monday 11 March
    const year = localDateKey(sessionDate).slice(0, 4);
    const { handle } = await startSession(h, { sessionDate: sessionDate.toISOString() });
    const before = (await handle.query(sessionStateQuery)).latestDossierDate!;
    expect(before).toBe(latestDossierDate(sessionDate).toISOString());
    // The province closes the last dossier day (a province holiday): the day before it becomes the last one.
    await handle.signal(holidaysChangedSignal, {
      year: Number(year),
      source: 'province',
      days: [{ date: localDateKey(new Date(before)), name: 'Ngày lễ tỉnh / Province day' }],
      workingWeekendDays: [],
    });
    const after = await sessionWhen(handle, (s) => s.latestDossierDate !== before);
    expect(localDateKey(new Date(after.latestDossierDate!))).toBe(localDateKey(addWorkingDays(new Date(before), -1)));
    await handle.terminate('test done');
  });

  it('opens its event stream with SessionOpened even when an entry arrives with its first workflow task', async () => {
    const now = await h.now();
    const sessionId = randomUUID();
    const areaCode = aDistrict();
    const input: EvaluationSessionInput = {
      sessionId,
      ruleSet: 'QD1048-2019',
      level: 'district',
      areaCode,
      provinceCode: 'lao-cai',
      cycleYear: 2021,
      sessionDate: new Date(now + 14 * DAY).toISOString(),
      members: MEMBERS.map((memberId) => ({ memberId, name: memberId })),
      chairId: CHAIR,
    };
    const product = aLooseProduct();
    const start = new WithStartWorkflowOperation(EVALUATION_SESSION_WORKFLOW, {
      workflowId: evaluationSessionId(sessionId),
      taskQueue: h.taskQueue,
      args: [input, {}],
      workflowIdConflictPolicy: 'FAIL',
    });
    // Update-with-start: the entry is delivered together with the workflow's first task.
    const ack = await h.env.client.workflow.executeUpdateWithStart(enterProductUpdate, {
      args: [{ actor: coordinator(input), product }],
      startWorkflowOperation: start,
    });
    const state = await h.env.client.workflow.getHandle(evaluationSessionId(sessionId)).query(sessionStateQuery);
    expect(ack).toEqual({ status: 'open', lastEventSeq: state.lastEventSeq });
    expect(state.products).toEqual([product]);
    const events = await until(
      () => sessionEvents(h, evaluationSessionId(sessionId)),
      (found) => found.length === 2,
      'the session’s first events',
    );
    expect(events.map((e) => e.type)).toEqual(['SessionOpened', 'ProductEntered']);
    expect(await streamSeqs(h, evaluationSessionId(sessionId))).toEqual([1, 2]);
    const [session] = await h.db.query(`SELECT status, products_entered FROM sessions WHERE session_id = $1`, [sessionId]);
    expect(session).toEqual({ status: 'open', products_entered: 1 });
    await (await start.workflowHandle()).terminate('test done');
  });

  it('takes twenty entries and the five members’ scorecards sent all at once: each exactly once, in one gapless stream', async () => {
    const { input, handle, streamId } = await startSession(h);
    const products = Array.from({ length: 20 }, aLooseProduct);
    const entered = await Promise.allSettled(products.map((product) => enter(handle, input, product)));
    expect(entered.filter((r) => r.status === 'rejected')).toEqual([]);
    const scored = await Promise.allSettled(
      MEMBERS.flatMap((memberId, i) => products.map((p) => score(handle, memberId, p.productId, around(70)[i]!))),
    );
    expect(scored.filter((r) => r.status === 'rejected')).toEqual([]);
    const state = await handle.query(sessionStateQuery);
    expect(state.products.map((p) => p.productId).sort()).toEqual(products.map((p) => p.productId).sort());
    const events = await until(
      () => sessionEvents(h, streamId),
      (found) => found.length === 1 + 20 + 100,
      'every entry and scorecard recorded',
    );
    expect(events.filter((e) => e.type === 'ProductEntered')).toHaveLength(20);
    expect(await streamSeqs(h, streamId)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    // The updates' facts went by activity tasks, those that waited for the one before them together in the next.
    const recordTasks = ((await handle.fetchHistory()).events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordEvents',
    );
    expect(recordTasks.length).toBeGreaterThan(0);
    expect(recordTasks.length).toBeLessThan(120);
    await handle.terminate('test done');
  });

  it('records an update’s fact by an activity task its accepting workflow task schedules, and its own facts locally', async () => {
    const { input, handle } = await startSession(h);
    const product = aLooseProduct();
    await enter(handle, input, product);
    await score(handle, MEMBERS[0], product.productId, 70);
    const events = (await handle.fetchHistory()).events ?? [];
    const kindOf = (e: (typeof events)[number]) => Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as never)[k])!;
    // SessionOpened, at the start: a local activity's marker, no activity task.
    const firstTask = events.findIndex((e) => e.workflowTaskCompletedEventAttributes);
    const opening = events.slice(
      firstTask,
      events.findIndex((e, i) => i > firstTask && e.workflowTaskScheduledEventAttributes),
    );
    expect(opening.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
    // Each update: the workflow task that accepts it schedules recordEvents, and completes it only after that.
    const accepted = events.map((e, i) => (e.workflowExecutionUpdateAcceptedEventAttributes ? i : -1)).filter((i) => i >= 0);
    expect(accepted).toHaveLength(2);
    for (const at of accepted) {
      const sameTask = events.slice(
        at,
        events.findIndex((e, i) => i > at && e.workflowTaskScheduledEventAttributes),
      );
      expect(sameTask.map(kindOf)).toContain('activityTaskScheduledEventAttributes');
      expect(sameTask.find((e) => e.activityTaskScheduledEventAttributes)!.activityTaskScheduledEventAttributes!.activityType!.name).toBe(
        'recordEvents',
      );
      expect(sameTask.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);
      const completed = events.findIndex((e, i) => i > at && e.workflowExecutionUpdateCompletedEventAttributes);
      expect(events.slice(at, completed).map(kindOf)).toContain('activityTaskCompletedEventAttributes');
    }
    await handle.terminate('test done');
  });

  it('lets the central office run the national session (vn), and no district session', async () => {
    const central: Actor = { userId: 'central-office', role: 'central_coordinator' };
    const national = await startSession(h, { level: 'central', areaCode: 'vn', provinceCode: 'vn' });
    const product = aLooseProduct();
    await enter(national.handle, national.input, product, central);
    expect((await national.handle.query(sessionStateQuery)).products).toEqual([product]);
    // A province's coordinator does not run the nation's session.
    expect((await refusal(enter(national.handle, national.input, aLooseProduct(), actors.provincialCoordinator('lao-cai')))).type).toBe(
      'WRONG_ACTOR',
    );
    await national.handle.terminate('test done');
    const district = await startSession(h);
    expect((await refusal(enter(district.handle, district.input, aLooseProduct(), central))).type).toBe('WRONG_ACTOR');
    await district.handle.terminate('test done');
  });

  it('refuses an entry by a coordinator of another district', async () => {
    const { input, handle } = await startSession(h);
    expect((await refusal(enter(handle, input, aLooseProduct(), actors.districtCoordinator('van-ban')))).type).toBe('WRONG_ACTOR');
    const product = aLooseProduct();
    await enter(handle, input, product);
    expect(await refusal(enter(handle, input, product))).toMatchObject({ type: 'WRONG_STAGE', details: { reason: 'already entered' } });
    expect((await handle.query(sessionStateQuery)).products).toEqual([product]);
    await handle.terminate('test done');
  });
});

describe('evaluationSession: products the session could not score', () => {
  it('tells a product with fewer scorecards than the quorum that it is missing; the next session scores it', async () => {
    const district = aDistrict();
    const scored = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Khăn thổ cẩm' });
    const unscored = await aWaitingJourney(h, { districtCode: district, productGroup: 'vai-may-mac', name: 'Túi thổ cẩm' });
    const first = await startSession(h, { areaCode: district });
    await enter(first.handle, first.input, scored.product);
    await enter(first.handle, first.input, unscored.product);
    await h.waitFor(unscored.handle, (s) => s.sessionId === first.input.sessionId);
    await scoreAll(first.handle, scored.input.productId, around(60));
    await scoreAll(first.handle, unscored.input.productId, [70, 71, 72], MEMBERS.slice(0, 3)); // 3 < quorum of 4

    await close(first.handle);

    const closed = await stateOf(first.handle);
    expect(closed.results).toEqual([
      { productId: scored.input.productId, outcome: 'scored', mean: 60, stars: 3 },
      { productId: unscored.input.productId, outcome: 'missing' },
    ]);
    expect((await sessionEvents(h, first.streamId)).find((e) => e.type === 'SessionClosed')!.payload).toMatchObject({
      scored: 1,
      missing: 1,
    });

    await h.waitFor(scored.handle, (s) => s.stage === 'awaiting_province_session');
    const left = await h.waitFor(unscored.handle, (s) => s.sessionId === undefined && s.lastEventSeq >= 6);
    expect(left).toMatchObject({ stage: 'awaiting_district_session', results: [] });
    const leftEvent = (await h.events(unscored.product.workflowId)).at(-1)!;
    expect(leftEvent).toMatchObject({
      type: 'LeftSession',
      payload: { stage: 'awaiting_district_session', missedSessionId: first.input.sessionId, level: 'district', sessionId: null },
    });
    const [row] = await h.db.query(`SELECT stage, session_id FROM products WHERE product_id = $1`, [unscored.input.productId]);
    expect(row).toEqual({ stage: 'awaiting_district_session', session_id: null });

    // The next session takes it and scores it.
    const second = await startSession(h, { areaCode: district });
    await enter(second.handle, second.input, unscored.product);
    await h.waitFor(unscored.handle, (s) => s.sessionId === second.input.sessionId);
    await scoreAll(second.handle, unscored.input.productId, around(45));
    await close(second.handle);
    expect((await stateOf(second.handle)).results).toEqual([
      { productId: unscored.input.productId, outcome: 'scored', mean: 45, stars: 2 },
    ]);
    const final = await h.waitFor(unscored.handle, (s) => s.stage === 'not_qualified');
    expect(final.results).toEqual([
      expect.objectContaining({ level: 'district', sessionId: second.input.sessionId, mean: 45, outcome: 'not_qualified' }),
    ]);
    await statusWhen(unscored.handle, 'COMPLETED');
    expect(await journeyEvents(h, unscored.input)).toEqual([
      'IdeaSubmitted',
      'IdeaAccepted',
      'BusinessPlanSubmitted',
      'DossierSubmitted',
      'EnteredSession',
      'LeftSession',
      'EnteredSession',
      'DistrictScored',
    ]);

    await scored.handle.terminate('test done');
    for (const s of [first, second]) await s.handle.terminate('test done').catch(() => undefined);
  });
});

describe('evaluationSession: continue-as-new', () => {
  it('continues as new when its history grows, keeping its products and scorecards, and still closes correctly', () =>
    withOwnServer(async (h) => {
      const { input, handle, streamId } = await startSession(h, {}, { continueAsNewAfterEvents: 40 });
      const firstRunId = handle.firstExecutionRunId;
      const products = [aLooseProduct(), aLooseProduct(), aLooseProduct()];
      for (const product of products) await enter(handle, input, product);
      await scoreAll(handle, products[0]!.productId, around(55));
      // Members of a council score at the same time: concurrent updates across a continue-as-new lose nothing.
      await Promise.all(around(75).map((total, i) => score(handle, MEMBERS[i]!, products[1]!.productId, total)));
      await scoreAll(handle, products[2]!.productId, [80, 80, 80, 80, 95]);
      await score(handle, 'uy-vien-5', products[2]!.productId, 82); // a revision after the runs changed

      const first = await h.env.client.workflow.getHandle(evaluationSessionId(input.sessionId), firstRunId).describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
      const current = await handle.describe();
      expect(current.runId).not.toBe(firstRunId);
      const chain = await runChain(h, handle.workflowId, firstRunId);
      expect(chain.length).toBeGreaterThanOrEqual(3); // 40 events hold about four updates: several runs
      expect(chain.at(-1)).toBe(current.runId);
      expect(current.status.name).toBe('RUNNING');

      const state = await handle.query(sessionStateQuery);
      expect(state.products).toEqual(products);
      expect(state.scorecards).toHaveLength(15);
      expect(state.scorecards.find((c) => c.memberId === 'uy-vien-5' && c.productId === products[2]!.productId)).toMatchObject({
        total: 82,
        revision: 2,
      });
      expect(state.mustRevise[products[2]!.productId]).toEqual([]);

      await close(handle);

      const closed = await stateOf(handle);
      expect(closed.results).toEqual([
        { productId: products[0]!.productId, outcome: 'scored', mean: 55, stars: 3 },
        { productId: products[1]!.productId, outcome: 'scored', mean: 75, stars: 4 },
        { productId: products[2]!.productId, outcome: 'scored', mean: 80.4, stars: 4 },
      ]);
      const events = await sessionEvents(h, streamId);
      expect(countTypes(events)).toEqual({
        SessionOpened: 1,
        ProductEntered: 3,
        ScorecardSubmitted: 15,
        ScorecardRevised: 1,
        SessionClosed: 1,
        ProductScored: 3,
      });
      expect(await streamSeqs(h, streamId)).toEqual(events.map((_, i) => i + 1));
      expect(closed.lastEventSeq).toBe(events.length);
      const [session] = await h.db.query(`SELECT status, products_entered, products_scored FROM sessions WHERE session_id = $1`, [
        input.sessionId,
      ]);
      expect(session).toEqual({ status: 'closed', products_entered: 3, products_scored: 3 });

      // The closed session stays to refuse late cards for CLOSED_SESSION_STAYS_MS, then ends with its final state.
      const closedAt = new Date(events.find((e) => e.type === 'SessionClosed')!.occurred_at).getTime();
      expect(await handle.result()).toEqual(closed); // the test server skips the stay
      const { closeTime } = await handle.describe();
      expect(closeTime!.getTime() - closedAt).toBeGreaterThanOrEqual(CLOSED_SESSION_STAYS_MS);
      expect(closeTime!.getTime() - closedAt).toBeLessThan(CLOSED_SESSION_STAYS_MS + 60_000);
    }));
});
