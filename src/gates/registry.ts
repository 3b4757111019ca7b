/** The one table of gates, in the order they run in a release. */
import type { GateName } from '../config/schema/root.js';
import { UsageError } from '../errors.js';
import type { Gate } from './gate.js';
import { migrateGate } from './migrate/index.js';
import { monitorGate } from './monitor/index.js';
import type { RunResult } from './run.js';
import { preflightGate } from './preflight/index.js';
import { rollbackGate } from './rollback/index.js';
import { smokeGate } from './smoke/index.js';

export const GATES: readonly Gate[] = [preflightGate, migrateGate, smokeGate, monitorGate, rollbackGate];

/**
 * The gate named `name`.
 * @throws UsageError for an unknown gate, listing the known ones.
 */
export function gateNamed(name: string): Gate {
  const gate = GATES.find((candidate) => candidate.name === name);
  if (!gate) throw new UsageError(`unknown gate "${name}" (expected one of: ${GATES.map((g) => g.name).join(', ')})`);
  return gate;
}

/** The markdown the gates of a run add to its job summary (see `Gate.report`), joined. */
export function gateReports(gates: readonly Gate[], run: RunResult): string {
  return run.gates
    .flatMap((result) => {
      const report = gates.find((gate) => gate.name === result.gate)?.report?.(result);
      return report ? [report] : [];
    })
    .join('\n\n');
}

export type { GateName };
