import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { HolidayYear } from '@ocop/domain';
import type { CloseSessionRequest, EnterProductRequest, ScorecardRequest, SessionState, SessionStepAck } from '../model';

export const sessionStateQuery = defineQuery<SessionState>('sessionState');
/** The first step, sent with the workflow start (update-with-start): completes once SessionOpened is recorded. */
export const sessionOpeningUpdate = defineUpdate<SessionStepAck>('sessionOpening');
export const enterProductUpdate = defineUpdate<SessionStepAck, [EnterProductRequest]>('enterProduct');
export const submitScorecardUpdate = defineUpdate<SessionStepAck, [ScorecardRequest]>('submitScorecard');
export const closeSessionUpdate = defineUpdate<SessionStepAck, [CloseSessionRequest]>('closeSession');
/** A province corrected a year's public holidays (PUT /calendars/holidays/:year): working days count with it. */
export const holidaysChangedSignal = defineSignal<[HolidayYear]>('holidaysChanged');
