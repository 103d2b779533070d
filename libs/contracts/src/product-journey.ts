import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RuleSetCode } from '@ocop/domain';

export const PRODUCT_JOURNEY_WORKFLOW = 'productJourney';

export type JourneyStage = 'idea_submitted' | 'awaiting_idea_review';

export interface ProductJourneyInput {
  readonly productId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly productGroup: string;
  readonly districtCode: string;
  readonly provinceCode: string;
  readonly cycleYear: number;
  readonly ruleSet: RuleSetCode;
  /** Who submitted the idea: a user id, or `system` for seeded data. */
  readonly submittedBy: string;
  readonly submittedAt: string;
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
}

/** Live state of a journey. */
export const journeyStateQuery = defineQuery<JourneyState>('journeyState');

/**
 * Sent together with the workflow start (update-with-start): completes once the idea is recorded, so the
 * API answers only after the product is durable and visible in the read model.
 */
export const ideaSubmissionUpdate = defineUpdate<JourneyState>('ideaSubmission');
