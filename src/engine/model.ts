/**
 * The result model every gate produces and every reporter (terminal, job summary, check
 * run, PR comment, evidence record) consumes. It knows nothing of GitHub or terminals.
 */
import type { SourceLocation } from '../errors.js';

/**
 * - `pending`: a person must act (tick a checklist item), or the evidence is not yet
 *   conclusive (a monitor window without data); it never counts as passed.
 * - `skipped`: the check does not apply to this run (a PR-only check on `push`), with a
 *   reason. It does not block the gate.
 * - `unverified`: the check applies but could not run (no GitHub token, the API
 *   unreachable, the PR unreadable). It blocks the gate unless the check is `optional`
 *   (docs/evidence.md, "Statuses": a gate is green only when it verified).
 *
 * The rule between `failed`, `unverified` and `skipped`, for every check kind:
 * - `failed` when the check got an answer about the thing it checks, and the answer is
 *   wrong or missing: a file or backup absent, a command that exits non-zero or cannot
 *   start (`command not found` is a fact about the checkout), a service that refuses the
 *   connection or times out, a branch or commit GitHub says does not exist, a deadline
 *   or cancellation that stopped it.
 * - `unverified` when the source of evidence release-gates reads could not answer, so
 *   nothing is known about the thing checked: no GitHub token or repository, GitHub
 *   unreachable, a 5xx after retries, rate limited, a token that may not read it
 *   (401/403), the pull request under test unreadable (any error), the commit under
 *   test unknown. Its summary says how to make it verifiable.
 * - `skipped` only when the check does not apply to this run: a pull-request check on
 *   `push`, `merge_group`, dispatch, or a local run without `--pr`; a step after one that
 *   did not pass in a serial gate.
 */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'unverified';

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
  /** Structured evidence for the record (see {@link CheckResult.data}). */
  data?: unknown;
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
  /**
   * The config's `optional: true`: when the check cannot be verified here, the gate does
   * not block on it. Reports show such a check as "not verified (optional)".
   */
  optional?: boolean;
  /**
   * Structured evidence beyond the text fields, kept in the evidence record as is: a
   * monitor's samples, a migration's findings and acknowledgements. JSON-serialisable.
   */
  data?: unknown;
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
  /**
   * Set when `--check` left some of the gate's checks out: the patterns, and how many
   * checks were not run. A partial result never counts as the gate passing for
   * `environment-passed`.
   */
  partial?: { only: string[]; notRun: number };
}

/** How a status reads in every report: `unverified` reads "not verified". */
export function statusLabel(status: CheckStatus | GateStatus): string {
  return status === 'unverified' ? 'not verified' : status;
}

/**
 * How a check's status reads in every report (terminal, job summary, check run, PR
 * comment): `not verified (optional)` for an opted-out check that could not be verified,
 * otherwise {@link statusLabel}.
 */
export function checkStatusText(check: Pick<CheckResult, 'status' | 'optional'>): string {
  return `${statusLabel(check.status)}${check.optional && check.status === 'unverified' ? ' (optional)' : ''}`;
}

/** Order of the counts in a tally: what blocks first. */
const TALLY_ORDER = ['failed', 'not verified', 'not verified (optional)', 'pending', 'passed', 'skipped'];

/**
 * The checks counted by {@link checkStatusText}, most serious first, e.g. `1 failed,
 * 1 not verified (optional), 6 passed`; `no checks` when there are none.
 */
export function tallyChecks(checks: readonly Pick<CheckResult, 'status' | 'optional'>[]): string {
  const counts = new Map<string, number>();
  for (const check of checks) counts.set(checkStatusText(check), (counts.get(checkStatusText(check)) ?? 0) + 1);
  return TALLY_ORDER.flatMap((text) => (counts.has(text) ? [`${counts.get(text) ?? 0} ${text}`] : [])).join(', ') || 'no checks';
}

/** True for a check that failed, waits for a person, or could not be verified: the ones reports dwell on. */
export function needsAttention(check: Pick<CheckResult, 'status'>): boolean {
  return check.status === 'failed' || check.status === 'pending' || check.status === 'unverified';
}

/** True for a check that keeps its gate from passing: failed, or not verified and not optional. */
export function blocksGate(check: Pick<CheckResult, 'status' | 'optional'>): boolean {
  return check.status === 'failed' || (check.status === 'unverified' && check.optional !== true);
}

/**
 * A gate fails when any check failed or could not be verified (and is not optional), is
 * pending when any check waits for a person and none blocks, and passes otherwise
 * (skipped checks, and optional checks that could not be verified, do not block).
 */
export function gateStatusOf(checks: readonly Pick<CheckResult, 'status' | 'optional'>[]): GateStatus {
  if (checks.some(blocksGate)) return 'failed';
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
