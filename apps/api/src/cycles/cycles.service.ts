import { Injectable } from '@nestjs/common';
import {
  ANNUAL_CYCLE_WORKFLOW,
  AnnualCycleInput,
  annualCycleId,
  cycleOpeningUpdate,
  cycleProgressQuery,
  type CycleTargets,
  moveDateUpdate,
} from '@ocop/contracts';
import {
  defaultRuleSetForYear,
  findProductGroup,
  isPlausibleCycleYear,
  isRuleSetCode,
  localDateKey,
  OcopError,
  parseLocalDate,
} from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';
import { actorLabelOf, actorOf, type AuthUser } from '@ocop/identity';
import { cycleProvinceOf, scopeOf } from '../auth/access.policy';
import type { CallContext } from '../common/call-context';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowClient } from '../common/workflow-client';
import type { CycleRow } from './cycle-progress.repository';
import { CycleProgressService } from './cycle-progress.service';
import { calendarWithOverrides, defaultCycleTargets } from './cycle-setup';
import { CreateCycleDto, CycleProgressQuery, MoveDateDto } from './dto/create-cycle.dto';
import { CycleProgressResponse } from './dto/cycle-progress.response';
import { CycleDetailResponse, CycleResponse } from './dto/cycle.response';
import { CyclesRepository } from './cycles.repository';

@Injectable()
export class CyclesService {
  constructor(
    private readonly repository: CyclesRepository,
    private readonly progressService: CycleProgressService,
    private readonly workflows: WorkflowClient,
  ) {}

  /**
   * Opens a province-year: checks the request, starts the annual cycle workflow with its opening and returns the
   * cycle once CycleOpened is recorded (the read model has it). Another request's opening of the same cycle is
   * ALREADY_EXISTS; a retry with the same Idempotency-Key gets the first attempt's answer (same update id).
   */
  async create(dto: CreateCycleDto, call: CallContext): Promise<CycleResponse> {
    const province = findOcopProvince(dto.provinceCode);
    if (!province)
      throw fieldRuleViolation(
        'provinceCode',
        'isKnownProvince',
        `provinceCode must be a known province (lao-cai or a GSO code of the 2025 map, e.g. 14)`,
      );
    if (!isPlausibleCycleYear(dto.year, new Date())) throw new OcopError('CYCLE_YEAR_OUT_OF_RANGE', { field: 'year', value: dto.year });
    const planned = calendarWithOverrides(dto.year, { ...(dto.calendar ?? {}) });
    if ('problem' in planned) throw fieldRuleViolation(planned.problem.field, planned.problem.rule, planned.problem.message);
    const exists = new OcopError('ALREADY_EXISTS', { resource: 'cycle', id: `${province.code}/${dto.year}` });
    if (await this.repository.find(province.code, dto.year)) throw exists;

    const input: AnnualCycleInput = {
      provinceCode: province.code,
      year: dto.year,
      ruleSet: dto.ruleSet ?? defaultRuleSetForYear(dto.year),
      calendar: planned.calendar,
      targets: dto.targets ? { ...dto.targets } : defaultCycleTargets(province.code, dto.year),
      openedBy: actorLabelOf(call.actor),
      ...(dto.dayLengthMs !== undefined ? { dayLengthMs: dto.dayLengthMs } : {}),
    };
    // A cycle's workflow id is used once: a closed cycle is not opened again.
    const start = {
      type: ANNUAL_CYCLE_WORKFLOW,
      workflowId: annualCycleId(province.code, dto.year),
      input,
      reuse: 'REJECT_DUPLICATE' as const,
      alreadyExists: exists,
    };
    await this.workflows.start(start, cycleOpeningUpdate, call);
    const row = await this.repository.find(province.code, dto.year);
    if (!row)
      throw new OcopError('WORKFLOW_UNAVAILABLE', {
        reason: 'the cycle was opened but is not in the read model yet',
        workflowId: start.workflowId,
      });
    return toCycleResponse(row);
  }

  async list(user: AuthUser, year: number | undefined): Promise<CycleResponse[]> {
    return (await this.repository.list(cycleProvinceOf(user), year)).map(toCycleResponse);
  }

  /**
   * The cycle with its live numbers: products by stage, certified and by stars, from the read models (kept in the
   * transaction that records each step); the calendar as the workflow holds it (a moved date is there first). `live`
   * is null when Temporal cannot answer, as before.
   */
  async detail(provinceCode: string, year: number): Promise<CycleDetailResponse> {
    const row = await this.repository.find(provinceCode, year);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'cycle', id: `${provinceCode}/${year}` });
    const [live, counts] = await Promise.all([
      this.workflows.query(row.workflow_id, cycleProgressQuery),
      this.repository.stageCounts(provinceCode, year),
    ]);
    const certified = counts.byStage.certified ?? 0;
    const target = Number((row.targets as Partial<CycleTargets>).newCertifiedProducts ?? 0);
    return {
      ...toCycleResponse(row),
      live: live
        ? {
            byStage: counts.byStage,
            certified,
            starsDistribution: counts.starsDistribution,
            calendar: live.calendar,
            targetMet: { newCertifiedProducts: certified >= target },
          }
        : null,
    };
  }

  /** Moves a window of the calendar through the workflow (which validates it and tells the running journeys). */
  async moveDate(provinceCode: string, year: number, dto: MoveDateDto, call: CallContext): Promise<CycleResponse> {
    const row = await this.repository.find(provinceCode, year);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'cycle', id: `${provinceCode}/${year}` });
    const calendar = await this.workflows.update(
      row.workflow_id,
      moveDateUpdate,
      { actor: actorOf(call.actor), window: dto.window, newDate: dto.newDate },
      call,
    );
    // The update returns once CycleDateMoved (event + read model) is recorded; the row has the new calendar.
    const after = (await this.repository.find(provinceCode, year)) ?? row;
    return { ...toCycleResponse(after), calendar: calendar as CycleResponse['calendar'] };
  }

  /**
   * The progress, as the caller may see it: a district coordinator sees its own district only (AccessGuard refuses
   * it another); filters must name a district of the province and a product group of the cycle's rule set.
   */
  async progress(provinceCode: string, year: number, query: CycleProgressQuery, user: AuthUser): Promise<CycleProgressResponse> {
    const scoped = scopeOf(user).districtCode;
    const district = scoped ?? query.district;
    if (!scoped && district !== undefined && findOcopDistrict(district)?.provinceCode !== provinceCode) {
      throw fieldRuleViolation('district', 'isDistrictOfProvince', `district must be a district of ${provinceCode}`);
    }
    if (query.productGroup !== undefined) {
      const row = await this.repository.find(provinceCode, year);
      if (row && isRuleSetCode(row.rule_set) && !findProductGroup(row.rule_set, query.productGroup)) {
        throw fieldRuleViolation('productGroup', 'isProductGroupOfRuleSet', `productGroup must be a product group of ${row.rule_set}`);
      }
    }
    const filters = { district, productGroup: query.productGroup };
    if (query.asOf === undefined) return this.progressService.progress(provinceCode, year, filters, new Date(), query.items);
    const now = new Date();
    const day = await this.checkedAsOf(provinceCode, year, query.asOf, now);
    return this.progressService.progressAsOf(provinceCode, year, filters, day, now, query.items);
  }

  /**
   * `asOf` must be a real calendar day, not after today and not before the cycle was opened (Vietnam-local days).
   * The refusals name the field and the rule, with the dates as dd/mm/yyyy.
   */
  private async checkedAsOf(provinceCode: string, year: number, asOf: string, now: Date): Promise<string> {
    try {
      parseLocalDate(asOf);
    } catch {
      throw fieldRuleViolation('asOf', 'isDate', `asOf phải là một ngày có thật / asOf must be a real calendar date yyyy-mm-dd (${asOf})`);
    }
    const row = await this.repository.find(provinceCode, year);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'cycle', id: `${provinceCode}/${year}` });
    const today = localDateKey(now);
    const dmy = (key: string) => key.split('-').reverse().join('/');
    if (asOf > today)
      throw fieldRuleViolation('asOf', 'notInFuture', `asOf không được sau hôm nay / asOf must not be after today (${dmy(today)})`);
    const opened = localDateKey(row.opened_at);
    if (asOf < opened)
      throw fieldRuleViolation(
        'asOf',
        'notBeforeCycle',
        `asOf không được trước ngày mở chu kỳ / asOf must not be before the cycle was opened (${dmy(opened)})`,
      );
    return asOf;
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
