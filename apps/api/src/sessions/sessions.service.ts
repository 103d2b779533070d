import { HolidaysService } from '../calendars/holidays.service';
import { Injectable } from '@nestjs/common';
import {
  closeSessionUpdate,
  enterProductUpdate,
  EVALUATION_SESSION_WORKFLOW,
  EvaluationSessionInput,
  evaluationSessionId,
  SessionState,
  sessionOpeningUpdate,
  sessionStateQuery,
  submitScorecardUpdate,
  waitingStageFor,
} from '@ocop/contracts';
import {
  defaultRuleSetForYear,
  findProductGroup,
  isPlausibleCycleYear,
  isRuleSetCode,
  OcopError,
  type LevelName,
  type RuleSetCode,
} from '@ocop/domain';
import { findOcopDistrict } from '@ocop/admin-map';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { scopeInProvince, scopeOf } from '../auth/access.policy';
import { CallContext, idFor } from '../common/call-context';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowClient } from '../common/workflow-client';
import { CloseSessionDto, EnterProductDto, SubmitScorecardDto } from './dto/session-actions.dto';
import { CreateSessionDto, ListSessionsQuery } from './dto/create-session.dto';
import {
  ScorecardResultResponse,
  SessionDetailResponse,
  SessionProductResponse,
  SessionResponse,
  SessionStateResponse,
} from './dto/session.response';
import { isAreaProblem, resolveSessionArea, ruleSetScoresAt, scoringParts, SessionLevel, spreadWarningFor } from './session-rules';
import { SessionRow, SessionsRepository } from './sessions.repository';

@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly workflows: WorkflowClient,
    private readonly holidays: HolidaysService,
  ) {}

  /**
   * Checks the session against the reference data and the users (AccessGuard checked the caller's binding to the
   * area), starts its workflow and answers once SessionOpened is recorded, with the read model's row (so a following
   * GET agrees). Nothing starts when a check fails.
   */
  async create(dto: CreateSessionDto, call: CallContext): Promise<SessionResponse> {
    if (dto.level !== 'central' && dto.provinceCode !== undefined)
      throw fieldRuleViolation(
        'provinceCode',
        'isEmpty',
        'provinceCode is for central sessions only (the area names the province otherwise)',
      );
    const area = resolveSessionArea(dto.level, dto.areaCode, dto.provinceCode);
    if (isAreaProblem(area)) {
      if (area.code === 'UNKNOWN_DISTRICT') throw new OcopError('UNKNOWN_DISTRICT', { field: area.field, value: dto.areaCode });
      throw fieldRuleViolation(area.field, area.rule, area.message);
    }
    if (!isPlausibleCycleYear(dto.cycleYear, new Date()))
      throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'cycleYear', value: dto.cycleYear });
    const ruleSet = await this.ruleSetFor(area.provinceCode, dto.cycleYear);
    if (!ruleSetScoresAt(ruleSet, area.level)) {
      throw fieldRuleViolation(
        'level',
        'isScoringLevel',
        `level ${area.level} has no council under ${ruleSet}, the rule set of the ${dto.cycleYear} cycle`,
      );
    }

    const users = await this.repository.usersByIds(dto.memberIds);
    const invalid = dto.memberIds.filter((id) => !users.some((u) => u.user_id === id && u.role === 'council_member' && !u.disabled));
    if (invalid.length > 0)
      throw fieldRuleViolation(
        'memberIds',
        'isCouncilMember',
        `memberIds must name active council_member users; not one: ${invalid.join(', ')}`,
      );
    const members = dto.memberIds.map((memberId) => ({ memberId, name: users.find((u) => u.user_id === memberId)!.display_name }));

    // A retried request (same Idempotency-Key) derives the same session id, hence the same workflow id.
    const sessionId = idFor(call, 'session');
    const { dayLengthMs } = await this.repository.cycleRules(area.provinceCode, dto.cycleYear);
    const input: EvaluationSessionInput = {
      sessionId,
      ruleSet,
      level: area.level,
      areaCode: area.areaCode,
      provinceCode: area.provinceCode,
      cycleYear: dto.cycleYear,
      sessionDate: new Date(dto.sessionDate).toISOString(),
      members,
      chairId: dto.chairId,
      openedBy: actorLabelOf(call.actor),
      // The dossier lead time counts back from the session date, possibly into the year before.
      holidays: await this.holidays.sessionYears(area.provinceCode, [
        new Date(dto.sessionDate).getUTCFullYear() - 1,
        new Date(dto.sessionDate).getUTCFullYear(),
      ]),
      ...(dayLengthMs ? { dayLengthMs } : {}),
    };
    await this.workflows.start(
      { type: EVALUATION_SESSION_WORKFLOW, workflowId: evaluationSessionId(sessionId), input },
      sessionOpeningUpdate,
      call,
    );
    const row = await this.repository.findSession(sessionId);
    if (!row) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the session was opened but is not in the read model yet', sessionId });
    return this.toResponse(row, ruleSet);
  }

  async list(user: AuthUser, query: ListSessionsQuery): Promise<SessionResponse[]> {
    const rows = await this.repository.listSessions(scopeInProvince(scopeOf(user), query.province), {
      ...(query.cycleYear ? { cycleYear: Number(query.cycleYear) } : {}),
      ...(query.level ? { level: query.level } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    const ruleSets = new Map<string, RuleSetCode>();
    const responses: SessionResponse[] = [];
    for (const row of rows) {
      const key = `${row.province_code}:${row.cycle_year}`;
      if (!ruleSets.has(key)) ruleSets.set(key, await this.ruleSetFor(row.province_code, row.cycle_year));
      responses.push(this.toResponse(row, ruleSets.get(key)!));
    }
    return responses;
  }

  async detail(sessionId: string): Promise<SessionDetailResponse> {
    const row = await this.sessionRow(sessionId);
    const live = await this.workflows.query(evaluationSessionId(sessionId), sessionStateQuery);
    return { ...this.toResponse(row, await this.ruleSetFor(row.province_code, row.cycle_year)), live: live ? toStateResponse(live) : null };
  }

  async products(sessionId: string): Promise<SessionProductResponse[]> {
    const row = await this.sessionRow(sessionId);
    const [entered, cards] = await Promise.all([this.repository.enteredProducts(sessionId), this.repository.scorecards(sessionId)]);
    const memberName = (memberId: string) => row.members.find((m) => m.memberId === memberId)?.name ?? memberId;
    return entered.map((p) => {
      const ruleSet = p.rule_set && isRuleSetCode(p.rule_set) ? p.rule_set : undefined;
      const group = ruleSet && p.product_group ? findProductGroup(ruleSet, p.product_group) : undefined;
      return {
        productId: p.product_id,
        workflowId: p.workflow_id,
        name: p.name ?? p.entered_name,
        productGroup: p.product_group,
        productGroupName: group?.vi ?? null,
        districtCode: p.district_code,
        districtName: p.district_code ? (findOcopDistrict(p.district_code)?.vi ?? null) : null,
        organisationId: p.organisation_id,
        organisationName: p.organisation_name,
        stage: p.stage,
        enteredAt: new Date(p.entered_at).toISOString(),
        dossier:
          p.dossier && p.dossier_submitted_at
            ? {
                selfAssessment: p.dossier.selfAssessment ?? {},
                evidence: p.dossier.evidence ?? [],
                submittedAt: new Date(p.dossier_submitted_at).toISOString(),
              }
            : null,
        scorecards: cards
          .filter((c) => c.product_id === p.product_id)
          .map((c) => ({
            memberId: c.member_id,
            productId: c.product_id,
            parts: c.parts,
            total: c.total,
            revision: c.revision,
            memberName: memberName(c.member_id),
          })),
      };
    });
  }

  /** Puts a product of the session's area, waiting for a session at its level, on the agenda. */
  async enterProduct(sessionId: string, dto: EnterProductDto, call: CallContext): Promise<SessionStateResponse> {
    const session = await this.sessionRow(sessionId);
    const product = await this.repository.findProduct(dto.productId, session.cycle_year);
    if (!product) throw new OcopError('PRODUCT_NOT_FOUND', { field: 'productId', value: dto.productId, cycleYear: session.cycle_year });
    const inArea =
      session.level === 'district'
        ? product.district_code === session.area_code
        : session.level === 'province'
          ? product.province_code === session.area_code
          : true;
    if (!inArea)
      throw fieldRuleViolation('productId', 'isInSessionArea', `productId must be a product of the session’s area (${session.area_code})`);
    const expected = waitingStageFor(session.level as LevelName);
    if (product.stage !== expected) throw new OcopError('WRONG_STAGE', { field: 'productId', stage: product.stage, expected });
    await this.workflows.update(
      evaluationSessionId(sessionId),
      enterProductUpdate,
      { actor: actorOf(call.actor), product: { productId: product.product_id, workflowId: product.workflow_id, name: product.name } },
      call,
    );
    return toStateResponse(await this.liveState(sessionId));
  }

  /** The caller's scorecard (a new one, or a revision), and how far its total lies from the other members'. */
  async submitScorecard(sessionId: string, dto: SubmitScorecardDto, call: CallContext): Promise<ScorecardResultResponse> {
    const user = call.actor;
    const parts = { A: dto.parts.A, B: dto.parts.B, C: dto.parts.C };
    await this.workflows.update(
      evaluationSessionId(sessionId),
      submitScorecardUpdate,
      { actor: actorOf(user), memberId: user.userId, productId: dto.productId, parts },
      call,
    );
    const state = await this.liveState(sessionId);
    const card = state.scorecards.find((c) => c.memberId === user.userId && c.productId === dto.productId);
    const spread = spreadWarningFor(state.scorecards, dto.productId, user.userId, state.mustRevise);
    if (!card || !spread) throw new OcopError('INTERNAL', { reason: 'the session state lacks the scorecard it accepted' });
    return { scorecard: { ...card, parts: { ...card.parts } }, spread, session: toStateResponse(state) };
  }

  async close(sessionId: string, dto: CloseSessionDto, call: CallContext): Promise<SessionStateResponse> {
    await this.workflows.update(
      evaluationSessionId(sessionId),
      closeSessionUpdate,
      { actor: actorOf(call.actor), presentMemberIds: dto.presentMemberIds },
      call,
    );
    return toStateResponse(await this.liveState(sessionId));
  }

  /** The session's state after a step: the steps answer only with an acknowledgement, the state is the query's. */
  private async liveState(sessionId: string): Promise<SessionState> {
    const state = await this.workflows.query(evaluationSessionId(sessionId), sessionStateQuery);
    if (!state)
      throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the step was recorded; the session’s state could not be read', sessionId });
    return state;
  }

  private async sessionRow(sessionId: string): Promise<SessionRow> {
    const row = await this.repository.findSession(sessionId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'session', id: sessionId });
    return row;
  }

  /**
   * The rule set of the province's cycle of that year when the cycle is open, else the one in force that year. The
   * national central session (province `vn`) scores under the rule set of the year's cycles when they all agree.
   */
  private async ruleSetFor(provinceCode: string, cycleYear: number): Promise<RuleSetCode> {
    const { ruleSet } = await this.repository.cycleRules(provinceCode, cycleYear);
    return ruleSet ?? defaultRuleSetForYear(cycleYear);
  }

  private toResponse(row: SessionRow, ruleSet: RuleSetCode): SessionResponse {
    return {
      id: row.session_id,
      workflowId: evaluationSessionId(row.session_id),
      level: row.level as SessionLevel,
      areaCode: row.area_code,
      provinceCode: row.province_code,
      cycleYear: row.cycle_year,
      ruleSet,
      scoringParts: scoringParts(ruleSet),
      sessionDate: new Date(row.session_date).toISOString(),
      status: row.status,
      chairId: row.chair_id,
      members: row.members.map((m) => ({ memberId: m.memberId, name: m.name ?? m.memberId })),
      openedBy: row.opened_by,
      productsEntered: row.products_entered,
      productsScored: row.products_scored,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}

function toStateResponse(state: SessionState): SessionStateResponse {
  return {
    status: state.status,
    products: state.products.map((p) => ({ productId: p.productId, workflowId: p.workflowId, name: p.name })),
    scorecards: state.scorecards.map((c) => ({
      memberId: c.memberId,
      productId: c.productId,
      parts: { ...c.parts },
      total: c.total,
      revision: c.revision,
    })),
    mustRevise: state.mustRevise,
    results: state.results.map((r) => ({
      productId: r.productId,
      outcome: r.outcome,
      ...(r.mean !== undefined ? { mean: r.mean } : {}),
      ...(r.stars !== undefined ? { stars: r.stars } : {}),
    })),
    lastEventSeq: state.lastEventSeq,
    ...(state.scoringOpensAt ? { scoringOpensAt: state.scoringOpensAt } : {}),
    ...(state.latestDossierDate ? { latestDossierDate: state.latestDossierDate } : {}),
  };
}
