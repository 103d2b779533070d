/** When a failed delivery is tried again, and when the outbox gives up on it. */
export interface RetryPolicy {
  /** Delay after the first failed attempt; it doubles with every further failure. */
  readonly baseDelayMs: number;
  /** Upper bound of the delay between two attempts. */
  readonly maxDelayMs: number;
  /** Attempts in all (the first included); the row is dead when the last of them fails. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 60 * 60_000, maxAttempts: 8 };

/** Delay before the next attempt after `attempts` attempts (≥ 1) have failed: min(base · 2^(attempts−1), max). */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  // 2^(attempts−1) overflows to Infinity for absurd counts; min() still answers the maximum.
  return Math.min(policy.baseDelayMs * 2 ** (attempts - 1), policy.maxDelayMs);
}

export type AfterFailure = { readonly status: 'pending'; readonly nextAttemptAt: Date } | { readonly status: 'dead' };

/** What becomes of a row whose attempt number `attempts` (counting from 1) has just failed at `now`. */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): AfterFailure {
  if (attempts >= policy.maxAttempts) return { status: 'dead' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)) };
}

export function assertRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const { baseDelayMs, maxDelayMs, maxAttempts } = policy;
  if (!(Number.isFinite(baseDelayMs) && baseDelayMs >= 0)) throw new RangeError(`baseDelayMs must be ≥ 0, got ${baseDelayMs}`);
  if (!(Number.isFinite(maxDelayMs) && maxDelayMs >= baseDelayMs))
    throw new RangeError(`maxDelayMs must be ≥ baseDelayMs, got ${maxDelayMs}`);
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1))
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  return policy;
}
