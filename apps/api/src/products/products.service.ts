import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UpdateDefinition } from '@temporalio/common';
import {
  annualCycleId,
  certificateLifecycleId,
  checkDossierUpdate,
  cycleProgressQuery,
  ideaSubmissionUpdate,
  JourneyStepAck,
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
import type { Environment } from '@ocop/config';
import {
  defaultRuleSetForYear,
  findProductGroup,
  isPlausibleCycleYear,
  OcopError,
  searchKey,
  takesIdeas,
  type PartCode,
  type RuleSetCode,
} from '@ocop/domain';
import { areaLevelOf, findCommune, findOcopDistrict } from '@ocop/admin-map';
import { cycleDistrictOf, cycleOpensOn, cycleProvinceOf } from '@ocop/admin-areas';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { scopeInProvince, scopeOf } from '../auth/access.policy';
import { CallContext, idFor } from '../common/call-context';
import { pageOf } from '../common/paging';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowClient } from '../common/workflow-client';
import { DocumentsService } from '../documents/documents.service';
import { BusinessPlanDto, DossierCheckDto, DossierDto, ReviewIdeaDto, ReviseIdeaDto, WithdrawDto } from './dto/product-actions.dto';
import { ListProductsQuery, PRODUCT_PAGE } from './dto/list-products.query';
import {
  ProductDetailResponse,
  ProductPageResponse,
  ProductSummaryResponse,
  TimelineEntry,
  TimelineWithHistoryResponse,
} from './dto/product.response';
import { SubmitIdeaDto } from './dto/submit-idea.dto';
import { weave } from './timeline';
import {
  PRODUCT_SORTS,
  ProductRow,
  ProductsRepository,
  sortKeyOf,
  type OpenCycle,
  type ProductCursor,
  type ProductSort,
  type TimelineRow,
} from './products.repository';

/** A name claim whose journey never started (a crash between the claim and the start) frees after this long. */
const NAME_CLAIM_STALE_MS = 5 * 60_000;

@Injectable()
export class ProductsService {
  constructor(
    private readonly workflows: WorkflowClient,
    private readonly repository: ProductsRepository,
    private readonly config: ConfigService<Environment, true>,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * Checks the idea against the reference data and the cycle, then starts the product's journey and waits until it
   * has recorded IdeaSubmitted. Nothing is written and nothing starts when a check fails. A journey takes the rule
   * set, calendar and day length of its province's cycle when the cycle is open; otherwise the year's defaults.
   */
  async submitIdea(dto: SubmitIdeaDto, call: CallContext): Promise<ProductSummaryResponse> {
    if (!isPlausibleCycleYear(dto.cycleYear, new Date()))
      throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'cycleYear', value: dto.cycleYear });
    if (dto.district !== undefined && !findOcopDistrict(dto.district))
      throw new OcopError('UNKNOWN_DISTRICT', { field: 'district', value: dto.district });
    const organisation = await this.repository.findOrganisation(dto.organisationId);
    if (!organisation) throw new OcopError('UNKNOWN_ORGANISATION', { field: 'organisationId', value: dto.organisationId });
    // A product is made where its organisation is registered: its district is the organisation's.
    if (dto.district !== undefined && dto.district !== organisation.districtCode)
      throw fieldRuleViolation(
        'district',
        'isOrganisationDistrict',
        `district must be the organisation’s district (${organisation.districtCode}), or left out to take it`,
      );
    if (!findOcopDistrict(organisation.districtCode))
      throw new OcopError('UNKNOWN_DISTRICT', { field: 'district', value: organisation.districtCode });
    // On the 2025 map an organisation takes part where its commune is (a Bắc Hà organisation in the new Lào Cai).
    const provinceCode = cycleProvinceOf(organisation, dto.cycleYear);
    const cycle = await this.repository.findCycle(provinceCode, dto.cycleYear);
    await this.requireIdeaWindow(cycle, provinceCode, dto);
    const ruleSet = (cycle?.ruleSet as RuleSetCode | undefined) ?? defaultRuleSetForYear(dto.cycleYear);
    if (!findProductGroup(ruleSet, dto.productGroup))
      throw new OcopError('UNKNOWN_PRODUCT_GROUP', { field: 'productGroup', value: dto.productGroup, ruleSet });
    // A commune cycle's products carry their commune: its officer checks the dossier and sees the product.
    const communeCode =
      areaLevelOf(ruleSet, cycleOpensOn(dto.cycleYear)) === 'commune' && organisation.communeCode ? organisation.communeCode : undefined;

    // A retried request (same Idempotency-Key) derives the same product id, hence the same workflow id; a
    // re-evaluation keeps the certified product's id, so its journeys of every cycle are one product's.
    const productId = dto.previousCertificateNo
      ? await this.reevaluatedProduct(dto.previousCertificateNo, dto.organisationId)
      : idFor(call, 'product');
    // One name per organisation and cycle (folded: case, diacritics and spaces aside), claimed before the journey starts.
    const nameKey = searchKey(dto.name);
    const holder = await this.repository.claimName(dto.organisationId, dto.cycleYear, nameKey, productId, NAME_CLAIM_STALE_MS);
    if (holder !== productId)
      throw new OcopError('ALREADY_EXISTS', {
        resource: 'product',
        field: 'name',
        rule: 'one product of this name per organisation and cycle',
        productId: holder,
      });
    const input: ProductJourneyInput = {
      productId,
      organisationId: dto.organisationId,
      name: dto.name,
      productGroup: dto.productGroup,
      districtCode: cycleDistrictOf(organisation, provinceCode),
      provinceCode,
      ...(communeCode ? { communeCode } : {}),
      ...(dto.previousCertificateNo ? { previousCertificateNo: dto.previousCertificateNo } : {}),
      cycleYear: dto.cycleYear,
      ruleSet,
      submittedBy: actorLabelOf(call.actor),
      submittedAt: new Date().toISOString(),
      ...(cycle ? { calendar: cycle.calendar } : {}),
      ...(cycle?.dayLengthMs ? { dayLengthMs: cycle.dayLengthMs } : {}),
      ...this.agencyContacts(provinceCode),
    };
    const start = { type: PRODUCT_JOURNEY_WORKFLOW, workflowId: productJourneyId(productId, dto.cycleYear), input };
    let state: JourneyStepAck;
    try {
      state = await this.workflows.start(start, ideaSubmissionUpdate, call);
    } catch (error) {
      // A refused or failed start leaves the name free again, unless the journey runs after all (a lost answer).
      if (!(await this.repository.findProduct(productId, dto.cycleYear)))
        await this.repository.releaseName(dto.organisationId, dto.cycleYear, nameKey, productId).catch(() => undefined);
      throw error;
    }
    // The journey answered once IdeaSubmitted was recorded with the read model: answer with the row a GET gives.
    const row = await this.repository.findProduct(productId, dto.cycleYear);
    if (!row) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the idea was accepted but is not in the read model yet' });
    return { ...toSummary(row), stage: state.stage };
  }

  /** The product a re-evaluation continues: the certificate's, which must be the organisation's (400 naming the field otherwise). */
  private async reevaluatedProduct(certificateNo: string, organisationId: string): Promise<string> {
    const certificate = await this.repository.findCertificate(certificateNo);
    if (!certificate) throw new OcopError('UNKNOWN_CERTIFICATE', { field: 'previousCertificateNo', value: certificateNo });
    if (certificate.organisationId !== organisationId)
      throw fieldRuleViolation(
        'previousCertificateNo',
        'isOrganisationCertificate',
        'previousCertificateNo must be a certificate of the organisation',
      );
    return certificate.productId;
  }

  /**
   * Ideas go to an open cycle of the province, through the local day (Vietnam time) its idea window closes on;
   * later only from an organisation a coordinator of its area opened a late entry for (CYCLE_NOT_OPEN otherwise).
   */
  private async requireIdeaWindow(cycle: OpenCycle | undefined, provinceCode: string, dto: SubmitIdeaDto): Promise<void> {
    if (!cycle) throw new OcopError('CYCLE_NOT_OPEN', { field: 'cycleYear', provinceCode, cycleYear: dto.cycleYear, reason: 'no cycle' });
    const closesAt = cycle.calendar.ideaWindowClosesAt;
    const now = new Date();
    if (takesIdeas(closesAt, now)) return;
    const live = await this.workflows.query(annualCycleId(provinceCode, dto.cycleYear), cycleProgressQuery);
    if (!live) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the cycle’s late entries could not be read' });
    const lateUntil = live.lateEntries?.[dto.organisationId];
    if (!takesIdeas(closesAt, now, lateUntil))
      throw new OcopError('CYCLE_NOT_OPEN', {
        field: 'cycleYear',
        provinceCode,
        cycleYear: dto.cycleYear,
        reason: 'idea window closed',
        ideaWindowClosesAt: closesAt,
        ...(lateUntil ? { lateEntryEnded: lateUntil } : {}),
      });
  }

  async list(query: ListProductsQuery, user: AuthUser): Promise<ProductPageResponse> {
    const limit = pageOf(query, PRODUCT_PAGE).limit;
    const sort = query.sort ?? 'newest';
    const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
    const { rows, total } = await this.repository.list(query, scopeInProvince(scopeOf(user), query.province), limit, sort, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      total,
      ...(rows.length > limit && last ? { nextCursor: encodeCursor(last, sort) } : {}),
    };
  }

  async detail(productId: string, cycleYear?: number): Promise<ProductDetailResponse> {
    const product = await this.requireProduct(productId, cycleYear);
    return { ...toSummary(product), live: await this.workflows.query(product.workflow_id, journeyStateQuery) };
  }

  /**
   * The journey's events in order, with the scorecards of its sessions woven in where they happened (each names the
   * member who sent it): who scored what, beside the council's result. `seq` is the entry's place in the timeline;
   * `streamId`/`streamSeq` say where the event is in the log.
   */
  async timeline(productId: string, cycleYear?: number): Promise<TimelineWithHistoryResponse> {
    const product = await this.requireProduct(productId, cycleYear);
    const [events, others] = await Promise.all([
      this.journeyEvents(product.product_id, product.cycle_year, product.workflow_id),
      this.repository.otherJourneys(product.product_id, product.cycle_year),
    ]);
    // A re-evaluated product's history: each other cycle's journey, and the certificate it earned there.
    const otherCycles = await Promise.all(
      others.map(async (other) => {
        const journey = await this.journeyEvents(product.product_id, other.cycle_year, other.workflow_id);
        const issued = journey.find((e) => e.type === 'CertificateIssued');
        const certificateNo = typeof issued?.payload?.certificateNo === 'string' ? issued.payload.certificateNo : undefined;
        const certificate = certificateNo ? await this.repository.timeline(certificateLifecycleId(certificateNo)) : [];
        return {
          cycleYear: other.cycle_year,
          province: other.province_code,
          workflowId: other.workflow_id,
          events: [...journey, ...certificate.map(toEntry)].map((e, i) => ({ ...e, seq: i + 1 })),
        };
      }),
    );
    return { productId, cycleYear: product.cycle_year, workflowId: product.workflow_id, events, otherCycles };
  }

  /** One journey's events with the scorecards of its sessions woven in, numbered in order. */
  private async journeyEvents(productId: string, cycleYear: number, workflowId: string): Promise<TimelineEntry[]> {
    const [events, scorecards] = await Promise.all([
      this.repository.timeline(workflowId),
      this.repository.scorecards(productId, cycleYear),
    ]);
    return weave(events, scorecards).map((e, i) => ({ ...toEntry(e), seq: i + 1 }));
  }

  review(productId: string, dto: ReviewIdeaDto, call: CallContext) {
    return this.step(
      productId,
      reviewIdeaUpdate,
      {
        decision: dto.decision,
        ...(dto.reason ? { reason: dto.reason } : {}),
        ...(dto.dueAt ? { dueAt: new Date(dto.dueAt).toISOString() } : {}),
      },
      call,
    );
  }

  /**
   * A revision may rename the idea: the new name passes the rule a submission passes (one product of a folded name per
   * organisation and cycle), claimed before the journey hears of it; the old name is given back once the journey took
   * the new one, the new one if it refused.
   */
  async revise(productId: string, dto: ReviseIdeaDto, call: CallContext) {
    const body = { ...(dto.name ? { name: dto.name } : {}), note: dto.note };
    const product = dto.name ? await this.requireProduct(productId) : undefined;
    if (!product || !dto.name || searchKey(dto.name) === searchKey(product.name)) return this.step(productId, reviseIdeaUpdate, body, call);
    const [oldKey, newKey] = [searchKey(product.name), searchKey(dto.name)];
    const { organisation_id: organisationId, cycle_year: cycleYear } = product;
    const holder = await this.repository.claimName(organisationId, cycleYear, newKey, productId, NAME_CLAIM_STALE_MS);
    if (holder !== productId)
      throw new OcopError('ALREADY_EXISTS', {
        resource: 'product',
        field: 'name',
        rule: 'one product of this name per organisation and cycle',
        productId: holder,
      });
    let revised: ProductDetailResponse;
    try {
      revised = await this.step(productId, reviseIdeaUpdate, body, call);
    } catch (error) {
      // Refused (stage, deadline, actor) or lost: the new name is free again unless the journey took it after all.
      const now = await this.repository.findProduct(productId, cycleYear);
      if (now && searchKey(now.name) !== newKey)
        await this.repository.releaseName(organisationId, cycleYear, newKey, productId).catch(() => undefined);
      throw error;
    }
    if (searchKey(revised.name) === newKey) await this.repository.releaseName(organisationId, cycleYear, oldKey, productId);
    return revised;
  }

  submitBusinessPlan(productId: string, dto: BusinessPlanDto, call: CallContext) {
    return this.step(
      productId,
      submitBusinessPlanUpdate,
      { summary: dto.summary, ...(dto.documentUrl ? { documentUrl: dto.documentUrl } : {}) },
      call,
    );
  }

  /** The dossier goes to the journey only with every document its rule set requires of the group (DOSSIER_INCOMPLETE). */
  async submitDossier(productId: string, dto: DossierDto, call: CallContext) {
    await this.documents.requireCompleteDossier(productId);
    return this.step(
      productId,
      submitDossierUpdate,
      { selfAssessment: dto.selfAssessment as Record<PartCode, number>, evidence: dto.evidence as readonly string[] },
      call,
    );
  }

  checkDossier(productId: string, dto: DossierCheckDto, call: CallContext) {
    return this.step(productId, checkDossierUpdate, { passed: dto.passed, ...(dto.reason ? { reason: dto.reason } : {}) }, call);
  }

  withdraw(productId: string, dto: WithdrawDto, call: CallContext) {
    return this.step(productId, withdrawUpdate, { reason: dto.reason }, call);
  }

  /** Sends the step to the product's journey in its latest cycle; the journey validates it (stage, deadline, actor). */
  private async step<Req extends { readonly actor: Actor }>(
    productId: string,
    update: UpdateDefinition<JourneyStepAck, [Req]>,
    body: Omit<Req, 'actor'>,
    call: CallContext,
  ): Promise<ProductDetailResponse> {
    const product = await this.requireProduct(productId);
    if ((TERMINAL_STAGES as readonly string[]).includes(product.stage)) throw new OcopError('WRONG_STAGE', { stage: product.stage });
    const ack = await this.workflows.update(product.workflow_id, update, { ...body, actor: actorOf(call.actor) } as Req, call);
    // The step answers only where it left the journey; the live state a GET shows is the journey's query.
    const [after, live] = await Promise.all([
      this.repository.findProduct(productId, product.cycle_year),
      this.workflows.query(product.workflow_id, journeyStateQuery),
    ]);
    return { ...toSummary(after ?? product), stage: ack.stage, live };
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

/** A log event as a timeline entry (its `seq` set by the caller): the actor split into role and user, with the user's name. */
function toEntry(e: TimelineRow): TimelineEntry {
  const [role = e.actor, userId] = e.actor.split(':');
  return {
    seq: 0,
    streamId: e.stream_id,
    streamSeq: e.stream_seq,
    type: e.type,
    at: new Date(e.occurred_at).toISOString(),
    actor: { label: e.actor, role, ...(e.actor_name && userId ? { userId, name: e.actor_name } : {}) },
    payload: e.payload,
  };
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
    ...(p.commune_code ? { commune: p.commune_code, communeName: findCommune(p.commune_code)?.vi ?? p.commune_code } : {}),
    ...(p.previous_certificate_no ? { previousCertificateNo: p.previous_certificate_no } : {}),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

function encodeCursor(row: ProductRow, sort: ProductSort): string {
  return Buffer.from(JSON.stringify([sort, sortKeyOf(row, sort), row.workflow_id])).toString('base64url');
}

/**
 * A cursor belongs to one order (reused with another it would skip or repeat rows), and only what encodeCursor
 * writes gets through: the order, a key of that order (an ISO instant that reads back as itself, "infinity" for a
 * product without a deadline, or a name) and a product journey's workflow id. Anything looser would reach SQL.
 */
function decodeCursor(cursor: string, sort: ProductSort): ProductCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [cursorSort, key, workflowId] = Array.isArray(decoded) && decoded.length === 3 ? decoded : [];
    const isInstant = (k: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(k) && new Date(k).toISOString() === k;
    const validKey =
      typeof key === 'string' && (sort === 'name' ? key.length <= 400 : isInstant(key) || (sort === 'due' && key === 'infinity'));
    if (
      cursorSort === sort &&
      (PRODUCT_SORTS as readonly unknown[]).includes(cursorSort) &&
      validKey &&
      typeof workflowId === 'string' &&
      parseProductJourneyId(workflowId) !== undefined &&
      workflowId.length <= 200
    ) {
      return { sort, key, workflowId };
    }
  } catch {
    // fall through to the coded error
  }
  throw new OcopError('VALIDATION_FAILED', { field: 'cursor', rule: 'a nextCursor returned by this endpoint for the same sort' });
}
