import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CloseSessionRequest, EnterProductRequest, ScorecardRequest, SessionState } from '../model';

export const sessionStateQuery = defineQuery<SessionState>('sessionState');
/** The first step, sent with the workflow start (update-with-start): completes once SessionOpened is recorded. */
export const sessionOpeningUpdate = defineUpdate<SessionState>('sessionOpening');
export const enterProductUpdate = defineUpdate<SessionState, [EnterProductRequest]>('enterProduct');
export const submitScorecardUpdate = defineUpdate<SessionState, [ScorecardRequest]>('submitScorecard');
export const closeSessionUpdate = defineUpdate<SessionState, [CloseSessionRequest]>('closeSession');
