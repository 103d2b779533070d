import type { CalendarDates, LevelName, PartCode, RuleSetCode } from '@ocop/domain';
import type { Actor } from './actors';
import type { JourneyStage } from './stages';

export const PRODUCT_JOURNEY_WORKFLOW = 'productJourney';

export interface AgencyContacts {
  /** The accredited lab that tests this province's products. */
  readonly labId: string;
  readonly labWebhookUrl?: string;
  /** The inspection agency for post-certification checks. */
  readonly inspectorId: string;
  readonly inspectorWebhookUrl?: string;
}

export interface ProductJourneyInput {
  readonly productId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly productGroup: string;
  readonly districtCode: string;
  readonly provinceCode: string;
  /** The organisation's commune on the 2025 map, when it has one: a commune cycle's area (its officer checks the dossier). */
  readonly communeCode?: string;
  readonly cycleYear: number;
  readonly ruleSet: RuleSetCode;
  /** Who submitted the idea: a user id, or `system` for seeded data. */
  readonly submittedBy: string;
  readonly submittedAt: string;
  /** The cycle's calendar when the journey started; the cycle signals later moves. Defaults from the year. */
  readonly calendar?: CalendarDates;
  readonly agencies?: AgencyContacts;
  /** A certificate this journey re-evaluates; certifying again supersedes it. */
  readonly previousCertificateNo?: string;
  /**
   * How long a "day" of the rules lasts (reminder offsets, grace periods, lab turnaround). A day, except in
   * simulations and demos that run a whole cycle in minutes on a real server.
   */
  readonly dayLengthMs?: number;
}

export interface LevelResult {
  readonly level: LevelName;
  readonly sessionId?: string;
  readonly mean: number;
  readonly stars: number;
  readonly totals: readonly { memberId: string; total: number }[];
  readonly perPartMean?: Readonly<Record<PartCode, number>>;
  readonly outcome: 'not_qualified' | 'recognised' | 'forwarded' | 'passed' | 'failed';
}

export interface LabIndicatorResult {
  readonly indicator: string;
  readonly value?: string;
  readonly passed: boolean;
}

/**
 * What a person's step answers: where the journey now stands. The whole state is the query's (journeyStateQuery):
 * an update's answer is stored in the history with it, and a whole state there cost every step its size again.
 */
export interface JourneyStepAck {
  readonly stage: JourneyStage;
  /** Stream position of the last event the journey appended (the step's own, once it is recorded). */
  readonly lastEventSeq: number;
}

export interface JourneyState {
  readonly productId: string;
  readonly cycleYear: number;
  readonly ruleSet: RuleSetCode;
  stage: JourneyStage;
  /** True once IdeaSubmitted is in the event log and the read model. */
  ideaRecorded: boolean;
  /** Stream position of the last event this journey appended. */
  lastEventSeq: number;
  updatedAt: string;
  /** The deadline of the step being waited on, if any. */
  dueAt?: string;
  /** The session this product is entered in, while it waits for one. */
  sessionId?: string;
  results: LevelResult[];
  lab?: { requestId: string; attempt: number; dueAt: string; results?: readonly LabIndicatorResult[] };
  stars?: number;
  certificateNo?: string;
  /** Why a terminal stage was reached. */
  reason?: string;
}

// Human and agency steps: updates with validators (the caller learns at once whether it was accepted).
export interface ReviewIdeaRequest {
  readonly actor: Actor;
  readonly decision: 'accept' | 'reject' | 'request_changes';
  readonly reason?: string;
  /** For request_changes: when the revised idea is due (ISO). */
  readonly dueAt?: string;
}
export interface ReviseIdeaRequest {
  readonly actor: Actor;
  readonly name?: string;
  readonly note?: string;
}
export interface BusinessPlanRequest {
  readonly actor: Actor;
  readonly summary: string;
  readonly documentUrl?: string;
}
export interface DossierRequest {
  readonly actor: Actor;
  readonly selfAssessment: Readonly<Record<PartCode, number>>;
  readonly evidence: readonly string[];
}
export interface DossierCheckRequest {
  readonly actor: Actor;
  readonly passed: boolean;
  readonly reason?: string;
}
export interface LabResultsRequest {
  readonly actor: Actor;
  readonly requestId: string;
  readonly indicators: readonly LabIndicatorResult[];
}
export interface WithdrawRequest {
  readonly actor: Actor;
  readonly reason: string;
}

// From other workflows (workflows cannot send updates): signals, checked by the journey on arrival.
export interface SessionEnteredSignal {
  readonly sessionId: string;
  readonly level: LevelName;
  readonly sessionDate: string;
}
export interface SessionResultSignal {
  readonly sessionId: string;
  readonly level: LevelName;
  /** `missing`: the session closed without enough scorecards for this product; it waits for the next one. */
  readonly outcome: 'scored' | 'missing';
  readonly mean?: number;
  readonly stars?: number;
  readonly totals?: readonly { memberId: string; total: number }[];
  readonly perPartMean?: Readonly<Record<PartCode, number>>;
}
