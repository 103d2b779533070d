import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CloseSessionRequest, EnterProductRequest, ScorecardRequest, SessionState } from '../model';

export const sessionStateQuery = defineQuery<SessionState>('sessionState');
export const enterProductUpdate = defineUpdate<SessionState, [EnterProductRequest]>('enterProduct');
export const submitScorecardUpdate = defineUpdate<SessionState, [ScorecardRequest]>('submitScorecard');
export const closeSessionUpdate = defineUpdate<SessionState, [CloseSessionRequest]>('closeSession');
