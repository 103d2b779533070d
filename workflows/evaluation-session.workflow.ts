import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  actorLabel,
  closeSessionUpdate,
  EnteredProduct,
  enterProductUpdate,
  EvaluationSessionInput,
  holidaysChangedSignal,
  NotificationRequest,
  noticeKey,
  sessionEnteredSignal,
  sessionOpeningUpdate,
  sessionResultSignal,
  SessionResultSignal,
  SessionState,
  SessionStepAck,
  sessionStateQuery,
  submitScorecardUpdate,
  userInbox,
} from '@ocop/contracts';
import {
  aggregateScores,
  HolidayCalendar,
  latestDossierDate,
  memberTotal,
  outlyingMembers,
  quorumSize,
  scoringOpensAt,
} from '@ocop/domain';
import { activities } from './support/activities';
import { EventStream, type Fact } from './support/event-stream';
import { historyIsLong } from './support/history';
import { inboxNotice } from './support/notices';
import * as validate from './evaluation-session.validators';

/** What a session carries into its next run when its history grows long (continue-as-new). */
export interface SessionCarry {
  readonly state: SessionState;
  readonly lastEventSeq: number;
  readonly autoEntered: boolean;
}

/**
 * How long a closed session stays running: late scorecards, entries and closes are refused as SESSION_CLOSED (and the
 * state answers queries) instead of meeting a completed workflow, which callers could only report as unavailable.
 */
export const CLOSED_SESSION_STAYS_MS = 30 * 86_400_000;
/** Sessions closed before this change record and send their results one product at a time, as their histories say. */
export const BATCHED_CLOSE_PATCH = 'session-close-batched-2026-12';

export interface EvaluationSessionOptions {
  /** Continue as new after this many history events (Temporal also suggests it on its own); lowered in tests. */
  readonly continueAsNewAfterEvents?: number;
}

/**
 * A council session at a level and area: products are entered until the dossier lead time, members score each
 * product (and revise), and the session closes only with a quorum and no product's totals spread over 10 points;
 * then every product is sent its result — or told it was not scored and waits for the next session.
 */
export async function evaluationSession(
  input: EvaluationSessionInput,
  options: EvaluationSessionOptions = {},
  carried?: SessionCarry,
): Promise<SessionState> {
  const workflowId = workflowInfo().workflowId;
  const stream = new EventStream(workflowId, carried?.lastEventSeq ?? 0);
  const state: SessionState = carried?.state ?? {
    sessionId: input.sessionId,
    level: input.level,
    areaCode: input.areaCode,
    sessionDate: input.sessionDate,
    status: 'open',
    products: [],
    scorecards: [],
    mustRevise: {},
    results: [],
    lastEventSeq: 0,
  };
  let autoEntered = carried?.autoEntered ?? false;
  let closing = false;
  const memberIds = input.members.map((m) => m.memberId);
  // Working days skip the holidays the province has set (sent with the input, and again when a year is corrected).
  let holidayYears = [...(input.holidays ?? [])];
  let holidays = new HolidayCalendar(holidayYears);
  let dossierDeadline = latestDossierDate(new Date(input.sessionDate), holidays);
  // The dossiers must reach members on the last dossier day at the latest, so the waiting products are entered as it
  // begins (00:00 Vietnam time); coordinators may still enter products by hand through the rest of that day.
  let autoEntryAt = dossierDeadline.getTime();
  setHandler(holidaysChangedSignal, (year) => {
    holidayYears = [...holidayYears.filter((y) => y.year !== year.year), year];
    holidays = new HolidayCalendar(holidayYears);
    dossierDeadline = latestDossierDate(new Date(input.sessionDate), holidays);
    autoEntryAt = dossierDeadline.getTime();
    state.latestDossierDate = dossierDeadline.toISOString();
  });
  state.latestDossierDate = dossierDeadline.toISOString();
  // Members score from the session's day on (carried across runs: measured from the session's first opening).
  state.scoringOpensAt ??= scoringOpensAt(input.sessionDate, Date.now(), input.dayLengthMs).toISOString();
  /** What a step answers (the state itself is the query's). */
  const ack = (): SessionStepAck => ({ status: state.status, lastEventSeq: state.lastEventSeq });
  /** What the update validators see. */
  const view = (): validate.SessionView => ({ state, input, closing, holidays, dossierDeadline, now: new Date() });

  const record = async (
    type: Parameters<EventStream['record']>[0],
    payload: Record<string, unknown>,
    actor: string,
    notifications: NotificationRequest[] = [],
  ) => {
    await stream.record(type, { status: state.status, ...payload }, actor, notifications);
    state.lastEventSeq = stream.lastSeq;
  };
  const recordAll = async (facts: readonly Fact[]) => {
    await stream.recordAll(facts.map((f) => ({ ...f, payload: { status: state.status, ...f.payload } })));
    state.lastEventSeq = stream.lastSeq;
  };
  const enter = async (product: EnteredProduct, actor: string) => {
    state.products.push(product);
    await record('ProductEntered', { productId: product.productId, workflowId: product.workflowId, name: product.name }, actor);
    await getExternalWorkflowHandle(product.workflowId)
      .signal(sessionEnteredSignal, { sessionId: input.sessionId, level: input.level, sessionDate: input.sessionDate })
      .catch(() => undefined); // a journey that ended meanwhile simply gets no result
  };

  // 1. The session is announced. It is queued on the stream before any handler exists: an update delivered with the
  // workflow's first task runs as soon as its handler is set, and its event must not come before SessionOpened.
  const opened = carried
    ? Promise.resolve()
    : record(
        'SessionOpened',
        {
          level: input.level,
          areaCode: input.areaCode,
          provinceCode: input.provinceCode,
          cycleYear: input.cycleYear,
          sessionDate: input.sessionDate,
          members: input.members,
          chairId: input.chairId,
          latestDossierDate: dossierDeadline.toISOString(),
        },
        input.openedBy ?? 'system:sessions',
        input.members.map((m) =>
          inboxNotice(noticeKey(workflowId, 'session-scheduled', m.memberId), userInbox(m.memberId), 'session-scheduled', {
            level: input.level,
            area: input.areaCode,
            sessionDate: input.sessionDate,
          }),
        ),
      );

  setHandler(sessionStateQuery, () => state);
  setHandler(sessionOpeningUpdate, async () => {
    await opened;
    return ack();
  });

  setHandler(
    enterProductUpdate,
    async (request) => {
      await enter(request.product, actorLabel(request.actor));
      return ack();
    },
    { validator: (request) => validate.enterProduct(view(), request) },
  );

  setHandler(
    submitScorecardUpdate,
    async (request) => {
      const existing = state.scorecards.findIndex((c) => c.memberId === request.memberId && c.productId === request.productId);
      const revision = existing >= 0 ? state.scorecards[existing]!.revision + 1 : 1;
      const card = {
        memberId: request.memberId,
        productId: request.productId,
        parts: request.parts,
        total: memberTotal(request.parts),
        revision,
      };
      if (existing >= 0) state.scorecards[existing] = card;
      else state.scorecards.push(card);
      refreshSpread(request.productId);
      await record(revision === 1 ? 'ScorecardSubmitted' : 'ScorecardRevised', { ...card }, actorLabel(request.actor));
      return ack();
    },
    { validator: (request) => validate.submitScorecard(view(), request) },
  );

  setHandler(
    closeSessionUpdate,
    async (request) => {
      closing = true;
      await close(request.presentMemberIds, actorLabel(request.actor));
      return ack();
    },
    { validator: (request) => validate.closeSession(view(), request) },
  );

  await opened;

  // 2. As the last dossier day begins, every product still waiting at this level in this area is entered.
  while (state.status === 'open') {
    if (!autoEntered && Date.now() >= autoEntryAt) {
      autoEntered = true;
      const waiting = await activities.findProductsAwaitingSession({
        level: input.level,
        areaCode: input.areaCode,
        provinceCode: input.provinceCode,
        cycleYear: input.cycleYear,
      });
      for (const product of waiting) {
        if (state.status === 'open' && !closing && !state.products.some((p) => p.productId === product.productId))
          await enter(product, 'system:sessions');
      }
      continue;
    }
    // 3. Members score and revise; the chair (or a coordinator) closes the session.
    const armedFor = autoEntryAt;
    const settled = () =>
      state.status !== 'open' || historyIsLong(options.continueAsNewAfterEvents) || (!autoEntered && autoEntryAt !== armedFor);
    await (autoEntered ? condition(settled) : condition(settled, Math.max(0, autoEntryAt - Date.now())));
    if (state.status === 'open' && !closing && historyIsLong(options.continueAsNewAfterEvents)) {
      await condition(allHandlersFinished);
      if (state.status === 'open' && !closing) {
        return continueAsNew<typeof evaluationSession>({ ...input, holidays: holidayYears }, options, {
          state,
          lastEventSeq: stream.lastSeq,
          autoEntered,
        });
      }
    }
  }
  await condition(allHandlersFinished);
  // 4. The closed session stays a while to refuse what arrives late, then ends with its final state.
  await sleep(CLOSED_SESSION_STAYS_MS);
  return state;

  /** Scores every entered product (or lets it go to the next session) and tells each journey. */
  async function close(presentMemberIds: readonly string[], actor: string): Promise<void> {
    const outcomes = outcomesOf(input, state, quorumSize(memberIds.length));
    state.status = 'closed';
    const closed = { presentMemberIds, scored: outcomes.filter((o) => o.score).length, missing: outcomes.filter((o) => !o.score).length };
    const tell = (o: (typeof outcomes)[number]) =>
      getExternalWorkflowHandle(o.product.workflowId)
        .signal(sessionResultSignal, o.signal)
        .catch(() => undefined); // a journey that ended meanwhile simply gets no result
    if (patched(BATCHED_CLOSE_PATCH)) {
      // One transaction for the close and every result, then every journey told at once: one workflow task, where
      // a result at a time took a task per product (each waited for its signal to be delivered).
      for (const { product, score, signal } of outcomes)
        state.results.push({ productId: product.productId, outcome: signal.outcome, mean: score?.mean, stars: score?.stars });
      await recordAll([
        { type: 'SessionClosed', payload: closed, actor },
        ...outcomes.map((o) => ({ type: 'ProductScored' as const, payload: o.scored, actor })),
      ]);
      await Promise.all(outcomes.map(tell));
      return;
    }
    await record('SessionClosed', closed, actor);
    for (const o of outcomes) {
      state.results.push({ productId: o.product.productId, outcome: o.signal.outcome, mean: o.score?.mean, stars: o.score?.stars });
      await record('ProductScored', o.scored, actor);
      await tell(o);
    }
  }

  function refreshSpread(productId: string): void {
    const totals = state.scorecards.filter((c) => c.productId === productId).map((c) => ({ memberId: c.memberId, total: c.total }));
    state.mustRevise[productId] = outlyingMembers(totals);
  }
}

/** Each entered product's result: scored with enough scorecards for the quorum, else missing (the next session). */
function outcomesOf(input: EvaluationSessionInput, state: SessionState, needed: number) {
  return state.products.map((product) => {
    const cards = state.scorecards.filter((c) => c.productId === product.productId).map((c) => ({ memberId: c.memberId, parts: c.parts }));
    const score = cards.length >= needed ? aggregateScores(cards) : undefined;
    const signal: SessionResultSignal = score
      ? {
          sessionId: input.sessionId,
          level: input.level,
          outcome: 'scored',
          mean: score.mean,
          stars: score.stars,
          totals: score.totals,
          perPartMean: score.perPartMean,
        }
      : { sessionId: input.sessionId, level: input.level, outcome: 'missing' };
    // The result names the members whose scorecards it counts, each with the total they gave.
    const members = (score?.totals ?? []).map((t) => ({
      memberId: t.memberId,
      name: input.members.find((m) => m.memberId === t.memberId)?.name ?? t.memberId,
      total: t.total,
    }));
    return { product, score, signal, scored: { productId: product.productId, ...signal, ...(score ? { members } : {}) } };
  });
}
