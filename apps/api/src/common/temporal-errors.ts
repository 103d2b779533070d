import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ERROR_CODES, ErrorCode, OcopError } from '@ocop/domain';

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && value in ERROR_CODES;

/**
 * A workflow's update validator refuses with an ApplicationFailure whose type is one of our error codes; the
 * API answers it as the same coded error any other check would give (409 wrong stage, 403 wrong actor, …).
 * Anything else from Temporal means Temporal is not answering: 503, never a 500.
 */
export function fromTemporalError(error: unknown): OcopError {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isErrorCode(error.cause.type)) {
    const details = error.cause.details?.[0];
    return new OcopError(error.cause.type, typeof details === 'object' && details ? (details as Record<string, unknown>) : undefined);
  }
  // The API acts only on entities its read models know, so a workflow that is not there has ended: nothing is
  // awaited any more (an update to a completed journey, a closed session past its grace period).
  if (error instanceof WorkflowNotFoundError) return new OcopError('WRONG_STAGE', { reason: 'the workflow has ended; no step is awaited' });
  return new OcopError('WORKFLOW_UNAVAILABLE');
}
