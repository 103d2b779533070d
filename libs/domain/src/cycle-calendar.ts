/**
 * A cycle's calendar as the Lào Cai 2021 plan laid it out (ideas by end of March, business plans by end of April,
 * dossiers by end of May, district sessions through July, provincial through September, certificates in
 * October), used when a journey starts without a cycle. Instants are 17:00 UTC = midnight the next day in
 * Vietnam (UTC+7), i.e. the end of the local day.
 */
export interface CalendarDates {
  readonly ideaWindowClosesAt: string;
  readonly businessPlanDueAt: string;
  readonly dossierDueAt: string;
  readonly districtSessionsCloseAt: string;
  readonly provincialSessionsCloseAt: string;
  readonly certificationAt: string;
  readonly labTurnaroundDays: number;
  readonly inspectionReportDays: number;
}

export const CALENDAR_ORDER = [
  'ideaWindowClosesAt',
  'businessPlanDueAt',
  'dossierDueAt',
  'districtSessionsCloseAt',
  'provincialSessionsCloseAt',
  'certificationAt',
] as const;

const endOfLocalDay = (year: number, month: number, day: number): string =>
  new Date(Date.UTC(year, month - 1, day, 17, 0, 0)).toISOString();

export function defaultCycleCalendar(year: number): CalendarDates {
  return {
    ideaWindowClosesAt: endOfLocalDay(year, 3, 31),
    businessPlanDueAt: endOfLocalDay(year, 4, 30),
    dossierDueAt: endOfLocalDay(year, 5, 31),
    districtSessionsCloseAt: endOfLocalDay(year, 7, 31),
    provincialSessionsCloseAt: endOfLocalDay(year, 9, 30),
    certificationAt: endOfLocalDay(year, 10, 31),
    labTurnaroundDays: 21,
    inspectionReportDays: 30,
  };
}

/** The first window (in calendar order) that does not come strictly after the one before it, if any. */
export function calendarOrderProblem(calendar: CalendarDates): (typeof CALENDAR_ORDER)[number] | undefined {
  for (let i = 1; i < CALENDAR_ORDER.length; i += 1) {
    const before = Date.parse(calendar[CALENDAR_ORDER[i - 1]!]);
    const current = Date.parse(calendar[CALENDAR_ORDER[i]!]);
    if (!(current > before)) return CALENDAR_ORDER[i];
  }
  return undefined;
}
