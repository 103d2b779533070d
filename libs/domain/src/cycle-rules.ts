import { RuleSetCode } from './reference-data';

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
