/** What the engine runs: a planned check, independent of its kind. */
import type { SourceLocation } from '../errors.js';
import type { Clock } from './clock.js';
import type { CheckOutcome } from './model.js';

/** How a failed check is tried again. */
export interface RetryPolicy {
  /** Maximum attempts, including the first. */
  attempts?: number;
  /** Keep trying until this many milliseconds after the first attempt started. */
  untilMs?: number;
  /** Pause between attempts, in milliseconds. */
  intervalMs: number;
}

/** Passed to a check for each attempt. */
export interface CheckContext {
  /** Aborted on the attempt's timeout, the gate deadline, or cancellation. */
  signal: AbortSignal;
  /** 1 for the first attempt. */
  attempt: number;
  /** Reports progress on long work; shown live in the terminal and log. */
  progress: (message: string) => void;
  /** The engine's clock: a check that waits (a flow step's retry) waits on it. */
  clock: Clock;
}

/** A check ready to run. Kinds build these from config (see `checks/registry.ts`). */
export interface CheckSpec {
  id: string;
  name: string;
  kind: string;
  location: SourceLocation;
  /** Budget for one attempt in milliseconds; the engine fails an attempt that overruns it. */
  timeoutMs: number;
  retry?: RetryPolicy;
  /** Not verified here does not block the gate (the config's `optional: true`). */
  optional?: boolean;
  /**
   * The engine never abandons this check: no per-attempt timeout, and the gate deadline
   * or a cancellation only aborts `context.signal`, which the check reads between units
   * of work (a migration tool between migrations). For work that must not be killed
   * mid-way (a migration in progress is never killed by release-gates).
   */
  uninterruptible?: boolean;
  /**
   * Runs even after an earlier check of a serial gate did not pass, or the gate was
   * interrupted, like a workflow step's `if: always()`: the record of a rollback, which
   * must be written whatever happened before it (issue #11).
   */
  always?: boolean;
  /**
   * Start-up work shared by checks (loading an HTTP client), done once before the gate's
   * clock starts; the same function for checks that share it.
   */
  prepare?: () => Promise<void>;
  /** Runs one attempt. Kinds return failures as outcomes; a thrown error is a bug. */
  run(context: CheckContext): Promise<CheckOutcome>;
}
