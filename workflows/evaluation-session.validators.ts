import type { CloseSessionRequest, EnterProductRequest, EvaluationSessionInput, ScorecardRequest, SessionState } from '@ocop/contracts';
import type { Actor } from '@ocop/contracts';
import { canEnterSession, hasQuorum, quorumSize, scorecardProblem, type HolidayCalendar } from '@ocop/domain';
import { refuse, requireRole } from './support/rejections';

/**
 * Whether a council session takes a step now: pure functions of what the session shows and the request, run by
 * Temporal before the step is accepted (a refusal changes nothing and reaches the caller as a coded error).
 */
export interface SessionView {
  readonly state: Readonly<SessionState>;
  readonly input: EvaluationSessionInput;
  /** A close is being recorded: nothing else is taken. */
  readonly closing: boolean;
  readonly holidays: HolidayCalendar;
  readonly dossierDeadline: Date;
  readonly now: Date;
}

/**
 * A coordinator of the session's area: its district's for a district session, else its province's; the central
 * office coordinates every central session (the national one scores the nominees of all provinces).
 */
const coordinatesArea = ({ input }: SessionView, actor: Actor) =>
  input.level === 'district'
    ? actor.districtCode === input.areaCode
    : input.level === 'central' && actor.role === 'central_coordinator'
      ? true
      : actor.provinceCode === input.provinceCode;

/** Who coordinates a session of the level: the district's coordinator, the province's; the central office too at central level. */
const coordinatorRoles = (level: string) =>
  level === 'district'
    ? (['district_coordinator'] as const)
    : level === 'central'
      ? (['provincial_coordinator', 'central_coordinator'] as const)
      : (['provincial_coordinator'] as const);

function requireOpen(view: SessionView): void {
  if (view.state.status !== 'open' || view.closing) refuse('SESSION_CLOSED', { sessionId: view.input.sessionId });
}

export function enterProduct(view: SessionView, request: EnterProductRequest): void {
  const { input, state } = view;
  requireOpen(view);
  requireRole(request.actor, coordinatorRoles(input.level), coordinatesArea(view, request.actor), 'a coordinator of the session’s area');
  if (!canEnterSession(new Date(input.sessionDate), view.now, view.holidays))
    refuse('DEADLINE_PASSED', { field: 'sessionDate', latestDossierDate: view.dossierDeadline.toISOString() });
  if (state.products.some((p) => p.productId === request.product.productId))
    refuse('WRONG_STAGE', { productId: request.product.productId, reason: 'already entered' });
}

export function submitScorecard(view: SessionView, request: ScorecardRequest): void {
  const { input, state } = view;
  requireOpen(view);
  if (!input.members.some((m) => m.memberId === request.memberId)) refuse('NOT_A_MEMBER', { memberId: request.memberId });
  requireRole(request.actor, ['council_member'], request.actor.userId === request.memberId, 'the council member whose scorecard it is');
  if (!state.products.some((p) => p.productId === request.productId))
    refuse('VALIDATION_FAILED', { field: 'productId', rule: 'a product entered in this session' });
  const problem = scorecardProblem(input.ruleSet, request.parts ?? {});
  if (problem) refuse('SCORE_OUT_OF_RANGE', { field: `parts.${problem.part}`, max: problem.max });
  // No scoring before the session's day (Vietnam time).
  if (state.scoringOpensAt && view.now.getTime() < Date.parse(state.scoringOpensAt))
    refuse('SESSION_NOT_STARTED', { field: 'sessionDate', sessionDate: input.sessionDate, scoringOpensAt: state.scoringOpensAt });
}

export function closeSession(view: SessionView, request: CloseSessionRequest): void {
  const { input, state } = view;
  const { actor } = request;
  requireOpen(view);
  const isChair = actor.role === 'council_member' && actor.userId === input.chairId;
  const bound = isChair || (actor.role !== 'council_member' && coordinatesArea(view, actor));
  requireRole(
    actor,
    ['council_member', 'district_coordinator', 'provincial_coordinator', 'central_coordinator'],
    bound,
    'the chair or a coordinator of the area',
  );
  const memberIds = input.members.map((m) => m.memberId);
  if (!hasQuorum(memberIds, request.presentMemberIds ?? [], input.chairId)) {
    refuse('NO_QUORUM', {
      required: quorumSize(memberIds.length),
      present: request.presentMemberIds?.length ?? 0,
      chairPresent: request.presentMemberIds?.includes(input.chairId) ?? false,
    });
  }
  const spread = Object.entries(state.mustRevise).filter(([, members]) => members.length > 0);
  if (spread.length > 0) refuse('SPREAD_EXCEEDED', { mustRevise: Object.fromEntries(spread) });
}
