import { Injectable, Optional } from '@nestjs/common';
import type { CycleTargets } from '@ocop/contracts';
import { endOfLocalDate, OcopError, type RuleSetCode } from '@ocop/domain';
import { areaLevelOf } from '@ocop/admin-map';
import { cycleOpensOn } from '@ocop/admin-areas';
import { ProjectionRebuilder } from '@ocop/persistence';
import { CycleProgressRepository, ProgressFilters } from './cycle-progress.repository';
import { CycleProgressResponse } from './dto/cycle-progress.response';
import {
  calendarWindowsBetween,
  DEADLINE_ITEM_LIMIT,
  districtCells,
  mergeDeadlines,
  progressByArea,
  OVERDUE_KINDS,
  stageTotals,
  targetsProgress,
  UPCOMING_DAYS,
  UPCOMING_KINDS,
  upcomingUntil,
} from './progress';

/**
 * A province-year's progress for coordinators, from the read models only: products by stage × district × group,
 * stars of the certified products, the targets against what was achieved, what is overdue now and what falls due
 * in the next 14 days.
 */
@Injectable()
export class CycleProgressService {
  constructor(
    private readonly repository: CycleProgressRepository,
    @Optional() private readonly rebuilder?: ProjectionRebuilder,
  ) {}

  /**
   * The progress as it stood at the end of a Vietnam-local day (`yyyy-mm-dd`; today: now), from the event log: the
   * events that occurred by then are replayed into temporary read models and the same queries run on them, judging
   * "overdue" and "upcoming" at that instant. Today's equals the live progress.
   */
  async progressAsOf(
    provinceCode: string,
    year: number,
    filters: ProgressFilters,
    day: string,
    now: Date = new Date(),
    limit = DEADLINE_ITEM_LIMIT,
  ): Promise<CycleProgressResponse> {
    if (!this.rebuilder) throw new Error('CycleProgressService: the event-log replay (ProjectionRebuilder) is not wired');
    const end = endOfLocalDate(day);
    const at = end.getTime() < now.getTime() ? end : now;
    const progress = await this.rebuilder.asOf(at, (manager) => {
      // One connection holds the replayed tables: its queries go one after another (the live path runs them in parallel).
      let queue: Promise<unknown> = Promise.resolve();
      const serial = {
        query: (sql: string, parameters?: unknown[]) => {
          const next = queue.then(() => manager.query(sql, parameters));
          queue = next.catch(() => undefined);
          return next;
        },
      };
      return new CycleProgressService(new CycleProgressRepository(serial as never)).progress(provinceCode, year, filters, at, limit);
    });
    return { ...progress, asOfDate: day };
  }

  async progress(
    provinceCode: string,
    year: number,
    filters: ProgressFilters = {},
    now: Date = new Date(),
    limit = DEADLINE_ITEM_LIMIT,
  ): Promise<CycleProgressResponse> {
    const until = upcomingUntil(now);
    const r = this.repository;
    // All at once (the cycle too: one round trip of parallel index reads); an unknown cycle has no rows anywhere.
    const [cycle, cells, certified, overdueSteps, overdueLab, overdueInspections, soonSteps, soonLab, soonSessions] = await Promise.all([
      r.findCycle(provinceCode, year),
      r.cells(provinceCode, year, filters),
      r.certifiedCounts(provinceCode, year, filters),
      r.productSteps(provinceCode, year, filters, null, now, limit),
      r.labResults(provinceCode, year, filters, null, now, limit),
      r.inspectionReports(provinceCode, year, filters, now, limit),
      r.productSteps(provinceCode, year, filters, now, until, limit),
      r.labResults(provinceCode, year, filters, now, until, limit),
      r.sessions(provinceCode, year, filters.district, now, until, limit),
    ]);
    if (!cycle) throw new OcopError('NOT_FOUND', { resource: 'cycle', id: `${provinceCode}/${year}` });
    const windows = calendarWindowsBetween(cycle.calendar, now, until, provinceCode, year);
    // Grouped by the cycle's area: its communes on the 2025 map (or under QĐ 1489), else its districts.
    const areaLevel = areaLevelOf(cycle.rule_set as RuleSetCode, cycleOpensOn(year));
    const areaCells = areaLevel === 'commune' ? await r.communeCells(provinceCode, year, filters) : districtCells(cells);
    const actual: CycleTargets = {
      newCertifiedProducts: certified.newCertifiedProducts,
      organisationsConsolidated: certified.organisationsConsolidated,
      newOrganisations: certified.newOrganisations,
    };
    return {
      provinceCode,
      year,
      ruleSet: cycle.rule_set,
      asOf: now.toISOString(),
      filters: { district: filters.district ?? null, productGroup: filters.productGroup ?? null },
      totals: stageTotals(cells),
      byStageDistrictGroup: cells,
      areaLevel,
      byArea: progressByArea(areaLevel, areaCells),
      certified: certified.certified,
      stars: { '3': 0, '4': 0, '5': 0, ...certified.stars },
      targets: targetsProgress(cycle.targets as Partial<CycleTargets>, actual),
      overdue: mergeDeadlines(
        OVERDUE_KINDS,
        [
          { kind: 'product_step', ...overdueSteps },
          { kind: 'lab_result', ...overdueLab },
          { kind: 'inspection_report', ...overdueInspections },
        ],
        limit,
      ),
      upcoming: {
        days: UPCOMING_DAYS,
        until: until.toISOString(),
        ...mergeDeadlines(
          UPCOMING_KINDS,
          [
            { kind: 'product_step', ...soonSteps },
            { kind: 'lab_result', ...soonLab },
            { kind: 'session', ...soonSessions },
            { kind: 'calendar_window', items: windows, total: windows.length },
          ],
          limit,
        ),
      },
    };
  }
}
