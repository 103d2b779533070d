import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { OcopActivities } from '@ocop/activities';

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** Before LOCAL_ACTIVITIES: every fact a round trip through the server's activity task queue. */
const remote = proxyActivities<OcopActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY });

/**
 * Recording a fact is a short PostgreSQL transaction in the worker that runs the workflow: as a local activity it
 * needs no activity task, no second workflow task and three fewer history events, so a step is answered in one
 * workflow task (measured by `npm run bench`). Retries still run until PostgreSQL answers; past a few seconds the
 * SDK schedules them with a timer instead of holding the workflow task.
 */
const local = proxyLocalActivities<OcopActivities>({ startToCloseTimeout: '30 seconds', localRetryThreshold: '10 seconds', retry: RETRY });

/** Workflows begun before this change keep calling activities as they did when their history was written. */
export const LOCAL_ACTIVITIES_PATCH = 'local-activities-2026-11';

/**
 * Activities as activity tasks, whatever the patch: for a fact recorded inside an update handler (see EventStream).
 * The task is scheduled by the workflow task that accepts the update, so it runs only once that acceptance is in the
 * history.
 */
export const activityTasks: OcopActivities = proxyActivities<OcopActivities>({ startToCloseTimeout: '10 seconds', retry: RETRY });

/** Activities as workflows call them. Recording retries until PostgreSQL answers: losing a fact is not an option. */
export const activities: OcopActivities = new Proxy({} as OcopActivities, {
  get: (_, name: string) => (patched(LOCAL_ACTIVITIES_PATCH) ? local : remote)[name as keyof OcopActivities],
});
