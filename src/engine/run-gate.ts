/**
 * Runs a gate's checks with bounded concurrency, a per-attempt timeout, retries, a
 * whole-gate deadline and cancellation. Never hangs past the deadline, never lets a
 * check's rejection escape, and keeps results in config order.
 */
import { formatDuration } from '../config/units.js';
import type { CheckSpec } from './check.js';
import { systemClock, type Clock } from './clock.js';
import { withRetry } from './retry.js';
import { gateStatusOf, type CheckOutcome, type CheckResult, type GateResult } from './model.js';

/** Default number of checks run at once (README.md, "Gate settings": `concurrency`). */
export const DEFAULT_CONCURRENCY = 8;
/** Default whole-gate deadline: 15 minutes. */
export const DEFAULT_DEADLINE_MS = 15 * 60_000;
/** Extra time the engine allows past a check's own budget before it fails the attempt. */
const GRACE_MS = 1000;

/** Something that happened while a gate ran, for live progress. */
export type GateEvent =
  | { type: 'check-started'; check: CheckSpec }
  | { type: 'check-progress'; check: CheckSpec; message: string }
  | { type: 'check-finished'; result: CheckResult };

export interface RunGateOptions {
  gate: string;
  environment: string | undefined;
  checks: readonly CheckSpec[];
  /** Checks run at once; default {@link DEFAULT_CONCURRENCY}. */
  concurrency?: number;
  /** Whole-gate deadline in milliseconds; default {@link DEFAULT_DEADLINE_MS}. */
  deadlineMs?: number;
  /**
   * One check at a time, in order; once a check does not pass (failed, pending, or not
   * verified and not optional), the rest are not run and say which check stopped them.
   * For gates whose steps build on each other (migrate: plan, analyse, acknowledge,
   * apply, verify; rollback: step after step). `concurrency` is then ignored.
   */
  serial?: boolean;
  /** Cancels the gate (e.g. on SIGINT or a cancelled workflow). */
  signal?: AbortSignal;
  clock?: Clock;
  onEvent?: (event: GateEvent) => void;
}

class Interrupted extends Error {}

/** Resolves with `promise`, or rejects with {@link Interrupted} once `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function bugOutcome(check: CheckSpec, error: unknown): CheckOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 'failed',
    summary: `internal error in the ${check.kind} check: ${message} (a bug in release-gates, not in your config)`,
    measured: 'internal error',
    expected: 'the check to run',
    details: error instanceof Error && error.stack ? [error.stack] : [],
  };
}

/**
 * Runs one attempt within the check's budget, turning a thrown error into a bug outcome.
 * Also takes a monitor's samples (`gates/monitor/`), one attempt each.
 */
export async function runAttempt(
  check: CheckSpec,
  attempt: number,
  gateSignal: AbortSignal,
  why: () => string,
  clock: Clock,
  emit: (event: GateEvent) => void,
): Promise<CheckOutcome> {
  const progress = (message: string): void => emit({ type: 'check-progress', check, message });
  if (check.uninterruptible) {
    try {
      return await check.run({ signal: gateSignal, attempt, progress, clock });
    } catch (error) {
      return bugOutcome(check, error);
    }
  }
  const attemptController = new AbortController();
  const timer = setTimeout(() => attemptController.abort(), check.timeoutMs + GRACE_MS);
  const signal = AbortSignal.any([gateSignal, attemptController.signal]);
  const context = { signal, attempt, progress, clock };
  try {
    return await raceAbort(
      Promise.resolve().then(() => check.run(context)),
      signal,
    );
  } catch (error) {
    if (!(error instanceof Interrupted)) return bugOutcome(check, error);
    if (gateSignal.aborted) return { status: 'failed', summary: why(), measured: 'interrupted', expected: 'completion' };
    return {
      status: 'failed',
      summary: `no result within the check's ${formatDuration(check.timeoutMs)} budget`,
      measured: `> ${formatDuration(check.timeoutMs)}`,
      expected: `≤ ${formatDuration(check.timeoutMs)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every attempt of one check, honouring its retry policy. */
async function runCheck(
  check: CheckSpec,
  gateSignal: AbortSignal,
  why: () => string,
  clock: Clock,
  emit: (event: GateEvent) => void,
): Promise<CheckResult> {
  const startedAt = clock.date().toISOString();
  const start = clock.now();
  emit({ type: 'check-started', check });
  const {
    result: outcome,
    attempts,
    interrupted,
  } = await withRetry(check.retry, (n) => runAttempt(check, n, gateSignal, why, clock, emit), {
    failed: (result) => result.status === 'failed',
    clock,
    signal: gateSignal,
    onRetry: ({ attempt, last, waitMs, remaining }) =>
      emit({
        type: 'check-progress',
        check,
        message: `attempt ${attempt} failed: ${last.summary}; retrying in ${formatDuration(waitMs)} (${remaining})`,
      }),
  });
  // A retry cut short by the deadline or cancellation says so, not just the last failure.
  const stopped =
    interrupted && outcome.measured !== 'interrupted' ? `; no more retries: ${why().replace(/ before it finished$/, '')}` : '';
  return {
    id: check.id,
    name: check.name,
    kind: check.kind,
    status: outcome.status,
    summary:
      attempts > 1 || stopped ? `${outcome.summary} (after ${attempts} attempt${attempts > 1 ? 's' : ''}${stopped})` : outcome.summary,
    measured: outcome.measured ?? '',
    expected: outcome.expected ?? '',
    details: outcome.details ?? [],
    location: check.location,
    startedAt,
    durationMs: Math.round(clock.now() - start),
    attempts,
    ...(check.optional ? { optional: true } : {}),
    ...(outcome.data === undefined ? {} : { data: outcome.data }),
  };
}

/**
 * Runs a gate. Results come back in the order of `options.checks`.
 * Checks not started when the deadline passes, or the gate is cancelled, fail with
 * "not run" and the reason.
 */
export async function runGate(options: RunGateOptions): Promise<GateResult> {
  const clock = options.clock ?? systemClock;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const concurrency = options.serial ? 1 : Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const emit = options.onEvent ?? (() => undefined);
  // Shared start-up work (e.g. loading the HTTP client) before the gate's clock starts;
  // a failure here shows up in the checks that need it.
  await Promise.allSettled(
    [...new Set(options.checks.flatMap((check) => (check.prepare ? [check.prepare] : [])))].map((prepare) => prepare()),
  );
  const startedAt = clock.date().toISOString();
  const start = clock.now();

  const deadline = new AbortController();
  const deadlineTimer = setTimeout(() => deadline.abort(), deadlineMs);
  const signals = [deadline.signal, ...(options.signal ? [options.signal] : [])];
  const gateSignal = AbortSignal.any(signals);
  const interruption = (): 'deadline' | 'cancelled' | undefined =>
    options.signal?.aborted ? 'cancelled' : deadline.signal.aborted ? 'deadline' : undefined;
  const why = (): string =>
    interruption() === 'cancelled'
      ? 'cancelled before it finished'
      : `gate deadline of ${formatDuration(deadlineMs)} reached before it finished`;

  const results: CheckResult[] = new Array<CheckResult>(options.checks.length);
  let next = 0;
  /** In a serial gate, the check that did not pass, after which nothing runs. */
  let stoppedBy: CheckResult | undefined;
  const worker = async (): Promise<void> => {
    while (next < options.checks.length) {
      const index = next++;
      const check = options.checks[index];
      if (!check) continue;
      if (check.always) {
        results[index] = await runCheck(check, gateSignal, why, clock, emit);
      } else if (stoppedBy) {
        results[index] = notRun(check, `"${stoppedBy.name}" did not pass (${stoppedBy.status})`, clock, 'skipped');
      } else if (gateSignal.aborted) {
        results[index] = notRun(check, why(), clock);
      } else {
        results[index] = await runCheck(check, gateSignal, why, clock, emit);
        if (options.serial && results[index].status !== 'passed' && results[index].status !== 'skipped') {
          if (results[index].status !== 'unverified' || !results[index].optional) stoppedBy = results[index];
        }
      }
      emit({ type: 'check-finished', result: results[index] });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, options.checks.length) }, worker));
  } finally {
    clearTimeout(deadlineTimer);
  }

  const interrupted = interruption();
  return {
    gate: options.gate,
    environment: options.environment,
    status: gateStatusOf(results),
    checks: results,
    startedAt,
    durationMs: Math.round(clock.now() - start),
    ...(interrupted ? { interrupted } : {}),
  };
}

/**
 * A check that never started. `failed` when the deadline or a cancellation stopped it;
 * `skipped` after an earlier step of a serial gate did not pass (that step already
 * decides the gate).
 */
function notRun(check: CheckSpec, reason: string, clock: Clock, status: 'failed' | 'skipped' = 'failed'): CheckResult {
  return {
    id: check.id,
    name: check.name,
    kind: check.kind,
    status,
    summary: `not run: ${reason.replace(/ before it finished$/, '')}`,
    measured: 'not run',
    expected: 'a result',
    details: [],
    location: check.location,
    startedAt: clock.date().toISOString(),
    durationMs: 0,
    attempts: 0,
  };
}
