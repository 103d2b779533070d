// Shapes of the council API's answers (apps/api/src/sessions/dto/session.response.ts).
import type { ScoringPart } from '../../reference';

export interface SessionSummary {
  id: string;
  workflowId: string;
  level: 'district' | 'province' | 'central' | string;
  areaCode: string;
  provinceCode: string;
  cycleYear: number;
  ruleSet: string;
  scoringParts: ScoringPart[];
  sessionDate: string;
  status: 'open' | 'closed' | string;
  chairId: string | null;
  members: { memberId: string; name: string }[];
  openedBy: string | null;
  productsEntered: number;
  productsScored: number;
  updatedAt: string;
}

export interface Scorecard {
  memberId: string;
  productId: string;
  parts: Record<string, number>;
  total: number;
  revision: number;
}

export interface SessionState {
  status: string;
  products: { productId: string; workflowId: string; name: string }[];
  scorecards: Scorecard[];
  mustRevise: Record<string, string[]>;
  results: { productId: string; outcome: string; mean?: number; stars?: number }[];
  lastEventSeq: number;
  /** Members score from this instant (00:00 Vietnam time of the session's day). */
  scoringOpensAt?: string;
}

export interface SessionDetail extends SessionSummary {
  live: SessionState | null;
}

export interface SessionProduct {
  productId: string;
  workflowId: string;
  name: string;
  productGroup: string | null;
  productGroupName: string | null;
  districtCode: string | null;
  districtName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  stage: string | null;
  enteredAt: string;
  dossier: { selfAssessment: Record<string, number>; evidence: string[]; submittedAt: string } | null;
  scorecards: (Scorecard & { memberName: string })[];
}

export interface ScorecardResult {
  scorecard: Scorecard;
  spread: { total: number; others: number; largestDifference: number; maxSpreadPoints: number; exceeded: boolean; mustRevise: boolean };
  session: SessionState;
}
