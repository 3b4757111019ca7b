/**
 * Apply: the pending migrations, one at a time, with the team's tool, live in the log.
 * Never retried and never killed by release-gates (the check is `uninterruptible`):
 * each run is bounded by the tool and by `lock-timeout`/`statement-timeout`. The gate
 * deadline and a cancellation are honoured **between** migrations: the next one does not
 * start. Afterwards `current` must equal the head. What was applied is recorded for the
 * rollback gate (`evidence/identity.ts`).
 */
import { formatDuration } from '../../config/units.js';
import type { CheckContext } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { AppliedMigrationRecord } from '../../evidence/identity.js';
import { ToolError, type Migration } from '../tools/tool.js';
import type { MigrateRun } from '../run.js';
import { describeRevisions } from './plan.js';

/** Applied migrations as the rollback gate reads them. */
function records(run: MigrateRun, applied: readonly Migration[]): AppliedMigrationRecord[] {
  return applied.map((migration) => {
    const analysed = run.pending.find((pending) => pending.migration.id === migration.id)?.analysed;
    return {
      id: migration.id,
      hash: analysed?.hash ?? '',
      destructive: analysed?.findings.some((finding) => finding.destructive) ?? false,
      findings: [...new Set(analysed?.findings.map((finding) => finding.code) ?? [])],
      // A `breaking` finding (a rename, a type change) means the previous code may not run
      // on the new schema: the rollback gate refuses to cross it (docs/sql-findings.md).
      ...(analysed ? { compatible: !analysed.findings.some((finding) => finding.severity === 'breaking') } : {}),
    };
  });
}

export async function applyPhase(run: MigrateRun, context: CheckContext): Promise<CheckOutcome> {
  const state = run.state;
  const head = state?.heads[0];
  if (!state || !head) throw new Error('apply ran before plan');
  const pending = state.pending;
  const toolContext = run.toolContext(context.signal, context.progress);
  const steps = run.tool.stepwise === false ? pending.slice(-1) : pending;
  const applied: Migration[] = [];
  const details: string[] = [];
  const timings: { id: string; ms: number }[] = [];
  const data = () => ({ appliedMigrations: records(run, applied), timings, acknowledgements: run.accepted });
  for (const step of steps) {
    if (context.signal.aborted) {
      const left = pending.slice(pending.indexOf(step)).map((migration) => migration.id);
      return {
        status: 'failed',
        summary: `stopped between migrations: ${applied.length} of ${pending.length} applied; the gate's deadline passed or it was cancelled before ${step.id}`,
        measured: `${applied.length} of ${pending.length} applied`,
        expected: `all ${pending.length} applied`,
        details: [...details, ...left.map((id) => `not started: ${id}`)],
        data: data(),
      };
    }
    context.progress(`applying ${step.id}`);
    const result = await run.tool.apply(step, toolContext);
    timings.push({ id: step.id, ms: Math.round(result.elapsedMs) });
    if (!result.ok) {
      details.push(
        `✗ ${step.id}: ${result.shown} → ${result.exitCode === null ? 'did not start' : `exit ${result.exitCode}`} after ${formatDuration(result.elapsedMs)}`,
        ...result.tail.map((line) => `    ${line}`),
      );
      return {
        status: 'failed',
        summary: `${step.id} failed (${result.exitCode === null ? 'did not start' : `exit ${result.exitCode}`}); not retried, and nothing after it ran`,
        measured: `${step.id} failed`,
        expected: `all ${pending.length} applied`,
        details,
        data: data(),
      };
    }
    const covered = run.tool.stepwise === false ? pending : [step];
    applied.push(...covered);
    details.push(`✓ ${covered.map((migration) => migration.id).join(', ')} in ${formatDuration(result.elapsedMs)} (${result.shown})`);
  }
  let current: string[];
  try {
    current = await run.tool.current(toolContext);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return {
      status: 'unverified',
      summary: `applied ${applied.length}, but the database's revision could not be read: ${error.message}`,
      measured: 'current unknown',
      expected: `current = head ${head.id}`,
      details,
      data: data(),
    };
  }
  const atHead = current.length === 1 && current[0] === head.id;
  details.push(`current ${describeRevisions(current)}; head ${head.id}`);
  const total = timings.reduce((sum, timing) => sum + timing.ms, 0);
  return {
    status: atHead ? 'passed' : 'failed',
    summary: atHead
      ? applied.length === 0
        ? `nothing to apply; current = head ${head.id}`
        : `applied ${applied.length} migration${applied.length === 1 ? '' : 's'} in ${formatDuration(total)}; current = head ${head.id}`
      : `after the apply the database is at ${describeRevisions(current)}, not the head ${head.id}`,
    measured: `current ${describeRevisions(current)}`,
    expected: `current = head ${head.id}`,
    details,
    data: { ...data(), current, head: head.id },
  };
}
