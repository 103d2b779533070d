import { HolidaysService } from '../calendars/holidays.service';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { Environment } from '@ocop/config';
import {
  closeSessionUpdate,
  enterProductUpdate,
  EVALUATION_SESSION_WORKFLOW,
  EvaluationSessionInput,
  evaluationSessionId,
  SessionState,
  sessionStateQuery,
  submitScorecardUpdate,
} from '@ocop/contracts';
import { defaultRuleSetForYear, findDistrict, findProductGroup, isPlausibleCycleYear, isRuleSetCode, OcopError, type RuleSetCode } from '@ocop/domain';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { AccessService } from '../auth/access.service';
import { deterministicUuid } from '../common/deterministic-id';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowCalls } from '../common/workflow-calls';
import { CloseSessionDto, EnterProductDto, SubmitScorecardDto } from './dto/session-actions.dto';
import { CreateSessionDto, ListSessionsQuery } from './dto/create-session.dto';
import {
  ScorecardResultResponse,
  SessionDetailResponse,
  SessionProductResponse,
  SessionResponse,
  SessionStateResponse,
} from './dto/session.response';
import { isAreaProblem, mayOpenSession, resolveSessionArea, ruleSetScoresAt, scoringParts, SessionLevel, spreadWarningFor } from './session-rules';
import { SessionRow, SessionsRepository } from './sessions.repository';

/** How long POST /sessions waits for the read model to show the new session, and how often it looks. */
const READ_MODEL_WAIT_MS = 10_000;
const READ_MODEL_POLL_MS = 100;

@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly calls: WorkflowCalls,
    private readonly access: AccessService,
    private readonly config: ConfigService<Environment, true>,
    private readonly holidays: HolidaysService,
  ) {}

  /**
   * Checks the session against the reference data, the caller's binding and the users, starts its workflow and
   * answers once the session is in the read model (so a following GET agrees). Nothing starts when a check fails.
   */
  async create(dto: CreateSessionDto, user: AuthUser, request: IdempotentRequest): Promise<SessionResponse> {
    if (dto.level !== 'central' && dto.provinceCode !== undefined) throw fieldRuleViolation('provinceCode', 'isEmpty', 'provinceCode is for central sessions only (the area names the province otherwise)');
    const area = resolveSessionArea(dto.level, dto.areaCode, dto.provinceCode);
    if (isAreaProblem(area)) {
      if (area.code === 'UNKNOWN_DISTRICT') throw new OcopError('UNKNOWN_DISTRICT', { field: area.field, value: dto.areaCode });
      throw fieldRuleViolation(area.field, area.rule, area.message);
    }
    if (!mayOpenSession(user, area)) {
      throw new OcopError('ACCESS_DENIED', {
        role: user.role,
        rule: 'district coordinator: district sessions of its district; provincial coordinator: province sessions of its province and district sessions within it; admin: any',
      });
    }
    if (!isPlausibleCycleYear(dto.cycleYear, new Date())) throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'cycleYear', value: dto.cycleYear });
    const ruleSet = await this.ruleSetFor(area.provinceCode, dto.cycleYear);
    if (!ruleSetScoresAt(ruleSet, area.level)) {
      throw fieldRuleViolation('level', 'isScoringLevel', `level ${area.level} has no council under ${ruleSet}, the rule set of the ${dto.cycleYear} cycle`);
    }

    const users = await this.repository.usersByIds(dto.memberIds);
    const invalid = dto.memberIds.filter((id) => !users.some((u) => u.userId === id && u.role === 'council_member' && !u.disabled));
    if (invalid.length > 0) throw fieldRuleViolation('memberIds', 'isCouncilMember', `memberIds must name active council_member users; not one: ${invalid.join(', ')}`);
    const members = dto.memberIds.map((memberId) => ({ memberId, name: users.find((u) => u.userId === memberId)!.displayName }));

    // A retried request (same Idempotency-Key) derives the same session id, hence the same workflow id.
    const sessionId = request.idempotencyScope ? deterministicUuid('ocop-flow:session', request.idempotencyScope) : randomUUID();
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
      openedBy: actorLabelOf(user),
      // The dossier lead time counts back from the session date, possibly into the year before.
      holidays: await this.holidays.provinceYears([new Date(dto.sessionDate).getUTCFullYear() - 1, new Date(dto.sessionDate).getUTCFullYear()]),
    };
    await this.calls.call(() =>
      this.calls.client.workflow.start(EVALUATION_SESSION_WORKFLOW, {
        workflowId: evaluationSessionId(sessionId),
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    );
    return this.toResponse(await this.awaitReadModel(sessionId), ruleSet);
  }

  async list(user: AuthUser, query: ListSessionsQuery): Promise<SessionResponse[]> {
    const rows = await this.repository.listSessions(this.access.scopeOf(user), {
      ...(query.cycleYear ? { cycleYear: Number(query.cycleYear) } : {}),
      ...(query.level ? { level: query.level } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    const ruleSets = new Map<string, RuleSetCode>();
    const responses: SessionResponse[] = [];
    for (const row of rows) {
      const key = `${row.provinceCode}:${row.cycleYear}`;
      if (!ruleSets.has(key)) ruleSets.set(key, await this.ruleSetFor(row.provinceCode, row.cycleYear));
      responses.push(this.toResponse(row, ruleSets.get(key)!));
    }
    return responses;
  }

  async detail(sessionId: string): Promise<SessionDetailResponse> {
    const row = await this.sessionRow(sessionId);
    const live = await this.calls.query(evaluationSessionId(sessionId), sessionStateQuery);
    return { ...this.toResponse(row, await this.ruleSetFor(row.provinceCode, row.cycleYear)), live: live ? toStateResponse(live) : null };
  }

  async products(sessionId: string): Promise<SessionProductResponse[]> {
    const row = await this.sessionRow(sessionId);
    const [entered, cards] = await Promise.all([this.repository.enteredProducts(sessionId), this.repository.scorecards(sessionId)]);
    const memberName = (memberId: string) => row.members.find((m) => m.memberId === memberId)?.name ?? memberId;
    return entered.map((p) => {
      const ruleSet = p.ruleSet && isRuleSetCode(p.ruleSet) ? p.ruleSet : undefined;
      const group = ruleSet && p.productGroup ? findProductGroup(ruleSet, p.productGroup) : undefined;
      return {
        productId: p.productId,
        workflowId: p.workflowId,
        name: p.name ?? p.enteredName,
        productGroup: p.productGroup,
        productGroupName: group?.vi ?? null,
        districtCode: p.districtCode,
        districtName: p.districtCode ? (findDistrict(p.districtCode)?.vi ?? null) : null,
        organisationId: p.organisationId,
        organisationName: p.organisationName,
        stage: p.stage,
        enteredAt: new Date(p.enteredAt).toISOString(),
        dossier:
          p.dossier && p.dossierSubmittedAt
            ? { selfAssessment: p.dossier.selfAssessment ?? {}, evidence: p.dossier.evidence ?? [], submittedAt: new Date(p.dossierSubmittedAt).toISOString() }
            : null,
        scorecards: cards.filter((c) => c.productId === p.productId).map((c) => ({ ...c, memberName: memberName(c.memberId) })),
      };
    });
  }

  /** Puts a product of the session's area, waiting for a session at its level, on the agenda. */
  async enterProduct(sessionId: string, dto: EnterProductDto, user: AuthUser, request: IdempotentRequest): Promise<SessionStateResponse> {
    const session = await this.sessionRow(sessionId);
    const product = await this.repository.findProduct(dto.productId, session.cycleYear);
    if (!product) throw new OcopError('PRODUCT_NOT_FOUND', { field: 'productId', value: dto.productId, cycleYear: session.cycleYear });
    const inArea =
      session.level === 'district' ? product.districtCode === session.areaCode : session.level === 'province' ? product.provinceCode === session.areaCode : true;
    if (!inArea) throw fieldRuleViolation('productId', 'isInSessionArea', `productId must be a product of the session’s area (${session.areaCode})`);
    const expected = `awaiting_${session.level}_session`;
    if (product.stage !== expected) throw new OcopError('WRONG_STAGE', { field: 'productId', stage: product.stage, expected });
    const state = await this.calls.update(
      evaluationSessionId(sessionId),
      enterProductUpdate,
      { actor: actorOf(user), product: { productId: product.productId, workflowId: product.workflowId, name: product.name } },
      request,
    );
    return toStateResponse(state);
  }

  /** The caller's scorecard (a new one, or a revision), and how far its total lies from the other members'. */
  async submitScorecard(sessionId: string, dto: SubmitScorecardDto, user: AuthUser, request: IdempotentRequest): Promise<ScorecardResultResponse> {
    const parts = { A: dto.parts.A, B: dto.parts.B, C: dto.parts.C };
    const state = await this.calls.update(evaluationSessionId(sessionId), submitScorecardUpdate, { actor: actorOf(user), memberId: user.userId, productId: dto.productId, parts }, request);
    const card = state.scorecards.find((c) => c.memberId === user.userId && c.productId === dto.productId);
    const spread = spreadWarningFor(state.scorecards, dto.productId, user.userId, state.mustRevise);
    if (!card || !spread) throw new OcopError('INTERNAL', { reason: 'the session state lacks the scorecard it accepted' });
    return { scorecard: { ...card, parts: { ...card.parts } }, spread, session: toStateResponse(state) };
  }

  async close(sessionId: string, dto: CloseSessionDto, user: AuthUser, request: IdempotentRequest): Promise<SessionStateResponse> {
    const state = await this.calls.update(evaluationSessionId(sessionId), closeSessionUpdate, { actor: actorOf(user), presentMemberIds: dto.presentMemberIds }, request);
    return toStateResponse(state);
  }

  private async sessionRow(sessionId: string): Promise<SessionRow> {
    const row = await this.repository.findSession(sessionId);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'session', id: sessionId });
    return row;
  }

  /** The rule set of the province's cycle of that year when the cycle is open, else the one in force that year. */
  private async ruleSetFor(provinceCode: string, cycleYear: number): Promise<RuleSetCode> {
    return (await this.repository.cycleRuleSet(provinceCode, cycleYear)) ?? defaultRuleSetForYear(cycleYear);
  }

  private async awaitReadModel(sessionId: string): Promise<SessionRow> {
    const deadline = Date.now() + READ_MODEL_WAIT_MS;
    for (;;) {
      const row = await this.repository.findSession(sessionId);
      if (row) return row;
      if (Date.now() >= deadline) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the session started but is not in the read model yet; GET /sessions/:id shortly', sessionId });
      await new Promise((resolve) => setTimeout(resolve, READ_MODEL_POLL_MS));
    }
  }

  private toResponse(row: SessionRow, ruleSet: RuleSetCode): SessionResponse {
    return {
      id: row.sessionId,
      workflowId: evaluationSessionId(row.sessionId),
      level: row.level as SessionLevel,
      areaCode: row.areaCode,
      provinceCode: row.provinceCode,
      cycleYear: row.cycleYear,
      ruleSet,
      scoringParts: scoringParts(ruleSet),
      sessionDate: new Date(row.sessionDate).toISOString(),
      status: row.status,
      chairId: row.chairId,
      members: row.members.map((m) => ({ memberId: m.memberId, name: m.name ?? m.memberId })),
      openedBy: row.openedBy,
      productsEntered: row.productsEntered,
      productsScored: row.productsScored,
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }
}

function toStateResponse(state: SessionState): SessionStateResponse {
  return {
    status: state.status,
    products: state.products.map((p) => ({ productId: p.productId, workflowId: p.workflowId, name: p.name })),
    scorecards: state.scorecards.map((c) => ({ memberId: c.memberId, productId: c.productId, parts: { ...c.parts }, total: c.total, revision: c.revision })),
    mustRevise: state.mustRevise,
    results: state.results.map((r) => ({ productId: r.productId, outcome: r.outcome, ...(r.mean !== undefined ? { mean: r.mean } : {}), ...(r.stars !== undefined ? { stars: r.stars } : {}) })),
    lastEventSeq: state.lastEventSeq,
  };
}
