/** How the outbox retries a send: exponential backoff with full jitter, then giving up. Pure. */

export interface RetryPolicy {
  /** the first retry waits up to this long */
  baseMs: number;
  /** no wait is longer than this */
  maxMs: number;
  /** sends tried before the row is given up on (1 = never retry) */
  maxAttempts: number;
}

/** Exponential backoff with full jitter: uniform in [0, min(maxMs, baseMs·2^(attempt-1))). */
export function backoffDelay(attempt: number, retry: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.maxMs, retry.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.floor(random() * ceiling);
}
