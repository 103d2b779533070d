import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CycleCalendar, CycleProgress, JourneyProgressSignal, LateEntryRequest, MoveDateRequest } from '../model';

export const cycleProgressQuery = defineQuery<CycleProgress>('cycleProgress');
/**
 * The first step, sent with the workflow start (update-with-start): completes once CycleOpened is recorded. One
 * opening per cycle: another request's opening is refused (ALREADY_EXISTS); a retry of the same one (same update id)
 * gets the first answer.
 */
export const cycleOpeningUpdate = defineUpdate<CycleProgress>('cycleOpening');
export const moveDateUpdate = defineUpdate<CycleCalendar, [MoveDateRequest]>('moveDate');
/** A coordinator of the organisation's area opens a late entry (LateEntryOpened, with the actor); answers the cycle's progress. */
export const lateEntryOpeningUpdate = defineUpdate<CycleProgress, [LateEntryRequest]>('lateEntryOpening');
export const journeyProgressSignal = defineSignal<[JourneyProgressSignal]>('journeyProgress');
