/**
 * Plan: what the tool says is pending, and the history's heads. More than one head fails
 * the gate, naming each head with its file (runbook 003: "Single Alembic head"). `current`
 * is compared with the head and reported; after the apply it is required (`apply.ts`).
 */
import type { CheckContext } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { joinList } from '../../text.js';
import type { MigrateRun } from '../run.js';
import { ToolError } from '../tools/tool.js';

/** `a, b` or `nothing` for a current revision list. */
export function describeRevisions(ids: readonly string[] | undefined): string {
  if (ids === undefined) return 'unknown';
  return ids.length ? ids.join(', ') : 'none (empty database)';
}

export async function planPhase(run: MigrateRun, context: CheckContext): Promise<CheckOutcome> {
  if (run.mode === 'apply' && run.databaseUrl === undefined) {
    return {
      status: 'failed',
      summary: "no database to migrate: set migrate.database, the environment's database:, or DATABASE_URL",
      measured: 'no database',
      expected: 'a database URL',
    };
  }
  let state;
  try {
    state = await run.tool.state(run.toolContext(context.signal, context.progress));
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return {
      status: 'failed',
      summary: `${run.tool.name} could not list the migrations: ${error.message}`,
      measured: 'tool failed',
      expected: 'the pending migrations',
    };
  }
  run.state = state;
  const data = { tool: run.tool.name, mode: run.mode, heads: state.heads, current: state.current ?? null, pending: state.pending };
  if (state.heads.length > 1) {
    const heads = state.heads.map((head) => `${head.id} (${head.file})`);
    return {
      status: 'failed',
      summary: `${state.heads.length} heads: ${joinList(heads, 'and')}; merge them into one before migrating`,
      measured: `${state.heads.length} heads`,
      expected: 'one head',
      details: heads.map((head) => `head ${head}`),
      data,
    };
  }
  const head = state.heads[0];
  if (!head)
    return { status: 'failed', summary: `${run.tool.name} found no migrations`, measured: 'no migrations', expected: 'one head', data };
  const current = describeRevisions(state.current);
  const where = state.current === undefined ? ' (no database: every migration counts as pending)' : '';
  const pending = state.pending.map((migration) => `pending ${migration.id} (${migration.file})`);
  return {
    status: 'passed',
    summary:
      state.pending.length === 0
        ? `current ${current} is the head ${head.id}: nothing to apply`
        : `current ${current} → head ${head.id}: ${state.pending.length} pending${where}`,
    measured: `current ${current}, ${state.pending.length} pending`,
    expected: `one head (${head.id})`,
    details: [`head ${head.id} (${head.file})`, `current ${current}`, ...pending],
    data,
  };
}
