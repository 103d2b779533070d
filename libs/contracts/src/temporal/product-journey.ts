import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  BusinessPlanRequest,
  CycleCalendar,
  DossierCheckRequest,
  DossierRequest,
  JourneyState,
  LabResultsRequest,
  ReviewIdeaRequest,
  ReviseIdeaRequest,
  SessionEnteredSignal,
  SessionResultSignal,
  WithdrawRequest,
} from '../model';

export const journeyStateQuery = defineQuery<JourneyState>('journeyState');
/**
 * Sent together with the workflow start (update-with-start): completes once the idea is recorded, so the
 * API answers only after the product is durable and visible in the read model.
 */
export const ideaSubmissionUpdate = defineUpdate<JourneyState>('ideaSubmission');
export const reviewIdeaUpdate = defineUpdate<JourneyState, [ReviewIdeaRequest]>('reviewIdea');
export const reviseIdeaUpdate = defineUpdate<JourneyState, [ReviseIdeaRequest]>('reviseIdea');
export const submitBusinessPlanUpdate = defineUpdate<JourneyState, [BusinessPlanRequest]>('submitBusinessPlan');
export const submitDossierUpdate = defineUpdate<JourneyState, [DossierRequest]>('submitDossier');
export const checkDossierUpdate = defineUpdate<JourneyState, [DossierCheckRequest]>('checkDossier');
export const submitLabResultsUpdate = defineUpdate<JourneyState, [LabResultsRequest]>('submitLabResults');
export const withdrawUpdate = defineUpdate<JourneyState, [WithdrawRequest]>('withdraw');
export const sessionEnteredSignal = defineSignal<[SessionEnteredSignal]>('sessionEntered');
export const sessionResultSignal = defineSignal<[SessionResultSignal]>('sessionResult');
export const calendarChangedSignal = defineSignal<[CycleCalendar]>('calendarChanged');
