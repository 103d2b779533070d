import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { HolidayYear } from '@ocop/domain';
import type { CloseSessionRequest, EnterProductRequest, ScorecardRequest, SessionState } from '../model';

export const sessionStateQuery = defineQuery<SessionState>('sessionState');
export const enterProductUpdate = defineUpdate<SessionState, [EnterProductRequest]>('enterProduct');
export const submitScorecardUpdate = defineUpdate<SessionState, [ScorecardRequest]>('submitScorecard');
export const closeSessionUpdate = defineUpdate<SessionState, [CloseSessionRequest]>('closeSession');
/** A province corrected a year's public holidays (PUT /calendars/holidays/:year): working days count with it. */
export const holidaysChangedSignal = defineSignal<[HolidayYear]>('holidaysChanged');
