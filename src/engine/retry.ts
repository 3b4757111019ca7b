/** The retry loop shared by whole checks and by single flow steps. */
import { formatDuration } from '../config/units.js';
import type { RetryPolicy } from './check.js';
import type { Clock } from './clock.js';

/** What the loop reports before it waits for the next attempt. */
export interface RetryNotice<T> {
  attempt: number;
  last: T;
  waitMs: number;
  /** e.g. `1m55s left` or `attempt 3 of 5`. */
  remaining: string;
}

/**
 * Calls `attempt` until `failed(result)` is false, the policy is exhausted, or `signal`
 * aborts. Without a policy it makes one attempt. `interrupted` is true when the policy
 * allowed another attempt but `signal` aborted first.
 */
export async function withRetry<T>(
  policy: RetryPolicy | undefined,
  attempt: (n: number) => Promise<T>,
  options: {
    failed: (result: T) => boolean;
    clock: Clock;
    signal: AbortSignal;
    onRetry?: (notice: RetryNotice<T>) => void;
  },
): Promise<{ result: T; attempts: number; interrupted: boolean }> {
  const start = options.clock.now();
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    if (!options.failed(result) || !policy) return { result, attempts: n, interrupted: false };
    if (options.signal.aborted) return { result, attempts: n, interrupted: true };
    const elapsed = options.clock.now() - start;
    const moreAttempts = policy.attempts === undefined || n < policy.attempts;
    const moreTime = policy.untilMs === undefined || elapsed + policy.intervalMs < policy.untilMs;
    if (!moreAttempts || !moreTime) return { result, attempts: n, interrupted: false };
    const remaining =
      policy.untilMs !== undefined ? `${formatDuration(policy.untilMs - elapsed)} left` : `attempt ${n + 1} of ${policy.attempts ?? '?'}`;
    options.onRetry?.({ attempt: n, last: result, waitMs: policy.intervalMs, remaining });
    await options.clock.sleep(policy.intervalMs, options.signal);
    if (aborted(options.signal)) return { result, attempts: n, interrupted: true };
  }
}

/** Reads `signal.aborted` afresh (it changes while we wait). */
function aborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** Milliseconds a retried piece of work may take in all, given one attempt's budget. */
export function retryBudgetMs(policy: RetryPolicy | undefined, attemptMs: number): number {
  if (!policy) return attemptMs;
  if (policy.untilMs !== undefined) return policy.untilMs + attemptMs;
  const attempts = policy.attempts ?? 1;
  return attempts * attemptMs + (attempts - 1) * policy.intervalMs;
}
