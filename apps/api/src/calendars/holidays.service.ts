import { Injectable, Logger } from '@nestjs/common';
import { evaluationSessionId, holidaysChangedSignal } from '@ocop/contracts';
import { DEFAULT_HOLIDAYS, holidayYearProblem, OcopError, type HolidayYear } from '@ocop/domain';
import { actorLabelOf } from '@ocop/identity';
import { EventRecorder } from '@ocop/persistence';
import { idFor, type CallContext } from '../common/call-context';
import { fieldRuleViolation } from '../common/validation.pipe';
import { WorkflowClient } from '../common/workflow-client';
import type { PutHolidayYearDto } from './dto/holiday-year.dto';
import { HolidaysRepository, holidayStreamId } from './holidays.repository';

const YEARS = { min: 2000, max: 2099 };

/**
 * A year's public holidays: the province's schedule when it stored one, else the official schedule shipped with the
 * code, else the Labour Code's. Setting one records HolidayScheduleSet and tells every open session at once.
 */
@Injectable()
export class HolidaysService {
  private readonly logger = new Logger(HolidaysService.name);

  constructor(
    private readonly repository: HolidaysRepository,
    private readonly recorder: EventRecorder,
    private readonly workflows: WorkflowClient,
  ) {}

  async year(year: number): Promise<HolidayYear> {
    checkYear(year);
    const [stored] = await this.repository.provinceYears([year]);
    return stored ?? DEFAULT_HOLIDAYS.year(year);
  }

  /** The years (of a session's date and the one before) a province has set, to start a workflow with. */
  provinceYears(years: readonly number[]): Promise<HolidayYear[]> {
    return this.repository.provinceYears(years);
  }

  async set(year: number, dto: PutHolidayYearDto, call: CallContext): Promise<HolidayYear> {
    checkYear(year);
    const days = [...dto.days]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((d) => ({ date: d.date, name: d.name.trim() }));
    const workingWeekendDays = [...new Set(dto.workingWeekendDays ?? [])].sort();
    const problem = holidayYearProblem(year, days, workingWeekendDays);
    if (problem) throw fieldRuleViolation(problem.field, 'holidaySchedule', `${problem.field} must be ${problem.rule}`);
    const schedule: HolidayYear = { year, source: 'province', days, workingWeekendDays };
    await this.recorder.recordFact({
      eventId: idFor(call, 'holiday-schedule'),
      streamId: holidayStreamId(year),
      type: 'HolidayScheduleSet',
      payload: { year, days, workingWeekendDays },
      actor: actorLabelOf(call.actor),
      occurredAt: new Date().toISOString(),
    });
    // Running sessions count working days with it from now on, as running journeys take a moved cycle date.
    for (const sessionId of await this.repository.openSessionIds()) {
      await this.workflows
        .signal(evaluationSessionId(sessionId), holidaysChangedSignal, schedule)
        .catch((error: unknown) => this.logger.warn(`session ${sessionId} did not take the ${year} holidays: ${String(error)}`));
    }
    return schedule;
  }
}

function checkYear(year: number): void {
  if (!Number.isSafeInteger(year) || year < YEARS.min || year > YEARS.max) {
    throw new OcopError('VALIDATION_FAILED', { field: 'year', rule: `a year from ${YEARS.min} to ${YEARS.max}`, value: year });
  }
}
