// Shapes of the API's responses the screens read (see /docs for the full schemas).

import type { Role as Actor } from '@ocop/model';

/** A person's role: every role an actor may have but the system's own. */
export type Role = Exclude<Actor, 'system'>;

export interface User {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId?: string;
  districtCode?: string;
  provinceCode?: string;
  /** commune officer: its commune (2025 map). */
  communeCode?: string;
  agencyId?: string;
}

export interface LevelResult {
  level: string;
  sessionId?: string;
  mean: number;
  stars: number;
  totals: { memberId: string; total: number }[];
  perPartMean?: Record<string, number>;
  outcome: string;
}

export interface JourneyState {
  stage: string;
  dueAt?: string;
  sessionId?: string;
  results: LevelResult[];
  lab?: { requestId: string; attempt: number; dueAt: string; results?: { indicator: string; value?: string; passed: boolean }[] };
  stars?: number;
  certificateNo?: string;
  reason?: string;
}

export interface Product {
  id: string;
  organisationId: string;
  organisationName?: string;
  name: string;
  productGroup: string;
  province: string;
  district: string;
  /** Its organisation's commune (a commune cycle's area), with its name. */
  commune?: string;
  communeName?: string;
  cycleYear: number;
  ruleSet: string;
  stage: string;
  workflowId: string;
  submittedAt: string;
  stars?: number;
  dueAt?: string;
  overdue: boolean;
  certificateNo?: string;
  sessionId?: string;
  reason?: string;
  updatedAt: string;
}

export interface ProductDetail extends Product {
  live: JourneyState | null;
}

export interface TimelineEntry {
  seq: number;
  /** The journey's stream, or a council session's for a member's scorecard. */
  streamId: string;
  streamSeq: number;
  type: string;
  at: string;
  actor: { label: string; role: string; userId?: string; name?: string };
  payload: Record<string, unknown>;
}
