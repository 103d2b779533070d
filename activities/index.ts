import { JourneyActivities } from './journey.activities';

export { JourneyActivities };
export type { RecordResult } from './journey.activities';

/** Every activity provider the worker hosts. */
export const ACTIVITY_CLASSES = [JourneyActivities] as const;

/** The activity functions as workflows see them (by type only). */
export type OcopActivities = JourneyActivities;
