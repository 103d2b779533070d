import { workflowInfo } from '@temporalio/workflow';

/** Continue as new past this many history events, unless a workflow is given its own limit (tests lower it). */
export const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

/** True when the history has grown long enough to continue as new (Temporal may also suggest it on its own). */
export function historyIsLong(limit = DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > limit;
}
