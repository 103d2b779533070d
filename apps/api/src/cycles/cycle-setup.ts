import type { CycleCalendar, CycleTargets } from '@ocop/contracts';
import { CALENDAR_ORDER, calendarOrderProblem, defaultCycleCalendar, LAO_CAI, LAO_CAI_2021_TARGETS } from '@ocop/domain';

/** What a coordinator may change of the default calendar when opening a cycle: any window, the two durations. */
export type CalendarOverrides = Partial<Record<keyof CycleCalendar, string | number>>;

export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * A cycle's targets when the request names none: the Lào Cai 2021 plan's (Kế hoạch 48/KH-UBND: ≥ 30 new certified
 * products, ≥ 12 organisations consolidated, ≥ 7 new organisations) for Lào Cai 2021, nothing (0s) otherwise.
 */
export function defaultCycleTargets(provinceCode: string, year: number): CycleTargets {
  if (provinceCode === LAO_CAI.code && year === 2021) {
    return {
      newCertifiedProducts: LAO_CAI_2021_TARGETS.newCertifiedProductsAtLeast,
      organisationsConsolidated: LAO_CAI_2021_TARGETS.economicOrganisationsConsolidatedAtLeast,
      newOrganisations: LAO_CAI_2021_TARGETS.newOrganisationsJoiningAtLeast,
    };
  }
  return { newCertifiedProducts: 0, organisationsConsolidated: 0, newOrganisations: 0 };
}

/**
 * The year's default calendar with the request's overrides (ISO instants, normalised), or the first field that
 * breaks the order of the windows (each must come strictly after the one before it).
 */
export function calendarWithOverrides(
  year: number,
  overrides: CalendarOverrides = {},
): { calendar: CycleCalendar } | { problem: FieldProblem } {
  const calendar: Record<string, string | number> = { ...defaultCycleCalendar(year) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if ((CALENDAR_ORDER as readonly string[]).includes(key)) {
      const when = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(when))
        return { problem: { field: `calendar.${key}`, rule: 'isIso8601', message: `calendar.${key} must be an ISO 8601 date` } };
      calendar[key] = new Date(when).toISOString();
    } else {
      calendar[key] = value;
    }
  }
  const result = calendar as unknown as CycleCalendar;
  const broken = calendarOrderProblem(result);
  if (broken) {
    const before = CALENDAR_ORDER[CALENDAR_ORDER.indexOf(broken) - 1]!;
    return {
      problem: {
        field: `calendar.${broken}`,
        rule: 'windowsInOrder',
        message: `calendar.${broken} (${result[broken]}) must come after calendar.${before} (${result[before]})`,
      },
    };
  }
  return { calendar: result };
}
