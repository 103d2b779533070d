import { CALENDAR_ORDER, type CalendarDates, type RuleSetCode } from '@ocop/domain';
import type { Actor } from './actors';
import type { JourneyStage } from './stages';

export const ANNUAL_CYCLE_WORKFLOW = 'annualCycle';

/** A province-year's calendar (ISO instants); the windows must stay in CALENDAR_WINDOWS order. */
export type CycleCalendar = CalendarDates;
export const CALENDAR_WINDOWS = CALENDAR_ORDER;
export type CalendarWindow = (typeof CALENDAR_WINDOWS)[number];

export interface CycleTargets {
  readonly newCertifiedProducts: number;
  readonly organisationsConsolidated: number;
  readonly newOrganisations: number;
}

export interface AnnualCycleInput {
  readonly provinceCode: string;
  readonly year: number;
  readonly ruleSet: RuleSetCode;
  readonly calendar: CycleCalendar;
  readonly targets: CycleTargets;
  /** Who gets the broadcast reminders (an inbox group id). */
  readonly broadcastRecipient?: string;
  /** Who opened the cycle (an actor label, `role:userId`); recorded on CycleOpened. */
  readonly openedBy?: string;
  /** Passed to every journey of the cycle: a rule "day" in ms (simulations and demos only). */
  readonly dayLengthMs?: number;
}

/**
 * What the annual cycle workflow knows (its query, and the answer of its opening and late-entry updates): the calendar,
 * the late entries, and the journeys it has heard of. A journey tells the cycle when it starts and when it ends (those
 * recorded before `journey-reports-start-and-end-2026-12` also at every stage between): enough to send a moved date to
 * the running ones and to close only once every one has ended — not where each one stands. Products by stage are the
 * read model's (`cycle_progress`; `GET /cycles/:province/:year` and the progress endpoint serve them from there).
 */
export interface CycleProgress {
  readonly provinceCode: string;
  readonly year: number;
  readonly ruleSet: RuleSetCode;
  readonly calendar: CycleCalendar;
  /** The journeys that reported to this cycle: still running, and ended (in a terminal stage). */
  readonly journeys: { readonly open: number; readonly ended: number };
  /** Of the ended journeys, those that ended certified, and those by stars. */
  readonly certified: number;
  readonly starsDistribution: Readonly<Record<string, number>>;
  readonly targets: CycleTargets;
  readonly targetMet: { readonly newCertifiedProducts: boolean };
  /** Organisations a coordinator let in after the idea window closed, with the instant each late entry ends. */
  readonly lateEntries?: Readonly<Record<string, string>>;
}

/**
 * A coordinator lets one organisation send ideas after the idea window closed, until `until` (the end of a local day).
 * The API places the organisation (its district) from the read model; the cycle checks the coordinator is of that area.
 */
export interface LateEntryRequest {
  readonly actor: Actor;
  readonly organisationId: string;
  readonly districtCode: string;
  /** The last day (a local date or an instant); 7 local days from now when left out. */
  readonly until?: string;
}

export interface MoveDateRequest {
  readonly actor: Actor;
  readonly window: CalendarWindow;
  readonly newDate: string;
}

/** A journey's report to its cycle: when it starts, when it ends (and, from journeys started before the patch, every stage). */
export interface JourneyProgressSignal {
  readonly workflowId: string;
  readonly productId: string;
  readonly organisationId: string;
  readonly stage: JourneyStage;
  readonly stars?: number;
}
