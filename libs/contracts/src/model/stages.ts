import type { LevelName } from '@ocop/domain';

/** A level whose council meets in a session (every level but the commune's dossier check). */
export type SessionLevel = Exclude<LevelName, 'commune'>;

/** Where a journey stands. Waiting stages name what they wait for; the last five are terminal. */
export type JourneyStage =
  | 'idea_submitted'
  | 'awaiting_idea_review'
  | 'changes_requested'
  | 'business_plan_due'
  | 'dossier_due'
  | 'awaiting_commune_check'
  | 'awaiting_lab_test'
  | `awaiting_${SessionLevel}_session`
  | 'rejected'
  | 'withdrawn'
  | 'not_qualified'
  | 'failed_lab_test'
  | 'certified';

/** Every stage, in the order a journey passes them (the terminal ones last). */
export const JOURNEY_STAGES: readonly JourneyStage[] = [
  'idea_submitted',
  'awaiting_idea_review',
  'changes_requested',
  'business_plan_due',
  'dossier_due',
  'awaiting_commune_check',
  'awaiting_lab_test',
  'awaiting_district_session',
  'awaiting_province_session',
  'awaiting_central_session',
  'rejected',
  'withdrawn',
  'not_qualified',
  'failed_lab_test',
  'certified',
];

export const TERMINAL_STAGES: readonly JourneyStage[] = ['rejected', 'withdrawn', 'not_qualified', 'failed_lab_test', 'certified'];

export const isTerminalStage = (stage: string): boolean => (TERMINAL_STAGES as readonly string[]).includes(stage);

/** The stage of a product waiting for `level`: its commune's dossier check, or that level's council session. */
export function waitingStageFor(level: LevelName): JourneyStage {
  return level === 'commune' ? 'awaiting_commune_check' : `awaiting_${level}_session`;
}

/** The level a waiting stage waits for, if it is one. */
export function levelWaitedFor(stage: string): LevelName | undefined {
  if (stage === 'awaiting_commune_check') return 'commune';
  const match = /^awaiting_(district|province|central)_session$/.exec(stage);
  return match ? (match[1] as SessionLevel) : undefined;
}
