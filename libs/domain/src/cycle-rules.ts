import { RuleSetCode } from './reference-data';
import { endOfLocalDate, endOfLocalDay, isOverdue, startOfLocalDay } from './vietnam-time';

/**
 * The rule set in force for a cycle year, until cycles carry their own (a cycle names its rule set once the
 * cycle API exists). 1048/2019 ran the cycles to 2022; 148/2023 replaced it from 2023; 1489/2025 (July 2025)
 * applies from the 2026 cycle.
 */
export function defaultRuleSetForYear(cycleYear: number): RuleSetCode {
  if (cycleYear <= 2022) return 'QD1048-2019';
  if (cycleYear <= 2025) return 'QD148-2023';
  return 'QD1489-2025';
}

/** OCOP started in 2018 (Decision 490/QĐ-TTg); a cycle further than a year ahead is a typo, not a plan. */
export const FIRST_CYCLE_YEAR = 2018;
export function isPlausibleCycleYear(cycleYear: number, now: Date): boolean {
  return Number.isInteger(cycleYear) && cycleYear >= FIRST_CYCLE_YEAR && cycleYear <= now.getUTCFullYear() + 1;
}

/** How long a late entry stays open when the coordinator names no end: through the 7th local day from today. */
export const DEFAULT_LATE_ENTRY_DAYS = 7;

/**
 * Whether a cycle takes an idea at `now`: through the whole local day (Vietnam time) its idea window closes on, and
 * after that only from an organisation a coordinator opened a late entry for, through the local day it ends.
 */
export function takesIdeas(ideaWindowClosesAt: string, now: Date | number, lateEntryUntil?: string): boolean {
  if (!isOverdue(ideaWindowClosesAt, now)) return true;
  return lateEntryUntil !== undefined && !isOverdue(lateEntryUntil, now);
}

/** The end of a late entry: the day asked for, or the 7th local day from `now` — always the end of a local day. */
export function lateEntryEnds(now: Date | number, until?: string): Date {
  return until === undefined ? endOfLocalDay(new Date(+now + DEFAULT_LATE_ENTRY_DAYS * 86_400_000)) : endOfDueDay(until);
}

/** The instant a due date ends (a `yyyy-mm-dd` local date, or an instant read as its local day; 00:00 local is the day before's end). */
function endOfDueDay(due: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return endOfLocalDate(due);
  const at = Date.parse(due);
  return startOfLocalDay(at).getTime() === at ? new Date(at) : endOfLocalDay(at);
}
