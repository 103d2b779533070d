import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
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
  // The step's deadline (TEMPORAL_STEP_TIMEOUT_MS) passed before the workflow took it: the same request may be retried.
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || grpcCode(error) === DEADLINE_EXCEEDED)
    return new OcopError('WORKFLOW_UNAVAILABLE', { reason: 'the workflow did not take the step in time; retry it' });
  return new OcopError('WORKFLOW_UNAVAILABLE');
}

const DEADLINE_EXCEEDED = 4;
const grpcCode = (error: unknown): unknown => (error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined);

// gRPC status codes Temporal answers when it could take the call a moment later: RESOURCE_EXHAUSTED (too many
// updates in flight on one workflow, rate limits), ABORTED, UNAVAILABLE.
const TRANSIENT_GRPC_CODES = new Set([8, 10, 14]);
const TRANSIENT_MESSAGES = /unprocessed ?update|was not processed|too many outstanding|resource ?exhausted|workflow is busy/i;

/**
 * A refusal that says "not now" rather than "no": an update Temporal did not process (`UnprocessedUpdate`, a
 * workflow task that failed or was superseded), too many updates in flight on one workflow, a frontend that
 * briefly did not answer. Retrying it is safe because every update carries an update id Temporal deduplicates.
 */
export function isTransientTemporalRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code)) return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * How long the API keeps retrying transient refusals before it answers 503: long enough for a burst of updates from
 * several API processes on one workflow to drain on a loaded machine, still inside a browser's patience.
 */
export const TRANSIENT_RETRY_BUDGET_MS = 15_000;

/**
 * Runs `operation`, retrying transient Temporal refusals with jittered exponential back-off (50 ms doubling, at most
 * 1 s apart) until `budgetMs` is spent; the last error is thrown as is. Anything else is thrown at once.
 */
export async function retryTransientRefusals<T>(operation: () => Promise<T>, budgetMs = TRANSIENT_RETRY_BUDGET_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const pause = Math.min(1000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (!isTransientTemporalRefusal(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
