import type {
  BusinessPlanRequest,
  DossierCheckRequest,
  DossierRequest,
  JourneyState,
  LabResultsRequest,
  ProductJourneyInput,
  ReviewIdeaRequest,
  ReviseIdeaRequest,
  WithdrawRequest,
} from '@ocop/contracts';
import { isTerminalStage } from '@ocop/contracts';
import { scorecardProblem } from '@ocop/domain';
import { refuse, requireRole, requireStage } from '../support/rejections';

/**
 * Whether a person's step may be taken now: pure functions of what the journey shows and the request, run by
 * Temporal before the step is accepted (a refusal changes nothing and reaches the caller as a coded error).
 */
export interface JourneyView {
  readonly state: Readonly<JourneyState>;
  readonly input: Pick<ProductJourneyInput, 'organisationId' | 'districtCode' | 'provinceCode' | 'communeCode' | 'ruleSet'>;
  /** The lab this journey's products are sent to. */
  readonly labId: string;
  /** Steps being recorded right now. */
  readonly busy: number;
  /** When the current step's grace period ends (ms since the epoch), or +∞ when it has no due date. */
  readonly stepDeadline: number;
  readonly now: number;
}

const PRODUCER = 'the producer of the product';

const isProducer = (view: JourneyView, actor: { organisationId?: string }) => actor.organisationId === view.input.organisationId;

function requireIdle(view: JourneyView): void {
  if (view.busy > 0) refuse('WRONG_STAGE', { stage: view.state.stage, reason: 'another step is being recorded' });
}

function requireBeforeDeadline(view: JourneyView): void {
  requireIdle(view);
  if (view.now > view.stepDeadline) refuse('DEADLINE_PASSED', { dueAt: view.state.dueAt });
}

export function reviewIdea(view: JourneyView, request: ReviewIdeaRequest): void {
  requireStage(view.state.stage, 'awaiting_idea_review');
  const { actor } = request;
  const bound =
    actor.role === 'district_coordinator' ? actor.districtCode === view.input.districtCode : actor.provinceCode === view.input.provinceCode;
  requireRole(actor, ['district_coordinator', 'provincial_coordinator'], bound, 'a coordinator of the product’s district or province');
  if (request.decision === 'reject' && !request.reason?.trim())
    refuse('VALIDATION_FAILED', { field: 'reason', rule: 'required to reject' });
  if (request.decision === 'request_changes') {
    if (!request.dueAt || Number.isNaN(Date.parse(request.dueAt)))
      refuse('VALIDATION_FAILED', { field: 'dueAt', rule: 'a date is required to request changes' });
    if (Date.parse(request.dueAt) <= view.now) refuse('DATE_IN_PAST', { field: 'dueAt' });
  }
  requireIdle(view);
}

export function reviseIdea(view: JourneyView, request: ReviseIdeaRequest): void {
  requireStage(view.state.stage, 'changes_requested');
  requireRole(request.actor, ['producer'], isProducer(view, request.actor), PRODUCER);
  requireBeforeDeadline(view);
}

export function submitBusinessPlan(view: JourneyView, request: BusinessPlanRequest): void {
  requireStage(view.state.stage, 'business_plan_due');
  requireRole(request.actor, ['producer'], isProducer(view, request.actor), PRODUCER);
  if (!request.summary?.trim()) refuse('VALIDATION_FAILED', { field: 'summary', rule: 'required' });
  requireBeforeDeadline(view);
}

export function submitDossier(view: JourneyView, request: DossierRequest): void {
  requireStage(view.state.stage, 'dossier_due');
  requireRole(request.actor, ['producer'], isProducer(view, request.actor), PRODUCER);
  const problem = scorecardProblem(view.input.ruleSet, request.selfAssessment ?? {});
  if (problem) refuse('SCORE_OUT_OF_RANGE', { field: `selfAssessment.${problem.part}`, max: problem.max });
  if (!Array.isArray(request.evidence) || request.evidence.length === 0)
    refuse('VALIDATION_FAILED', { field: 'evidence', rule: 'at least one document' });
  requireBeforeDeadline(view);
}

/**
 * Who checks a dossier at the commune level (QĐ 1489/2025): the officer of the product's commune; a coordinator of
 * its province, who stands in for a commune without an officer; and, for products of no commune (registered in a
 * district, before the reform), the coordinator of its district, as before.
 */
function checksDossiersOf(view: JourneyView, actor: DossierCheckRequest['actor']): boolean {
  switch (actor.role) {
    case 'commune_officer':
      return !!view.input.communeCode && actor.communeCode === view.input.communeCode;
    case 'provincial_coordinator':
      return actor.provinceCode === view.input.provinceCode;
    case 'district_coordinator':
      return !view.input.communeCode && actor.districtCode === view.input.districtCode;
    default:
      return false;
  }
}

export function checkDossier(view: JourneyView, request: DossierCheckRequest): void {
  requireStage(view.state.stage, 'awaiting_commune_check');
  requireRole(
    request.actor,
    ['commune_officer', 'district_coordinator', 'provincial_coordinator'],
    checksDossiersOf(view, request.actor),
    'the commune officer of the product’s commune, or a coordinator of its district or province',
  );
  if (!request.passed && !request.reason?.trim()) refuse('VALIDATION_FAILED', { field: 'reason', rule: 'required when the dossier fails' });
}

export function submitLabResults(view: JourneyView, request: LabResultsRequest): void {
  const { state } = view;
  requireStage(state.stage, 'awaiting_lab_test');
  requireRole(request.actor, ['lab'], request.actor.agencyId === view.labId, 'the lab the request was addressed to');
  if (request.requestId !== state.lab?.requestId) refuse('WRONG_STAGE', { field: 'requestId', expected: state.lab?.requestId });
  if (!Array.isArray(request.indicators) || request.indicators.length === 0)
    refuse('VALIDATION_FAILED', { field: 'indicators', rule: 'at least one indicator' });
  requireIdle(view);
  if (view.now > Date.parse(state.lab.dueAt)) refuse('DEADLINE_PASSED', { dueAt: state.lab.dueAt });
}

export function withdraw(view: JourneyView, request: WithdrawRequest): void {
  if (isTerminalStage(view.state.stage)) refuse('WRONG_STAGE', { stage: view.state.stage });
  requireRole(request.actor, ['producer'], isProducer(view, request.actor), PRODUCER);
  if (!request.reason?.trim()) refuse('VALIDATION_FAILED', { field: 'reason', rule: 'required' });
  requireIdle(view);
}
