/**
 * The result model every gate produces and every reporter (terminal, job summary, check
 * run, PR comment, evidence record) consumes. It knows nothing of GitHub or terminals.
 */
import type { SourceLocation } from '../errors.js';

/**
 * `pending` means a person must act (tick a checklist item); it never counts as passed.
 * `skipped` means the check did not apply (e.g. a PR-only check on `push`), with a reason.
 */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'pending';

/** A gate's overall result. `skipped` when an earlier gate failed and this one never ran. */
export type GateStatus = 'passed' | 'failed' | 'skipped' | 'pending';

/** What a check kind reports for one run. */
export interface CheckOutcome {
  status: CheckStatus;
  /** One line: what was measured against what was expected, or why it was skipped. */
  summary: string;
  /** Short text of what was measured, e.g. `503` or `$.status = "degraded"`. */
  measured?: string;
  /** Short text of what was expected, e.g. `200` or `$.status == "ok"`. */
  expected?: string;
  /** Further lines: every assertion, redirects, truncation notes. */
  details?: string[];
}

/** One check's result, as recorded in the evidence. */
export interface CheckResult {
  /** Stable id: from the config, or derived from the name. */
  id: string;
  name: string;
  /** Check kind, e.g. `http`. */
  kind: string;
  status: CheckStatus;
  summary: string;
  measured: string;
  expected: string;
  details: string[];
  /** Where the check is written in the config. */
  location: SourceLocation;
  /** ISO 8601 time the first attempt started. */
  startedAt: string;
  /** Wall time over all attempts, in milliseconds. */
  durationMs: number;
  /** Attempts made (1 without retries). */
  attempts: number;
}

/** One gate's result for one environment. */
export interface GateResult {
  gate: string;
  /** The environment name, or undefined when run without one. */
  environment: string | undefined;
  status: GateStatus;
  checks: CheckResult[];
  startedAt: string;
  durationMs: number;
  /** Set when the gate stopped early: its deadline passed, or it was cancelled. */
  interrupted?: 'deadline' | 'cancelled';
  /** Why the gate was skipped, when `status` is `skipped`. */
  reason?: string;
}

/** True for a check that failed or waits for a person: the ones reports dwell on. */
export function needsAttention(check: Pick<CheckResult, 'status'>): boolean {
  return check.status === 'failed' || check.status === 'pending';
}

/**
 * A gate fails when any check failed, is pending when any check waits for a person and
 * none failed, and passes otherwise (skipped checks do not block).
 */
export function gateStatusOf(checks: readonly Pick<CheckResult, 'status'>[]): GateStatus {
  if (checks.some((check) => check.status === 'failed')) return 'failed';
  if (checks.some((check) => check.status === 'pending')) return 'pending';
  return 'passed';
}

/** The result of several gates run in order: failed beats pending beats passed. */
export function overallStatus(gates: readonly Pick<GateResult, 'status'>[]): GateStatus {
  if (gates.some((gate) => gate.status === 'failed')) return 'failed';
  if (gates.some((gate) => gate.status === 'pending')) return 'pending';
  if (gates.length > 0 && gates.every((gate) => gate.status === 'skipped')) return 'skipped';
  return 'passed';
}
