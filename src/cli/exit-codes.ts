/**
 * Exit codes of the CLI (docs/evidence.md, "Exit codes"): 0 when every gate passed, 1 when a gate failed or
 * waits for a person, 2 for a config or usage error, 3 for a bug in release-gates.
 */
import type { GateStatus } from '../engine/model.js';

export const EXIT_PASSED = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUG = 3;

export function exitCodeFor(status: GateStatus): number {
  return status === 'passed' || status === 'skipped' ? EXIT_PASSED : EXIT_FAILED;
}
