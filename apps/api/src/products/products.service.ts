import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { Environment } from '@ocop/config';
import {
  checkDossierUpdate,
  ideaSubmissionUpdate,
  JourneyState,
  journeyStateQuery,
  parseProductJourneyId,
  PRODUCT_JOURNEY_WORKFLOW,
  ProductJourneyInput,
  productJourneyId,
  reviewIdeaUpdate,
  reviseIdeaUpdate,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  TERMINAL_STAGES,
  withdrawUpdate,
  type Actor,
  type AgencyContacts,
} from '@ocop/contracts';
import { defaultRuleSetForYear, findDistrict, findProductGroup, isPlausibleCycleYear, OcopError, type PartCode, type RuleSetCode } from '@ocop/domain';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { AccessService } from '../auth/access.service';
import { DocumentsService } from '../documents/documents.service';
import { deterministicUuid } from '../common/deterministic-id';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { WorkflowCalls } from '../common/workflow-calls';
import { BusinessPlanDto, DossierCheckDto, DossierDto, ReviewIdeaDto, ReviseIdeaDto, WithdrawDto } from './dto/product-actions.dto';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductDetailResponse, ProductPageResponse, ProductSummaryResponse, TimelineResponse } from './dto/product.response';
import { SubmitIdeaDto } from './dto/submit-idea.dto';
import { ProductRow, ProductsRepository } from './products.repository';

const DEFAULT_PAGE = 50;


@Injectable()
export class ProductsService {
  constructor(
    private readonly workflows: WorkflowCalls,
    private readonly repository: ProductsRepository,
    private readonly access: AccessService,
    private readonly config: ConfigService<Environment, true>,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * Checks the idea against the reference data and the cycle, then starts the product's journey and waits until it
   * has recorded IdeaSubmitted. Nothing is written and nothing starts when a check fails. A journey takes the rule
   * set, calendar and day length of its province's cycle when the cycle is open; otherwise the year's defaults.
   */
  async submitIdea(dto: SubmitIdeaDto, user: AuthUser, request: IdempotentRequest): Promise<ProductSummaryResponse> {
    if (user.role === 'producer' && user.organisationId !== dto.organisationId) {
      throw new OcopError('ACCESS_DENIED', { field: 'organisationId', rule: 'a producer submits ideas for its own organisation' });
    }
    if (!isPlausibleCycleYear(dto.cycleYear, new Date())) throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'cycleYear', value: dto.cycleYear });
    const district = findDistrict(dto.district);
    if (!district) throw new OcopError('UNKNOWN_DISTRICT', { field: 'district', value: dto.district });
    const cycle = await this.repository.findCycle(district.provinceCode, dto.cycleYear);
    const ruleSet = (cycle?.ruleSet as RuleSetCode | undefined) ?? defaultRuleSetForYear(dto.cycleYear);
    if (!findProductGroup(ruleSet, dto.productGroup)) throw new OcopError('UNKNOWN_PRODUCT_GROUP', { field: 'productGroup', value: dto.productGroup, ruleSet });
    if (!(await this.repository.organisationExists(dto.organisationId))) throw new OcopError('UNKNOWN_ORGANISATION', { field: 'organisationId', value: dto.organisationId });

    // A retried request (same Idempotency-Key) derives the same product id, hence the same workflow id.
    const productId = request.idempotencyScope ? deterministicUuid('ocop-flow:product', request.idempotencyScope) : randomUUID();
    const input: ProductJourneyInput = {
      productId,
      organisationId: dto.organisationId,
      name: dto.name,
      productGroup: dto.productGroup,
      districtCode: district.code,
      provinceCode: district.provinceCode,
      cycleYear: dto.cycleYear,
      ruleSet,
      submittedBy: actorLabelOf(user),
      submittedAt: new Date().toISOString(),
      ...(cycle ? { calendar: cycle.calendar } : {}),
      ...(cycle?.dayLengthMs ? { dayLengthMs: cycle.dayLengthMs } : {}),
      ...this.agencyContacts(district.provinceCode),
    };
    const workflowId = productJourneyId(productId, dto.cycleYear);
    const state = await this.workflows.call(() =>
      this.workflows.client.workflow.executeUpdateWithStart(ideaSubmissionUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(PRODUCT_JOURNEY_WORKFLOW, {
          workflowId,
          taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      }),
    );
    // The journey answered once IdeaSubmitted was recorded with the read model: answer with the row a GET gives.
    const row = await this.repository.findProduct(productId, dto.cycleYear);
    if (!row) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the idea was accepted but is not in the read model yet' });
    return { ...toSummary(row), stage: state.stage };
  }

  async list(query: ListProductsQuery, user: AuthUser): Promise<ProductPageResponse> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.repository.list(query, this.access.scopeOf(user), limit, query.cursor ? decodeCursor(query.cursor) : undefined);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  async detail(productId: string, cycleYear?: number): Promise<ProductDetailResponse> {
    const product = await this.requireProduct(productId, cycleYear);
    return { ...toSummary(product), live: await this.workflows.query(product.workflow_id, journeyStateQuery) };
  }

  async timeline(productId: string, cycleYear?: number): Promise<TimelineResponse> {
    const product = await this.requireProduct(productId, cycleYear);
    const events = await this.repository.timeline(product.workflow_id);
    return {
      productId,
      cycleYear: product.cycle_year,
      workflowId: product.workflow_id,
      events: events.map((e) => {
        const [role = e.actor, userId] = e.actor.split(':');
        return {
          seq: e.stream_seq,
          type: e.type,
          at: new Date(e.occurred_at).toISOString(),
          actor: { label: e.actor, role, ...(e.actor_name && userId ? { userId, name: e.actor_name } : {}) },
          payload: e.payload,
        };
      }),
    };
  }

  review(productId: string, dto: ReviewIdeaDto, user: AuthUser, request: IdempotentRequest) {
    return this.step(productId, reviewIdeaUpdate, { decision: dto.decision, ...(dto.reason ? { reason: dto.reason } : {}), ...(dto.dueAt ? { dueAt: new Date(dto.dueAt).toISOString() } : {}) }, user, request);
  }

  revise(productId: string, dto: ReviseIdeaDto, user: AuthUser, request: IdempotentRequest) {
    return this.step(productId, reviseIdeaUpdate, { ...(dto.name ? { name: dto.name } : {}), note: dto.note }, user, request);
  }

  submitBusinessPlan(productId: string, dto: BusinessPlanDto, user: AuthUser, request: IdempotentRequest) {
    return this.step(productId, submitBusinessPlanUpdate, { summary: dto.summary, ...(dto.documentUrl ? { documentUrl: dto.documentUrl } : {}) }, user, request);
  }

  /** The dossier goes to the journey only with every document its rule set requires of the group (DOSSIER_INCOMPLETE). */
  async submitDossier(productId: string, dto: DossierDto, user: AuthUser, request: IdempotentRequest) {
    await this.documents.requireCompleteDossier(productId);
    return this.step(productId, submitDossierUpdate, { selfAssessment: dto.selfAssessment as Record<PartCode, number>, evidence: dto.evidence as readonly string[] }, user, request);
  }

  checkDossier(productId: string, dto: DossierCheckDto, user: AuthUser, request: IdempotentRequest) {
    return this.step(productId, checkDossierUpdate, { passed: dto.passed, ...(dto.reason ? { reason: dto.reason } : {}) }, user, request);
  }

  withdraw(productId: string, dto: WithdrawDto, user: AuthUser, request: IdempotentRequest) {
    return this.step(productId, withdrawUpdate, { reason: dto.reason }, user, request);
  }

  /** Sends the step to the product's journey in its latest cycle; the journey validates it (stage, deadline, actor). */
  private async step<Req extends { readonly actor: Actor }>(productId: string, update: UpdateDefinition<JourneyState, [Req]>, body: Omit<Req, 'actor'>, user: AuthUser, request: IdempotentRequest): Promise<ProductDetailResponse> {
    const product = await this.requireProduct(productId);
    if ((TERMINAL_STAGES as readonly string[]).includes(product.stage)) throw new OcopError('WRONG_STAGE', { stage: product.stage });
    const live = await this.workflows.update(product.workflow_id, update, { ...body, actor: actorOf(user) } as Req, request);
    const after = (await this.repository.findProduct(productId, product.cycle_year)) ?? product;
    return { ...toSummary(after), stage: live.stage, live };
  }

  /** The province's agencies with their webhooks, when configured; else the journey's defaults (in-app inbox). */
  private agencyContacts(provinceCode: string): { agencies?: AgencyContacts } {
    const labWebhookUrl = this.config.get('LAB_WEBHOOK_URL', { infer: true });
    const inspectorWebhookUrl = this.config.get('INSPECTOR_WEBHOOK_URL', { infer: true });
    if (!labWebhookUrl && !inspectorWebhookUrl) return {};
    return {
      agencies: {
        labId: `lab:${provinceCode}`,
        inspectorId: `inspector:${provinceCode}`,
        ...(labWebhookUrl ? { labWebhookUrl } : {}),
        ...(inspectorWebhookUrl ? { inspectorWebhookUrl } : {}),
      },
    };
  }

  private async requireProduct(productId: string, cycleYear?: number): Promise<ProductRow> {
    const product = await this.repository.findProduct(productId, cycleYear);
    if (!product) throw new OcopError('PRODUCT_NOT_FOUND', { field: 'id', value: productId, ...(cycleYear ? { cycleYear } : {}) });
    return product;
  }
}

function toSummary(p: ProductRow): ProductSummaryResponse {
  const dueAt = p.due_at ? new Date(p.due_at) : undefined;
  const terminal = (TERMINAL_STAGES as readonly string[]).includes(p.stage);
  return {
    id: p.product_id,
    organisationId: p.organisation_id,
    ...(p.organisation_name ? { organisationName: p.organisation_name } : {}),
    name: p.name,
    productGroup: p.product_group,
    province: p.province_code,
    district: p.district_code,
    cycleYear: p.cycle_year,
    ruleSet: p.rule_set,
    stage: p.stage,
    workflowId: p.workflow_id,
    submittedAt: new Date(p.submitted_at).toISOString(),
    ...(p.stars !== null ? { stars: p.stars } : {}),
    ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
    overdue: !terminal && !!dueAt && dueAt.getTime() < Date.now(),
    ...(p.certificate_no ? { certificateNo: p.certificate_no } : {}),
    ...(p.session_id ? { sessionId: p.session_id } : {}),
    ...(p.reason ? { reason: p.reason } : {}),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

function encodeCursor(row: ProductRow): string {
  return Buffer.from(JSON.stringify([new Date(row.submitted_at).toISOString(), row.workflow_id])).toString('base64url');
}

/**
 * Only what encodeCursor writes gets through: an ISO instant that reads back as itself and a product journey's
 * workflow id. Anything looser ("1", a date PostgreSQL reads differently) would reach SQL as a timestamp.
 */
function decodeCursor(cursor: string): { submittedAt: string; workflowId: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [submittedAt, workflowId] = Array.isArray(decoded) && decoded.length === 2 ? decoded : [];
    if (
      typeof submittedAt === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(submittedAt) &&
      new Date(submittedAt).toISOString() === submittedAt &&
      typeof workflowId === 'string' &&
      parseProductJourneyId(workflowId) !== undefined &&
      workflowId.length <= 200
    ) {
      return { submittedAt, workflowId };
    }
  } catch {
    // fall through to the coded error
  }
  throw new OcopError('VALIDATION_FAILED', { field: 'cursor', rule: 'a nextCursor returned by this endpoint' });
}
