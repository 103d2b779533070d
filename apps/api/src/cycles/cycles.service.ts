import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Environment } from '@ocop/config';
import { ANNUAL_CYCLE_WORKFLOW, AnnualCycleInput, annualCycleId, cycleProgressQuery, moveDateUpdate } from '@ocop/contracts';
import { defaultRuleSetForYear, findDistrict, findProductGroup, isPlausibleCycleYear, isRuleSetCode, OcopError, PROVINCES } from '@ocop/domain';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { deterministicUuid } from '../common/deterministic-id';
import type { IdempotentRequest } from '../common/idempotency.interceptor';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowCalls } from '../common/workflow-calls';
import type { CycleRow } from './cycle-progress.repository';
import { CycleProgressService } from './cycle-progress.service';
import { calendarWithOverrides, defaultCycleTargets } from './cycle-setup';
import { CreateCycleDto, CycleProgressQuery, MoveDateDto } from './dto/create-cycle.dto';
import { CycleProgressResponse } from './dto/cycle-progress.response';
import { CycleDetailResponse, CycleResponse } from './dto/cycle.response';
import { CyclesRepository } from './cycles.repository';

/** How long POST /cycles waits for the cycle's CycleOpened to reach the read model, and how often it looks. */
const OPENED_WAIT_MS = 10_000;
const OPENED_POLL_MS = 100;

@Injectable()
export class CyclesService {
  constructor(
    private readonly repository: CyclesRepository,
    private readonly progressService: CycleProgressService,
    private readonly calls: WorkflowCalls,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Opens a province-year: checks the request, starts the annual cycle workflow (which records CycleOpened) and
   * returns the cycle once the read model has it. A retry with the same Idempotency-Key that finds the cycle its
   * first attempt started answers as the first attempt would have.
   */
  async create(dto: CreateCycleDto, user: AuthUser, request: IdempotentRequest): Promise<CycleResponse> {
    const province = PROVINCES.find((p) => p.code === dto.provinceCode);
    if (!province) throw fieldRuleViolation('provinceCode', 'isKnownProvince', `provinceCode must be a known province (${PROVINCES.map((p) => p.code).join(', ')})`);
    if (user.role !== 'admin' && user.provinceCode !== province.code) {
      throw new OcopError('ACCESS_DENIED', { field: 'provinceCode', rule: 'a provincial coordinator opens cycles of its own province only', role: user.role });
    }
    if (dto.dayLengthMs !== undefined && user.role !== 'admin') {
      throw new OcopError('ACCESS_DENIED', { field: 'dayLengthMs', rule: 'admin only (compressed days are for demos)', role: user.role });
    }
    if (!isPlausibleCycleYear(dto.year, new Date())) throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'year', value: dto.year });
    const planned = calendarWithOverrides(dto.year, { ...(dto.calendar ?? {}) });
    if ('problem' in planned) throw fieldRuleViolation(planned.problem.field, planned.problem.rule, planned.problem.message);
    if (await this.repository.find(province.code, dto.year)) throw new OcopError('ALREADY_EXISTS', { resource: 'cycle', id: `${province.code}/${dto.year}` });

    const input: AnnualCycleInput = {
      provinceCode: province.code,
      year: dto.year,
      ruleSet: dto.ruleSet ?? defaultRuleSetForYear(dto.year),
      calendar: planned.calendar,
      targets: dto.targets ? { ...dto.targets } : defaultCycleTargets(province.code, dto.year),
      openedBy: actorLabelOf(user),
      ...(dto.dayLengthMs !== undefined ? { dayLengthMs: dto.dayLengthMs } : {}),
    };
    const workflowId = annualCycleId(province.code, dto.year);
    // Marks the workflow with the request that started it, so a retry of that request is recognised.
    const startedBy = request.idempotencyScope ? deterministicUuid('ocop-flow:cycle-start', request.idempotencyScope) : undefined;
    const client = this.calls.client;
    const started = await this.calls.call(async () => {
      try {
        await client.workflow.start(ANNUAL_CYCLE_WORKFLOW, {
          workflowId,
          taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          ...(startedBy ? { memo: { startedBy } } : {}),
        });
        return true;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        const description = await client.workflow.getHandle(workflowId).describe();
        return startedBy !== undefined && description.memo?.startedBy === startedBy;
      }
    });
    if (!started) throw new OcopError('ALREADY_EXISTS', { resource: 'cycle', id: `${province.code}/${dto.year}` });
    return toCycleResponse(await this.awaitOpened(province.code, dto.year));
  }

  async list(user: AuthUser, year: number | undefined): Promise<CycleResponse[]> {
    const province = user.role === 'admin' ? undefined : (user.provinceCode ?? '-');
    return (await this.repository.list(province, year)).map(toCycleResponse);
  }

  async detail(provinceCode: string, year: number): Promise<CycleDetailResponse> {
    const row = await this.repository.find(provinceCode, year);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'cycle', id: `${provinceCode}/${year}` });
    const live = await this.calls.query(row.workflow_id, cycleProgressQuery);
    return {
      ...toCycleResponse(row),
      live: live ? { byStage: live.byStage, certified: live.certified, starsDistribution: live.starsDistribution, calendar: live.calendar, targetMet: live.targetMet } : null,
    };
  }

  /** Moves a window of the calendar through the workflow (which validates it and tells the running journeys). */
  async moveDate(provinceCode: string, year: number, dto: MoveDateDto, user: AuthUser, request: IdempotentRequest): Promise<CycleResponse> {
    const row = await this.repository.find(provinceCode, year);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'cycle', id: `${provinceCode}/${year}` });
    const calendar = await this.calls.update(row.workflow_id, moveDateUpdate, { actor: actorOf(user), window: dto.window, newDate: dto.newDate }, request);
    // The update returns once CycleDateMoved (event + read model) is recorded; the row has the new calendar.
    const after = (await this.repository.find(provinceCode, year)) ?? row;
    return { ...toCycleResponse(after), calendar: calendar as CycleResponse['calendar'] };
  }

  /**
   * The progress, as the caller may see it: a district coordinator sees its own district only (asking for another
   * is refused); filters must name a district of the province and a product group of the cycle's rule set.
   */
  async progress(provinceCode: string, year: number, query: CycleProgressQuery, user: AuthUser): Promise<CycleProgressResponse> {
    let district = query.district;
    if (user.role === 'district_coordinator') {
      if (district !== undefined && district !== user.districtCode) {
        throw new OcopError('ACCESS_DENIED', { field: 'district', rule: 'a district coordinator sees its own district only', role: user.role });
      }
      district = user.districtCode ?? '-';
    } else if (district !== undefined && findDistrict(district)?.provinceCode !== provinceCode) {
      throw fieldRuleViolation('district', 'isDistrictOfProvince', `district must be a district of ${provinceCode}`);
    }
    if (query.productGroup !== undefined) {
      const row = await this.repository.find(provinceCode, year);
      if (row && isRuleSetCode(row.rule_set) && !findProductGroup(row.rule_set, query.productGroup)) {
        throw fieldRuleViolation('productGroup', 'isProductGroupOfRuleSet', `productGroup must be a product group of ${row.rule_set}`);
      }
    }
    return this.progressService.progress(provinceCode, year, { district, productGroup: query.productGroup }, new Date(), query.items);
  }

  private async awaitOpened(provinceCode: string, year: number): Promise<CycleRow> {
    const deadline = Date.now() + OPENED_WAIT_MS;
    for (;;) {
      const row = await this.repository.find(provinceCode, year);
      if (row) return row;
      if (Date.now() >= deadline) throw new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the cycle started but CycleOpened was not recorded in time', workflowId: annualCycleId(provinceCode, year) });
      await new Promise((resolve) => setTimeout(resolve, OPENED_POLL_MS));
    }
  }
}

export function toCycleResponse(row: CycleRow): CycleResponse {
  return {
    provinceCode: row.province_code,
    year: row.cycle_year,
    ruleSet: row.rule_set,
    calendar: row.calendar as unknown as CycleResponse['calendar'],
    targets: row.targets as unknown as CycleResponse['targets'],
    dayLengthMs: row.day_length_ms,
    status: row.status,
    openedBy: row.opened_by,
    openedAt: new Date(row.opened_at).toISOString(),
    workflowId: row.workflow_id,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
