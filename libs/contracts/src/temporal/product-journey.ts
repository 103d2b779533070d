import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  BusinessPlanRequest,
  CycleCalendar,
  DossierCheckRequest,
  DossierRequest,
  JourneyState,
  JourneyStepAck,
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
export const ideaSubmissionUpdate = defineUpdate<JourneyStepAck>('ideaSubmission');
export const reviewIdeaUpdate = defineUpdate<JourneyStepAck, [ReviewIdeaRequest]>('reviewIdea');
export const reviseIdeaUpdate = defineUpdate<JourneyStepAck, [ReviseIdeaRequest]>('reviseIdea');
export const submitBusinessPlanUpdate = defineUpdate<JourneyStepAck, [BusinessPlanRequest]>('submitBusinessPlan');
export const submitDossierUpdate = defineUpdate<JourneyStepAck, [DossierRequest]>('submitDossier');
export const checkDossierUpdate = defineUpdate<JourneyStepAck, [DossierCheckRequest]>('checkDossier');
export const submitLabResultsUpdate = defineUpdate<JourneyStepAck, [LabResultsRequest]>('submitLabResults');
export const withdrawUpdate = defineUpdate<JourneyStepAck, [WithdrawRequest]>('withdraw');
export const sessionEnteredSignal = defineSignal<[SessionEnteredSignal]>('sessionEntered');
export const sessionResultSignal = defineSignal<[SessionResultSignal]>('sessionResult');
export const calendarChangedSignal = defineSignal<[CycleCalendar]>('calendarChanged');
