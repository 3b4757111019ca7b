/** Maps a check's `retry:` config to the engine's retry policy. */
import { DEFAULT_RETRY_PAUSE_MS, type RetryConfig } from '../config/schema/common.js';
import type { RetryPolicy } from '../engine/check.js';

/** Pause between attempts when `retry:` names none: 2 seconds. */
export const DEFAULT_RETRY_INTERVAL_MS = DEFAULT_RETRY_PAUSE_MS;

/** The engine policy for a `retry:` block, or undefined when there is none. */
export function toRetryPolicy(retry: RetryConfig | undefined): RetryPolicy | undefined {
  if (!retry) return undefined;
  return {
    ...(retry.attempts === undefined ? {} : { attempts: retry.attempts }),
    ...(retry.until === undefined ? {} : { untilMs: retry.until }),
    intervalMs: retry.every ?? retry.interval ?? DEFAULT_RETRY_INTERVAL_MS,
  };
}
