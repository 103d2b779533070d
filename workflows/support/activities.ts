import { proxyActivities } from '@temporalio/workflow';
import type { OcopActivities } from '@ocop/activities';

/** Activities as workflows call them. Recording retries until PostgreSQL answers: losing a fact is not an option. */
export const activities = proxyActivities<OcopActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
