import {
  condition,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  actorLabel,
  AgencyContacts,
  annualCycleId,
  calendarChangedSignal,
  CERTIFICATE_LIFECYCLE_WORKFLOW,
  certificateLifecycleId,
  certificateSupersededSignal,
  checkDossierUpdate,
  CycleCalendar,
  ideaSubmissionUpdate,
  JourneyStage,
  JourneyState,
  journeyProgressSignal,
  journeyStateQuery,
  NotificationRequest,
  ProductJourneyInput,
  reviewIdeaUpdate,
  reviseIdeaUpdate,
  SA_CYCLE_YEAR,
  SA_DISTRICT,
  SA_PRODUCT_GROUP,
  SA_STAGE,
  SA_STARS,
  sessionEnteredSignal,
  SessionResultSignal,
  sessionResultSignal,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitLabResultsUpdate,
  TERMINAL_STAGES,
  withdrawUpdate,
} from '@ocop/contracts';
import {
  certificateSchedule,
  DAY_MS,
  DEFAULT_REMINDER_POLICY,
  defaultCycleCalendar,
  firstLevel,
  labTestingBefore,
  LevelName,
  levelAction,
  levelOutcome,
  needsLabTest,
  Reminder,
  ReminderPolicy,
  ruleSet,
  scorecardProblem,
} from '@ocop/domain';
import { activities } from './support/activities';
import { scaledGraceEnd, watchDeadline } from './support/deadlines';
import { EventStream } from './support/event-stream';
import { refuse, requireRole, requireStage } from './support/rejections';

/** A lab's results are due by the date; late is a failure, without grace. */
const LAB_POLICY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, graceDays: 0 };
/** Officials are reminded 7 and 1 days before; a miss is escalated at once. */
const OFFICIALS_POLICY: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, graceDays: 0 };
/** A coordinator reviews an idea within 15 days of the idea window closing. */
const REVIEW_DAYS_AFTER_IDEA_WINDOW = 15;
/** Central results for nominees are expected within 60 days of the province's certification date. */
const CENTRAL_RESULT_DAYS_AFTER_CERTIFICATION = 60;
const SCORED_EVENT = { district: 'DistrictScored', province: 'ProvinceScored', central: 'CentralScored', commune: 'CommuneChecked' } as const;

/**
 * One product's path through one OCOP cycle: idea → review → business plan → dossier → the levels of the cycle's
 * rule set (with lab testing before the level the rule set names) → stars → certificate. Every decision is an
 * event in the log; people act through validated updates; every wait on a person has a deadline and reminders.
 */
/** Histories recorded before a forwarded product went straight to lab testing keep their recorded stages. */
const LAB_BEFORE_WAITING_PATCH = 'lab-before-waiting-stage-2026-11';

export async function productJourney(input: ProductJourneyInput): Promise<JourneyState> {
  const workflowId = workflowInfo().workflowId;
  const rules = ruleSet(input.ruleSet);
  const agencies: AgencyContacts = input.agencies ?? { labId: `lab:${input.provinceCode}`, inspectorId: `inspector:${input.provinceCode}` };
  let calendar: CycleCalendar = input.calendar ?? defaultCycleCalendar(input.cycleYear);
  const stream = new EventStream(workflowId);
  const state: JourneyState = {
    productId: input.productId,
    cycleYear: input.cycleYear,
    ruleSet: input.ruleSet,
    stage: 'idea_submitted',
    ideaRecorded: false,
    lastEventSeq: 0,
    updatedAt: input.submittedAt,
    results: [],
  };
  let busy = 0; // updates being recorded; deadlines wait for them so a late-but-accepted step is never undone
  /** The stage the annual cycle last heard of (reportProgress). */
  let reportedStage: JourneyStage | undefined;
  let pendingResult: SessionResultSignal | undefined;
  let labPassed = false;
  let reportAfterLab = false;
  const producerInbox = `org:${input.organisationId}`;
  const coordinatorsInbox = `district:${input.districtCode}:coordinators`;
  const provincialInbox = `province:${input.provinceCode}:coordinators`;
  const isTerminal = () => TERMINAL_STAGES.includes(state.stage);
  const dayMs = input.dayLengthMs ?? DAY_MS;
  const graceEnd = (dueAt: string) => scaledGraceEnd(new Date(dueAt), DEFAULT_REMINDER_POLICY, dayMs).toISOString();

  const record = async (type: Parameters<EventStream['record']>[0], payload: Record<string, unknown>, actor: string, notifications: NotificationRequest[] = []) => {
    await stream.record(type, { stage: state.stage, ...(state.dueAt ? { dueAt: state.dueAt } : {}), ...payload }, actor, notifications);
    state.lastEventSeq = stream.lastSeq;
    state.updatedAt = new Date().toISOString();
  };
  const moveTo = (stage: JourneyStage, dueAt?: string) => {
    state.stage = stage;
    state.dueAt = dueAt;
    upsertSearchAttributes([{ key: SA_STAGE, value: stage }]);
  };
  const exclusively = async <T>(work: () => Promise<T>): Promise<T> => {
    busy += 1;
    try {
      return await work();
    } finally {
      busy -= 1;
    }
  };
  const stepDeadline = (): number => (state.dueAt ? Date.parse(graceEnd(state.dueAt)) : Number.POSITIVE_INFINITY);
  const requireBeforeDeadline = () => {
    if (busy > 0) refuse('WRONG_STAGE', { stage: state.stage, reason: 'another step is being recorded' });
    if (Date.now() > stepDeadline()) refuse('DEADLINE_PASSED', { dueAt: state.dueAt });
  };
  const isProducer = (actor: { organisationId?: string }) => actor.organisationId === input.organisationId;

  // --- queries, updates and signals --------------------------------------------------------------------------
  setHandler(journeyStateQuery, () => state);
  setHandler(ideaSubmissionUpdate, async () => {
    await condition(() => state.ideaRecorded);
    return state;
  });

  setHandler(
    reviewIdeaUpdate,
    async (request) =>
      exclusively(async () => {
        const actor = actorLabel(request.actor);
        const decided = { decision: request.decision, reason: request.reason };
        const tell: NotificationRequest = { idempotencyKey: `${workflowId}:idea-reviewed:${state.lastEventSeq + 1}`, channel: 'inbox', recipient: producerInbox, template: 'idea-reviewed', data: { productName: input.name, ...decided } };
        if (request.decision === 'accept') {
          moveTo('business_plan_due', calendar.businessPlanDueAt);
          await record('IdeaAccepted', {}, actor, [tell]);
        } else if (request.decision === 'reject') {
          moveTo('rejected');
          state.reason = request.reason;
          await record('IdeaRejected', { reason: request.reason }, actor, [tell]);
        } else {
          moveTo('changes_requested', request.dueAt);
          await record('IdeaChangesRequested', { reason: request.reason }, actor, [tell]);
        }
        return state;
      }),
    {
      validator: (request) => {
        requireStage(state.stage, 'awaiting_idea_review');
        const { actor } = request;
        const bound = actor.role === 'district_coordinator' ? actor.districtCode === input.districtCode : actor.provinceCode === input.provinceCode;
        requireRole(actor, ['district_coordinator', 'provincial_coordinator'], bound, 'a coordinator of the product’s district or province');
        if (request.decision === 'reject' && !request.reason?.trim()) refuse('VALIDATION_FAILED', { field: 'reason', rule: 'required to reject' });
        if (request.decision === 'request_changes') {
          if (!request.dueAt || Number.isNaN(Date.parse(request.dueAt))) refuse('VALIDATION_FAILED', { field: 'dueAt', rule: 'a date is required to request changes' });
          if (Date.parse(request.dueAt) <= Date.now()) refuse('DATE_IN_PAST', { field: 'dueAt' });
        }
        if (busy > 0) refuse('WRONG_STAGE', { stage: state.stage, reason: 'another step is being recorded' });
      },
    },
  );

  setHandler(
    reviseIdeaUpdate,
    async (request) =>
      exclusively(async () => {
        moveTo('awaiting_idea_review');
        await record('IdeaRevised', { newName: request.name, note: request.note }, actorLabel(request.actor));
        return state;
      }),
    {
      validator: (request) => {
        requireStage(state.stage, 'changes_requested');
        requireRole(request.actor, ['producer'], isProducer(request.actor), 'the producer of the product');
        requireBeforeDeadline();
      },
    },
  );

  setHandler(
    submitBusinessPlanUpdate,
    async (request) =>
      exclusively(async () => {
        moveTo('dossier_due', calendar.dossierDueAt);
        await record('BusinessPlanSubmitted', { summary: request.summary, documentUrl: request.documentUrl }, actorLabel(request.actor));
        return state;
      }),
    {
      validator: (request) => {
        requireStage(state.stage, 'business_plan_due');
        requireRole(request.actor, ['producer'], isProducer(request.actor), 'the producer of the product');
        if (!request.summary?.trim()) refuse('VALIDATION_FAILED', { field: 'summary', rule: 'required' });
        requireBeforeDeadline();
      },
    },
  );

  setHandler(
    submitDossierUpdate,
    async (request) =>
      exclusively(async () => {
        const level = firstLevel(input.ruleSet);
        moveTo(waitingStageFor(level));
        await record('DossierSubmitted', { selfAssessment: request.selfAssessment, evidence: request.evidence }, actorLabel(request.actor));
        return state;
      }),
    {
      validator: (request) => {
        requireStage(state.stage, 'dossier_due');
        requireRole(request.actor, ['producer'], isProducer(request.actor), 'the producer of the product');
        const problem = scorecardProblem(input.ruleSet, request.selfAssessment ?? {});
        if (problem) refuse('SCORE_OUT_OF_RANGE', { field: `selfAssessment.${problem.part}`, max: problem.max });
        if (!Array.isArray(request.evidence) || request.evidence.length === 0) refuse('VALIDATION_FAILED', { field: 'evidence', rule: 'at least one document' });
        requireBeforeDeadline();
      },
    },
  );

  setHandler(
    checkDossierUpdate,
    async (request) =>
      exclusively(async () => {
        const result = { level: 'commune' as const, mean: 0, stars: 0, totals: [], outcome: request.passed ? ('passed' as const) : ('failed' as const) };
        state.results.push(result);
        if (request.passed) moveTo(waitingStageFor(nextLevel('commune')!));
        else {
          moveTo('not_qualified');
          state.reason = request.reason;
        }
        await record('CommuneChecked', { passed: request.passed, reason: request.reason }, actorLabel(request.actor));
        return state;
      }),
    {
      validator: (request) => {
        requireStage(state.stage, 'awaiting_commune_check');
        const bound = request.actor.districtCode === input.districtCode;
        requireRole(request.actor, ['district_coordinator'], bound, 'the local authority of the product’s area');
        if (!request.passed && !request.reason?.trim()) refuse('VALIDATION_FAILED', { field: 'reason', rule: 'required when the dossier fails' });
      },
    },
  );

  setHandler(
    submitLabResultsUpdate,
    async (request) =>
      exclusively(async () => {
        const lab = state.lab!;
        state.lab = { ...lab, results: request.indicators };
        const passed = request.indicators.every((i) => i.passed);
        const failed = request.indicators.filter((i) => !i.passed).map((i) => i.indicator);
        const tell = (type: string): NotificationRequest => ({ idempotencyKey: `${workflowId}:lab-result:${lab.requestId}:${type}`, channel: 'inbox', recipient: producerInbox, template: 'lab-test-result', data: { productName: input.name, passed } });
        if (passed) {
          labPassed = true;
          await record('LabTestPassed', { requestId: lab.requestId, attempt: lab.attempt, indicators: request.indicators }, actorLabel(request.actor), [tell('passed')]);
        } else if (lab.attempt < 2) {
          await record('LabTestFailed', { requestId: lab.requestId, attempt: lab.attempt, failedIndicators: failed, retestAllowed: true }, actorLabel(request.actor), [tell('failed')]);
          await requestLabTest(lab.attempt + 1);
        } else {
          moveTo('failed_lab_test');
          state.reason = `failed indicators: ${failed.join(', ')}`;
          await record('LabTestFailed', { requestId: lab.requestId, attempt: lab.attempt, failedIndicators: failed, retestAllowed: false, reason: state.reason }, actorLabel(request.actor), [tell('failed')]);
        }
        return state;
      }),
    {
      validator: (request) => {
        requireStage(state.stage, 'awaiting_lab_test');
        requireRole(request.actor, ['lab'], request.actor.agencyId === agencies.labId, 'the lab the request was addressed to');
        if (request.requestId !== state.lab?.requestId) refuse('WRONG_STAGE', { field: 'requestId', expected: state.lab?.requestId });
        if (!Array.isArray(request.indicators) || request.indicators.length === 0) refuse('VALIDATION_FAILED', { field: 'indicators', rule: 'at least one indicator' });
        if (busy > 0) refuse('WRONG_STAGE', { stage: state.stage, reason: 'another step is being recorded' });
        if (Date.now() > Date.parse(state.lab!.dueAt)) refuse('DEADLINE_PASSED', { dueAt: state.lab!.dueAt });
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (request) =>
      exclusively(async () => {
        moveTo('withdrawn');
        state.reason = request.reason;
        await record('ProductWithdrawn', { reason: request.reason, byProducer: true }, actorLabel(request.actor));
        return state;
      }),
    {
      validator: (request) => {
        if (isTerminal()) refuse('WRONG_STAGE', { stage: state.stage });
        requireRole(request.actor, ['producer'], isProducer(request.actor), 'the producer of the product');
        if (!request.reason?.trim()) refuse('VALIDATION_FAILED', { field: 'reason', rule: 'required' });
        if (busy > 0) refuse('WRONG_STAGE', { stage: state.stage, reason: 'another step is being recorded' });
      },
    },
  );

  setHandler(sessionEnteredSignal, (signal) => {
    if (state.stage === waitingStageFor(signal.level as Exclude<LevelName, 'commune'>) && !state.sessionId) {
      state.sessionId = signal.sessionId;
      void record('EnteredSession', { sessionId: signal.sessionId, level: signal.level, sessionDate: signal.sessionDate }, 'system:session');
    }
  });
  setHandler(sessionResultSignal, (signal) => {
    if (signal.sessionId === state.sessionId) pendingResult = signal;
  });
  setHandler(calendarChangedSignal, (next) => {
    calendar = next;
    // The step being waited on takes its new date at once; later steps read the calendar when they begin.
    if (state.stage === 'business_plan_due') state.dueAt = calendar.businessPlanDueAt;
    if (state.stage === 'dossier_due') state.dueAt = calendar.dossierDueAt;
  });

  // --- the procedure -----------------------------------------------------------------------------------------
  upsertSearchAttributes([
    { key: SA_STAGE, value: state.stage },
    { key: SA_DISTRICT, value: input.districtCode },
    { key: SA_PRODUCT_GROUP, value: input.productGroup },
    { key: SA_CYCLE_YEAR, value: input.cycleYear },
  ]);

  // 1. The idea is recorded: event log and read model in one transaction; a coordinator reviews it next.
  moveTo('awaiting_idea_review');
  await record('IdeaSubmitted', {
    productId: input.productId,
    organisationId: input.organisationId,
    name: input.name,
    productGroup: input.productGroup,
    districtCode: input.districtCode,
    provinceCode: input.provinceCode,
    cycleYear: input.cycleYear,
    ruleSet: input.ruleSet,
    workflowId,
  }, input.submittedBy);
  state.ideaRecorded = true;
  await reportProgress();

  // 2. Idea review; a request for changes gives the producer a due date.
  while (state.stage === 'awaiting_idea_review' || state.stage === 'changes_requested') {
    if (state.stage === 'awaiting_idea_review') {
      const reviewDueAt = () => new Date(Date.parse(calendar.ideaWindowClosesAt) + REVIEW_DAYS_AFTER_IDEA_WINDOW * dayMs).toISOString();
      await waitForOfficials('idea_review', reviewDueAt, coordinatorsInbox, () => state.stage !== 'awaiting_idea_review');
    } else if ((await waitForProducer('changes_requested')) === 'missed') return finish();
  }
  if (isTerminal()) return finish();
  await reportProgress();

  // 3. Business plan, then dossier, each by its calendar date (reminders before, withdrawn after the grace period).
  for (const step of ['business_plan_due', 'dossier_due'] as const) {
    // A quick producer may have sent this step while the previous one was being reported: go on to the next.
    if (state.stage !== step) continue;
    if ((await waitForProducer(step)) === 'missed') return finish();
    if (isTerminal()) return finish();
    await reportProgress();
  }
  // …and then the cycle has not heard of the stage those quick steps reached.
  if (reportedStage !== state.stage) await reportProgress();

  // 4. The levels of the rule set, in order, with lab testing before the level the rule set names.
  let level: LevelName | undefined = firstLevel(input.ruleSet);
  while (level && !isTerminal()) {
    if (levelAction(input.ruleSet, level) === 'check-dossier') {
      await condition(() => state.stage !== 'awaiting_commune_check');
      await reportProgress();
      level = isTerminal() ? undefined : nextLevel(level);
      continue;
    }
    if (labTestComesFirst(level)) {
      if (!(await labTesting(level))) return finish();
      if (reportAfterLab) {
        reportAfterLab = false;
        await reportProgress();
      }
    }
    const result = await waitForSessionResult(level);
    if (!result) return finish();
    const outcome = levelOutcome(input.ruleSet, level, result.mean!);
    state.results.push({ level, sessionId: result.sessionId, mean: result.mean!, stars: outcome.stars, totals: result.totals ?? [], perPartMean: result.perPartMean, outcome: outcome.kind });
    const scored = { level, sessionId: result.sessionId, mean: result.mean, stars: outcome.stars, totals: result.totals, perPartMean: result.perPartMean, outcome: outcome.kind };
    const scoredNotice: NotificationRequest = { idempotencyKey: `${workflowId}:product-scored:${level}`, channel: 'inbox', recipient: producerInbox, template: 'product-scored', data: { productName: input.name, level, mean: result.mean, stars: outcome.stars } };
    switch (outcome.kind) {
      case 'not_qualified':
        moveTo('not_qualified');
        state.reason = `mean ${result.mean} at ${level}`;
        await record(SCORED_EVENT[level], { ...scored, sessionId: null, reason: state.reason }, 'system:council', [scoredNotice]);
        level = undefined;
        break;
      case 'forwarded': {
        // When lab testing must come first, the score is recorded as sending the product to the lab (requested on
        // the loop's next turn): shown as awaiting the next session meanwhile, it could be entered in one it ignores.
        const labFirst = labTestComesFirst(outcome.to) && patched(LAB_BEFORE_WAITING_PATCH);
        if (!labFirst) moveTo(waitingStageFor(outcome.to as Exclude<LevelName, 'commune'>));
        reportAfterLab = labFirst;
        state.sessionId = undefined;
        await record(SCORED_EVENT[level], { ...scored, sessionId: null, forwardedTo: outcome.to, provisionalStars: outcome.provisionalStars, ...(labFirst ? { stage: 'awaiting_lab_test' } : {}) }, 'system:council', [scoredNotice]);
        level = outcome.to;
        break;
      }
      case 'recognised':
        await record(SCORED_EVENT[level], { ...scored, sessionId: null }, 'system:council', [scoredNotice]);
        await certify(level, outcome.stars);
        level = undefined;
        break;
    }
    // The cycle hears of a product sent to the lab once the lab passed it (it then awaits the next session).
    if (!reportAfterLab) await reportProgress();
  }
  return finish();

  // --- steps ---------------------------------------------------------------------------------------------------

  /** Waits for the producer's step; a missed deadline past its grace period withdraws the product. */
  async function waitForProducer(stage: 'changes_requested' | 'business_plan_due' | 'dossier_due'): Promise<'done' | 'missed'> {
    const outcome = await watchDeadline({
      isDone: () => state.stage !== stage,
      dueAt: () => state.dueAt!,
      remind: (reminder, dueAt) => remindProducer(stage, reminder, dueAt),
      dayMs,
    });
    if (outcome === 'done') return 'done';
    await condition(() => busy === 0);
    if (state.stage !== stage) return 'done';
    const dueAt = state.dueAt!;
    moveTo('withdrawn');
    state.reason = `${stage}: deadline ${dueAt} missed`;
    await record('ProductWithdrawn', { reason: state.reason, byProducer: false, missedStep: stage, missedDueAt: dueAt }, 'system:deadline', [
      { idempotencyKey: `${workflowId}:withdrawn:${dueAt}`, channel: 'inbox', recipient: coordinatorsInbox, template: 'deadline-missed', data: { productName: input.name, step: stage, dueDate: dueAt, graceEndsAt: graceEnd(dueAt) } },
    ]);
    return 'missed';
  }

  /**
   * Officials' steps (the idea review, the council sessions) have due dates too: their reminders go to the
   * officials, and a missed one is escalated to the province while the product keeps waiting — a producer is
   * never withdrawn for an office's delay.
   */
  async function waitForOfficials(step: string, dueAt: () => string, recipient: string, isDone: () => boolean): Promise<void> {
    const outcome = await watchDeadline({
      isDone,
      dueAt,
      policy: OFFICIALS_POLICY,
      dayMs,
      remind: async (reminder, due) => {
        if (reminder.kind === 'missed') return;
        await record('ReminderSent', { step, kind: reminder.kind, daysBefore: reminder.daysBefore, scheduledFor: reminder.at.toISOString(), dueAt: due, recipient }, 'system:reminders', [
          { idempotencyKey: `${workflowId}:${step}:reminder-${reminder.daysBefore}d:${due}`, channel: 'inbox', recipient, template: 'deadline-reminder', data: { productName: input.name, step, dueDate: due, daysBefore: reminder.daysBefore } },
        ]);
      },
    });
    if (outcome === 'done') return;
    const due = dueAt();
    await record('DeadlineMissed', { step, missedDueAt: due, escalatedTo: provincialInbox }, 'system:deadline', [
      { idempotencyKey: `${workflowId}:${step}:escalated:${due}`, channel: 'inbox', recipient: provincialInbox, template: 'deadline-missed', data: { productName: input.name, step, dueDate: due, graceEndsAt: due } },
    ]);
    await condition(isDone);
  }

  function sessionDueAt(level: LevelName): string {
    if (level === 'district' || level === 'commune') return calendar.districtSessionsCloseAt;
    if (level === 'province') return calendar.provincialSessionsCloseAt;
    return new Date(Date.parse(calendar.certificationAt) + CENTRAL_RESULT_DAYS_AFTER_CERTIFICATION * dayMs).toISOString();
  }

  async function remindProducer(step: string, reminder: Reminder, dueAt: string): Promise<void> {
    const purpose = reminder.kind === 'missed' ? 'deadline-missed' : `reminder-${reminder.daysBefore}d`;
    const data = reminder.kind === 'missed'
      ? { productName: input.name, step, dueDate: dueAt, graceEndsAt: graceEnd(dueAt) }
      : { productName: input.name, step, dueDate: dueAt, daysBefore: reminder.daysBefore };
    await record('ReminderSent', { step, kind: reminder.kind, daysBefore: reminder.daysBefore, scheduledFor: reminder.at.toISOString(), dueAt, recipient: producerInbox }, 'system:reminders', [
      { idempotencyKey: `${workflowId}:${step}:${purpose}:${dueAt}`, channel: 'inbox', recipient: producerInbox, template: reminder.kind === 'missed' ? 'deadline-missed' : 'deadline-reminder', data },
    ]);
  }

  /** Lab testing: a request to the accredited lab, results by a due date; one retest after a failure. */
  async function labTesting(before: LevelName): Promise<boolean> {
    await requestLabTest(1);
    const outcome = await watchDeadline({
      isDone: () => labPassed || state.stage !== 'awaiting_lab_test',
      dueAt: () => state.lab!.dueAt,
      policy: LAB_POLICY,
      dayMs,
      remind: async (reminder, dueAt) => {
        if (reminder.kind === 'missed') return;
        await record('ReminderSent', { step: 'lab_test', kind: reminder.kind, daysBefore: reminder.daysBefore, scheduledFor: reminder.at.toISOString(), dueAt, recipient: agencies.labId }, 'system:reminders', [
          labNotice(`${workflowId}:lab-reminder-${reminder.daysBefore}d:${dueAt}`, 'deadline-reminder', { productName: input.name, step: 'lab_test', dueDate: dueAt, daysBefore: reminder.daysBefore }),
        ]);
      },
    });
    await condition(() => busy === 0);
    if (outcome === 'missed' && !labPassed && state.stage === 'awaiting_lab_test') {
      moveTo('failed_lab_test');
      state.reason = `lab results overdue (${state.lab!.requestId})`;
      await record('LabTestFailed', { requestId: state.lab!.requestId, attempt: state.lab!.attempt, overdue: true, reason: state.reason }, 'system:deadline');
    }
    if (!labPassed) return false;
    moveTo(waitingStageFor(before as Exclude<LevelName, 'commune'>));
    await record('ForwardedToLevel', { to: before, afterLabTest: true }, 'system:lab');
    return true;
  }

  async function requestLabTest(attempt: number): Promise<void> {
    const requestId = `${workflowId}:lab:${attempt}`;
    const dueAt = new Date(Date.now() + calendar.labTurnaroundDays * dayMs).toISOString();
    state.lab = { requestId, attempt, dueAt };
    moveTo('awaiting_lab_test', dueAt);
    await record('LabTestRequested', { requestId, attempt, labId: agencies.labId, productGroup: input.productGroup }, 'system:lab', [
      labNotice(`${workflowId}:lab-test-requested:${attempt}`, 'lab-test-requested', { productName: input.name, productGroup: input.productGroup, dueDate: dueAt, requestId }),
    ]);
  }

  function labNotice(idempotencyKey: string, template: NotificationRequest['template'], data: Record<string, unknown>): NotificationRequest {
    return agencies.labWebhookUrl
      ? { idempotencyKey, channel: 'webhook', recipient: agencies.labWebhookUrl, template, data }
      : { idempotencyKey, channel: 'inbox', recipient: `agency:${agencies.labId}`, template, data };
  }

  /** Waits until a session at `level` scores this product; a session that closes without scoring it is skipped. */
  async function waitForSessionResult(level: LevelName): Promise<SessionResultSignal | undefined> {
    const stage = waitingStageFor(level as Exclude<LevelName, 'commune'>);
    if (state.stage !== stage) moveTo(stage);
    for (;;) {
      await waitForOfficials(`${level}_session`, () => sessionDueAt(level), level === 'district' ? coordinatorsInbox : provincialInbox, () => pendingResult !== undefined || isTerminal());
      if (isTerminal()) return undefined;
      const result = pendingResult!;
      pendingResult = undefined;
      if (result.level !== level) continue;
      if (result.outcome === 'scored') return result;
      state.sessionId = undefined;
      await record('LeftSession', { sessionId: null, missedSessionId: result.sessionId, level }, 'system:session');
    }
  }

  /** Stars recognised → a numbered certificate, and its own lifecycle workflow that outlives this one. */
  async function certify(level: LevelName, stars: number): Promise<void> {
    state.stars = stars;
    upsertSearchAttributes([{ key: SA_STARS, value: stars }]);
    await record('StarsRecognised', { level, stars }, 'system:council');
    const certificateNo = await activities.allocateCertificateNumber({ certificateKey: workflowId, provinceCode: input.provinceCode, year: input.cycleYear });
    const schedule = certificateSchedule(new Date());
    state.certificateNo = certificateNo;
    moveTo('certified');
    await record('CertificateIssued', { certificateNo, stars, level, issuedAt: schedule.issuedAt.toISOString(), expiresAt: schedule.expiresAt.toISOString(), supersedes: input.previousCertificateNo }, 'system:certification', [
      { idempotencyKey: `${workflowId}:certificate-issued:${certificateNo}`, channel: 'inbox', recipient: producerInbox, template: 'certificate-issued', data: { productName: input.name, certificateNo, stars, expiresAt: schedule.expiresAt.toISOString() } },
    ]);
    await startChild(CERTIFICATE_LIFECYCLE_WORKFLOW, {
      workflowId: certificateLifecycleId(certificateNo),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ certificateNo, productId: input.productId, productName: input.name, organisationId: input.organisationId, provinceCode: input.provinceCode, stars, issuedAt: schedule.issuedAt.toISOString(), inspectorId: agencies.inspectorId, inspectorWebhookUrl: agencies.inspectorWebhookUrl }],
    });
    if (input.previousCertificateNo) {
      await signalIfRunning(certificateLifecycleId(input.previousCertificateNo), (handle) => handle.signal(certificateSupersededSignal, { newCertificateNo: certificateNo, stars }));
    }
  }

  function labTestComesFirst(level: LevelName): boolean {
    return level === labTestingBefore(input.ruleSet) && needsLabTest(input.ruleSet, input.productGroup) && !labPassed;
  }

  function nextLevel(current: LevelName): LevelName | undefined {
    const index = rules.levels.findIndex((l) => l.level === current);
    return rules.levels[index + 1]?.level;
  }

  /** Tells the province's annual cycle where this product now stands (if the cycle runs as a workflow). */
  async function reportProgress(): Promise<void> {
    reportedStage = state.stage;
    await signalIfRunning(annualCycleId(input.provinceCode, input.cycleYear), (handle) =>
      handle.signal(journeyProgressSignal, { workflowId, productId: input.productId, organisationId: input.organisationId, stage: state.stage, stars: state.stars }),
    );
  }

  async function finish(): Promise<JourneyState> {
    await condition(() => busy === 0);
    await reportProgress();
    return state;
  }
}

function waitingStageFor(level: LevelName): JourneyStage {
  return level === 'commune' ? 'awaiting_commune_check' : `awaiting_${level}_session`;
}

async function signalIfRunning(workflowId: string, send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>): Promise<void> {
  try {
    await send(getExternalWorkflowHandle(workflowId));
  } catch {
    // Not running (or never started): the message has no one to reach, and nothing here depends on it.
  }
}
