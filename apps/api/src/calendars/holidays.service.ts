import { Injectable, Logger } from '@nestjs/common';
import { evaluationSessionId, holidaysChangedSignal } from '@ocop/contracts';
import { findOcopProvince } from '@ocop/admin-map';
import {
  DEFAULT_HOLIDAYS,
  holidayYearProblem,
  OcopError,
  provinceLayerProblem,
  withProvinceLayer,
  workedDayLayer,
  type HolidayYear,
  type ProvinceHolidayLayer,
} from '@ocop/domain';
import { actorLabelOf } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { idFor, type CallContext } from '../common/call-context';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowClient } from '../common/workflow-client';
import type { HolidayYearResponse, PutHolidayYearDto } from './dto/holiday-year.dto';
import { HolidaysRepository, holidayStreamId, provinceHolidayStreamId } from './holidays.repository';

const YEARS = { min: 2000, max: 2099 };

/**
 * Two layers of public holidays. The national schedule — set by the central office, else the official schedule
 * shipped with the code, else the Labour Code's — holds for every province; a province adds its own days off and
 * weekend days worked over it, for its own sessions only. Setting either records an event and tells the open
 * sessions it concerns at once, each with its own province's year.
 */
@Injectable()
export class HolidaysService {
  private readonly logger = new Logger(HolidaysService.name);

  constructor(
    private readonly repository: HolidaysRepository,
    private readonly recorder: EventRecorder,
    private readonly workflows: WorkflowClient,
  ) {}

  /** A year as a province counts it (`provinceCode`), or the national schedule alone. */
  async year(year: number, provinceCode?: string): Promise<HolidayYearResponse> {
    checkYear(year);
    if (provinceCode !== undefined) checkProvince('province', provinceCode);
    const national = await this.national(year);
    const [layer] = provinceCode ? await this.repository.provinceLayers(provinceCode, [year]) : [];
    const merged = withProvinceLayer(national, layer);
    return {
      year,
      source: national.source,
      provinceCode: provinceCode ?? null,
      days: merged.days.map((d) => ({ date: d.date, name: d.name, layer: d.layer ?? 'national' })),
      workingWeekendDays: merged.workingWeekendDays.map((date) => ({ date, layer: workedDayLayer(national, date) })),
    };
  }

  /**
   * The years a session of `provinceCode` starts with: each year something was stored for (nationally or by the
   * province), the province's layer merged in; other years the workflow takes from the code.
   */
  async sessionYears(provinceCode: string, years: readonly number[]): Promise<HolidayYear[]> {
    const [stored, layers] = await Promise.all([this.repository.nationalYears(years), this.repository.provinceLayers(provinceCode, years)]);
    return years
      .filter((y) => stored.some((s) => s.year === y) || layers.some((l) => l.year === y))
      .map((y) =>
        withProvinceLayer(
          stored.find((s) => s.year === y) ?? DEFAULT_HOLIDAYS.year(y),
          layers.find((l) => l.year === y),
        ),
      );
  }

  /** The national schedule (central office or admin): every province's sessions count with it. */
  async setNational(year: number, dto: PutHolidayYearDto, call: CallContext): Promise<HolidayYearResponse> {
    checkYear(year);
    const { days, workingWeekendDays } = normalised(dto);
    const problem = holidayYearProblem(year, days, workingWeekendDays);
    if (problem) throw fieldRuleViolation(problem.field, 'holidaySchedule', `${problem.field} must be ${problem.rule}`);
    const [stored] = await this.repository.nationalYears([year]);
    if (stored && sameDays(stored, { days, workingWeekendDays })) return this.year(year);
    await this.recorder.recordFact({
      eventId: idFor(call, 'holiday-schedule'),
      streamId: holidayStreamId(year),
      type: 'HolidayScheduleSet',
      payload: { year, days, workingWeekendDays },
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    await this.tellOpenSessions(year);
    return this.year(year);
  }

  /** A province's own days over the national schedule (its provincial coordinator or admin): its sessions only. */
  async setProvince(year: number, provinceCode: string, dto: PutHolidayYearDto, call: CallContext): Promise<HolidayYearResponse> {
    checkYear(year);
    checkProvince('provinceCode', provinceCode);
    const layer: ProvinceHolidayLayer = { provinceCode, year, ...normalised(dto) };
    const problem = provinceLayerProblem(await this.national(year), layer);
    if (problem) throw fieldRuleViolation(problem.field, 'holidaySchedule', `${problem.field} must be ${problem.rule}`);
    const [stored] = await this.repository.provinceLayers(provinceCode, [year]);
    if (stored && sameDays(stored, layer)) return this.year(year, provinceCode);
    await this.recorder.recordFact({
      eventId: idFor(call, 'province-holidays'),
      streamId: provinceHolidayStreamId(provinceCode, year),
      type: 'ProvinceHolidaysSet',
      payload: { provinceCode, year, days: layer.days, workingWeekendDays: layer.workingWeekendDays },
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    await this.tellOpenSessions(year, provinceCode);
    return this.year(year, provinceCode);
  }

  private async national(year: number): Promise<HolidayYear> {
    const [stored] = await this.repository.nationalYears([year]);
    return stored ?? DEFAULT_HOLIDAYS.year(year);
  }

  // Running sessions count working days with the year from now on, as running journeys take a moved cycle date.
  private async tellOpenSessions(year: number, provinceCode?: string): Promise<void> {
    const byProvince = new Map<string, HolidayYear>();
    for (const session of await this.repository.openSessions(provinceCode)) {
      let merged = byProvince.get(session.provinceCode);
      if (!merged) byProvince.set(session.provinceCode, (merged = (await this.sessionYears(session.provinceCode, [year]))[0]!));
      await this.workflows
        .signal(evaluationSessionId(session.sessionId), holidaysChangedSignal, merged)
        .catch((error: unknown) => this.logger.warn(`session ${session.sessionId} did not take the ${year} holidays: ${String(error)}`));
    }
  }
}

/** A PUT of what is stored already (a retry) records nothing: a second event would say nothing new. */
const sameDays = (a: Pick<HolidayYear, 'days' | 'workingWeekendDays'>, b: Pick<HolidayYear, 'days' | 'workingWeekendDays'>): boolean =>
  JSON.stringify([a.days.map((d) => [d.date, d.name]), a.workingWeekendDays]) ===
  JSON.stringify([b.days.map((d) => [d.date, d.name]), b.workingWeekendDays]);

function normalised(dto: PutHolidayYearDto): { days: { date: string; name: string }[]; workingWeekendDays: string[] } {
  const days = [...dto.days]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((d) => ({ date: d.date, name: d.name.trim() }));
  return { days, workingWeekendDays: [...new Set(dto.workingWeekendDays ?? [])].sort() };
}

function checkYear(year: number): void {
  if (!Number.isSafeInteger(year) || year < YEARS.min || year > YEARS.max) {
    throw new OcopError('VALIDATION_FAILED', { field: 'year', rule: `a year from ${YEARS.min} to ${YEARS.max}`, value: year });
  }
}

function checkProvince(field: string, code: string): void {
  if (!findOcopProvince(code)) throw fieldRuleViolation(field, 'isProvince', `${field} must be the code of a province OCOP runs in`);
}
