/// <reference path="./types/lunar-javascript.d.ts" />
import { Lunar } from 'lunar-javascript';
import schedulesJson from '../data/holiday-schedules.json';
import { localDateKey, localWeekday, parseLocalDate, startOfLocalDate } from './vietnam-time';

/**
 * Vietnam's public holidays (Labour Code 2019, Art. 112), as data a province can correct:
 * 1 Jan; five days of Tết (the eve and the first four days of the lunar year by default); Hùng Kings' day (10th
 * of the 3rd lunar month); 30 Apr; 1 May; 2 Sep and one adjacent day; and a substitute day (nghỉ bù) on the next
 * working day when a holiday falls on a weekend (Art. 112 §3).
 *
 * Lunar dates come from lunar-javascript (a maintained, dependency-free calendar library). It computes the
 * Chinese calendar (UTC+8), which agrees with the Vietnamese one (UTC+7) in every year near ours; where they
 * part (2007, 1985) or where the Government announces a longer break, the official schedule wins: schedules for
 * 2021, 2024 and 2025 ship as data (data/holiday-schedules.json), and the central office stores any year's national
 * schedule through `PUT /calendars/holidays/:year`. A province lays its own extra days off and weekend days worked
 * over the national schedule (`withProvinceLayer`); both reach running workflows as data.
 */

export interface Holiday {
  /** Local date, yyyy-mm-dd. */
  readonly date: string;
  readonly name: string;
  /** Which layer closes the day, when a province layer was merged in (absent: the national schedule). */
  readonly layer?: HolidayLayer;
}

/**
 * Where a year's national schedule comes from: set by the central office (`national`), shipped with the code
 * (`official`) or computed from the Labour Code. `province` is only in sessions started before provinces had a layer
 * of their own (one schedule then, set by a province); workflows never read the source.
 */
export type HolidaySource = 'labour-code' | 'official' | 'national' | 'province';
export type HolidayLayer = 'national' | 'province';

/** A province's own days over the national schedule: extra days off and extra weekend days worked. */
export interface ProvinceHolidayLayer {
  readonly provinceCode: string;
  readonly year: number;
  readonly days: readonly Holiday[];
  readonly workingWeekendDays: readonly string[];
}

/** One year's closed days (weekends included or not — weekends are closed anyway) and Saturdays worked in exchange. */
export interface HolidayYear {
  readonly year: number;
  readonly source: HolidaySource;
  readonly days: readonly Holiday[];
  readonly workingWeekendDays: readonly string[];
}

const DAY = 86_400_000;
const key = (year: number, month: number, day: number): string => localDateKey(startOfLocalDate({ year, month, day }));
const plusDays = (date: string, n: number): string => localDateKey(startOfLocalDate(parseLocalDate(date)).getTime() + n * DAY);
const isWeekend = (date: string): boolean => [0, 6].includes(localWeekday(startOfLocalDate(parseLocalDate(date))));

/** The solar date of a lunar date of `lunarYear` (month 1–12, no leap month). */
export function solarOfLunar(lunarYear: number, lunarMonth: number, lunarDay: number): string {
  const solar = Lunar.fromYmd(lunarYear, lunarMonth, lunarDay).getSolar();
  return key(solar.getYear(), solar.getMonth(), solar.getDay());
}

const TET = 'Tết Nguyên Đán / Lunar New Year';

/** The holidays the Labour Code gives in `year`, with substitute days, before any official schedule. */
export function labourCodeHolidays(year: number): HolidayYear {
  if (!Number.isSafeInteger(year) || year < 1901 || year > 2099) throw new RangeError(`a holiday year lies in 1901–2099, got ${year}`);
  const newYear = solarOfLunar(year, 1, 1);
  const nationalDay = key(year, 9, 2);
  // Art. 112 leaves the adjacent day to the Government; this default makes a long weekend when it can.
  const nationalDayWeekday = localWeekday(startOfLocalDate(parseLocalDate(nationalDay)));
  const adjacent = nationalDayWeekday === 2 || nationalDayWeekday === 6 ? plusDays(nationalDay, -1) : plusDays(nationalDay, 1);
  const days: Holiday[] = [
    { date: key(year, 1, 1), name: "Tết Dương lịch / New Year's Day" },
    ...[-1, 0, 1, 2, 3].map((n) => ({ date: plusDays(newYear, n), name: TET })),
    { date: solarOfLunar(year, 3, 10), name: "Giỗ Tổ Hùng Vương / Hùng Kings' Commemoration" },
    { date: key(year, 4, 30), name: 'Ngày Chiến thắng / Reunification Day' },
    { date: key(year, 5, 1), name: 'Quốc tế Lao động / Labour Day' },
    { date: nationalDay, name: 'Quốc khánh / National Day' },
    { date: adjacent, name: 'Quốc khánh / National Day' },
  ].filter((h) => h.date.startsWith(`${year}-`));
  // The eve of Tết may fall in the previous solar year's schedule; it is counted in the year it falls in.
  const nextEve = plusDays(solarOfLunar(year + 1, 1, 1), -1);
  if (nextEve.startsWith(`${year}-`)) days.push({ date: nextEve, name: TET });
  const taken = new Set(days.map((h) => h.date));
  const substitutes: Holiday[] = [];
  for (const holiday of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (!isWeekend(holiday.date)) continue;
    let candidate = plusDays(holiday.date, 1);
    while (isWeekend(candidate) || taken.has(candidate)) candidate = plusDays(candidate, 1);
    taken.add(candidate);
    substitutes.push({ date: candidate, name: `Nghỉ bù / Substitute day (${holiday.name.split(' / ')[1]})` });
  }
  const all = [...days, ...substitutes].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, source: 'labour-code', days: all, workingWeekendDays: [] };
}

/** The official schedules that ship with the code (2021, 2024, 2025). */
export const OFFICIAL_HOLIDAY_SCHEDULES: readonly HolidayYear[] = schedulesJson.years.map((y) => ({ ...y, source: 'official' as const }));

/** What is wrong with a province's schedule for `year`, if anything: the field and the rule. */
export function holidayYearProblem(
  year: number,
  days: readonly Holiday[],
  workingWeekendDays: readonly string[],
): { field: string; rule: string } | undefined {
  for (const [index, day] of days.entries()) {
    try {
      parseLocalDate(day.date);
    } catch {
      return { field: `days[${index}].date`, rule: 'a date yyyy-mm-dd' };
    }
    if (!day.date.startsWith(`${year}-`)) return { field: `days[${index}].date`, rule: `a date in ${year}` };
    if (typeof day.name !== 'string' || day.name.trim() === '') return { field: `days[${index}].name`, rule: 'a name' };
  }
  for (const [index, date] of workingWeekendDays.entries()) {
    try {
      parseLocalDate(date);
    } catch {
      return { field: `workingWeekendDays[${index}]`, rule: 'a date yyyy-mm-dd' };
    }
    if (!date.startsWith(`${year}-`)) return { field: `workingWeekendDays[${index}]`, rule: `a date in ${year}` };
    if (!isWeekend(date)) return { field: `workingWeekendDays[${index}]`, rule: 'a Saturday or Sunday' };
  }
  return undefined;
}

/**
 * What is wrong with a province's layer over `national`, if anything: the checks of a schedule, and a province cannot
 * re-declare a national holiday nor work one, nor both close and work the same day.
 */
export function provinceLayerProblem(national: HolidayYear, layer: ProvinceHolidayLayer): { field: string; rule: string } | undefined {
  const problem = holidayYearProblem(layer.year, layer.days, layer.workingWeekendDays);
  if (problem) return problem;
  const closedNationally = new Set(national.days.map((d) => d.date));
  const index = layer.days.findIndex((d) => closedNationally.has(d.date));
  if (index >= 0) return { field: `days[${index}].date`, rule: 'a day the national schedule keeps open' };
  const off = new Set(layer.days.map((d) => d.date));
  for (const [i, date] of layer.workingWeekendDays.entries()) {
    if (closedNationally.has(date)) return { field: `workingWeekendDays[${i}]`, rule: 'not a national holiday' };
    if (off.has(date)) return { field: `workingWeekendDays[${i}]`, rule: 'not also one of the province’s days off' };
  }
  return undefined;
}

/**
 * A province's year: the national schedule with the province's layer over it, each day marked with its layer. A day
 * the province closes wins over a weekend day the nation works (the province gave it off); nothing else is removed.
 */
export function withProvinceLayer(national: HolidayYear, layer?: ProvinceHolidayLayer): HolidayYear {
  const nationalDays = national.days.map((d) => ({ date: d.date, name: d.name, layer: 'national' as const }));
  if (!layer || layer.year !== national.year) return { ...national, days: nationalDays };
  const closedNationally = new Set(national.days.map((d) => d.date));
  const provinceDays = layer.days.filter((d) => !closedNationally.has(d.date)).map((d) => ({ ...d, layer: 'province' as const }));
  const off = new Set(provinceDays.map((d) => d.date));
  const days = [...nationalDays, ...provinceDays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const worked = [...new Set([...national.workingWeekendDays, ...layer.workingWeekendDays])].filter(
    (d) => !off.has(d) && !closedNationally.has(d),
  );
  return { year: national.year, source: national.source, days, workingWeekendDays: worked.sort() };
}

/** Which layer works a weekend day of a province's year: the national schedule's, else the province's. */
export const workedDayLayer = (national: HolidayYear, date: string): HolidayLayer =>
  national.workingWeekendDays.includes(date) ? 'national' : 'province';

/**
 * Which days are closed: a stored schedule for a year (national, or a province's year with its layer merged), else the official schedule shipped
 * with the code, else the Labour Code's. Plain data in, so workflows get the same answer on every replay.
 */
export class HolidayCalendar {
  private readonly years = new Map<number, HolidayYear>();
  private readonly closed = new Map<number, Set<string>>();
  private readonly worked = new Map<number, Set<string>>();

  constructor(provinceYears: readonly HolidayYear[] = []) {
    for (const y of OFFICIAL_HOLIDAY_SCHEDULES) this.years.set(y.year, y);
    for (const y of provinceYears) this.years.set(y.year, y);
  }

  year(year: number): HolidayYear {
    let found = this.years.get(year);
    if (!found) {
      found = labourCodeHolidays(year);
      this.years.set(year, found);
    }
    return found;
  }

  /** Whether the local day `date` (yyyy-mm-dd) is a public holiday or substitute day. */
  isHoliday(date: string): boolean {
    return this.closedIn(Number(date.slice(0, 4))).has(date);
  }

  /** A working day: not a holiday, and a weekday or a Saturday worked in exchange. */
  isWorkingDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (this.workedIn(year).has(date)) return true;
    return !isWeekend(date) && !this.isHoliday(date);
  }

  private closedIn(year: number): Set<string> {
    let set = this.closed.get(year);
    if (!set) this.closed.set(year, (set = new Set(this.year(year).days.map((d) => d.date))));
    return set;
  }

  private workedIn(year: number): Set<string> {
    let set = this.worked.get(year);
    if (!set) this.worked.set(year, (set = new Set(this.year(year).workingWeekendDays)));
    return set;
  }
}

/** The calendar with nothing stored: official schedules, else the Labour Code. */
export const DEFAULT_HOLIDAYS = new HolidayCalendar();
