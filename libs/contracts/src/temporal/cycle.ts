import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CycleCalendar, CycleProgress, JourneyProgressSignal, MoveDateRequest } from '../model';

export const cycleProgressQuery = defineQuery<CycleProgress>('cycleProgress');
export const moveDateUpdate = defineUpdate<CycleCalendar, [MoveDateRequest]>('moveDate');
export const journeyProgressSignal = defineSignal<[JourneyProgressSignal]>('journeyProgress');
