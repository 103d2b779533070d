import type { HolidayYear, LevelName, PartCode, RuleSetCode } from '@ocop/domain';
import type { Actor } from './actors';

export const EVALUATION_SESSION_WORKFLOW = 'evaluationSession';

export interface CouncilMember {
  readonly memberId: string;
  readonly name: string;
}

export interface EvaluationSessionInput {
  readonly sessionId: string;
  readonly ruleSet: RuleSetCode;
  readonly level: LevelName;
  /** A district code, a province code, or `vn` for central sessions. */
  readonly areaCode: string;
  readonly provinceCode: string;
  readonly cycleYear: number;
  readonly sessionDate: string;
  readonly members: readonly CouncilMember[];
  readonly chairId: string;
  /** Who created the session (an actor label, `role:userId`); recorded on SessionOpened. */
  readonly openedBy?: string;
  /** Years whose public holidays a province has set; other years follow the shipped schedules and the Labour Code. */
  readonly holidays?: readonly HolidayYear[];
  /** The cycle's rule "day" in ms (simulations and demos): the wait until scoring opens shrinks alike. */
  readonly dayLengthMs?: number;
}

export interface EnteredProduct {
  readonly productId: string;
  readonly workflowId: string;
  readonly name: string;
}

export interface SessionScorecard {
  readonly memberId: string;
  readonly productId: string;
  readonly parts: Readonly<Record<PartCode, number>>;
  readonly total: number;
  readonly revision: number;
}

/** What a session's step answers (the whole state is sessionStateQuery's; see JourneyStepAck for why). */
export interface SessionStepAck {
  readonly status: SessionState['status'];
  readonly lastEventSeq: number;
}

export interface SessionState {
  readonly sessionId: string;
  readonly level: LevelName;
  readonly areaCode: string;
  readonly sessionDate: string;
  status: 'open' | 'closed';
  products: EnteredProduct[];
  scorecards: SessionScorecard[];
  /** Per product, members whose totals lie outside the allowed spread and must revise. */
  mustRevise: Record<string, string[]>;
  results: { productId: string; outcome: 'scored' | 'missing'; mean?: number; stars?: number }[];
  lastEventSeq: number;
  /** The last day (00:00 Vietnam time) products may be entered: the session date less the dossier lead working days. */
  latestDossierDate?: string;
  /** From when members may score: 00:00 Vietnam time of the session's day (sooner on a compressed calendar). */
  scoringOpensAt?: string;
}

export interface EnterProductRequest {
  readonly actor: Actor;
  readonly product: EnteredProduct;
}
export interface ScorecardRequest {
  readonly actor: Actor;
  readonly memberId: string;
  readonly productId: string;
  readonly parts: Readonly<Record<PartCode, number>>;
}
export interface CloseSessionRequest {
  readonly actor: Actor;
  readonly presentMemberIds: readonly string[];
}
