/**
 * The `sql` check kind (issue #9, item 6): a query against PostgreSQL with expectations
 * on its rows, time and plan, or the objects that must exist. Any gate may use it:
 * preflight, migrate's verify, smoke, monitor samples, rollback verification.
 *
 * - Every statement runs in a `READ ONLY` transaction that is rolled back, with
 *   `statement_timeout` set to the check's `timeout:` (default the gate's, 10s), unless
 *   the check says `write: true` (read-write, committed; the evidence says so).
 * - The query text is never `${}`-expanded; values go in as bind parameters (`params:`).
 * - `set:` and `role:` are `SET LOCAL` in the same transaction (runbook 003's tenant
 *   isolation holds only for a non-superuser role with `SET LOCAL` in the transaction
 *   of the query).
 * - A database that cannot be reached is `unverified`; a failing statement is `failed`
 *   with the server's message and SQLSTATE. The URL is never shown, and its password is
 *   a secret.
 */
import { formatPath, type ConfigPath, type ConfigSource } from '../../config/source.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { ConfigProblem } from '../../errors.js';
import { describeDatabaseError, type Database, type Transaction } from '../../io/database.js';
import { cut, joinList } from '../../text.js';
import type { CheckKind, PlanContext } from '../kind.js';
import { categoryAssertion, findingLine, findObjects } from './exists.js';
import { highestPlaceholder } from './placeholders.js';
import { needsPlan, queryAssertions, runQuery, statementTime, type QueryPlan } from './query.js';
import { assertionLines, errorOutcome, judge, planText, ROWS_KEPT, rowLines, sessionLines, type SqlSession } from './report.js';
import { SqlCheck, type SqlCheckConfig } from './schema.js';
import { planTarget, type SqlTarget } from './target.js';

export { SqlCheck, type SqlCheckConfig } from './schema.js';

/** How long connecting may take, in milliseconds. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Time allowed past the statements' limits for connecting, setting up and reporting. */
const OVERHEAD_MS = CONNECT_TIMEOUT_MS + 2000;

/** Fields that only a query takes. */
const QUERY_ONLY = ['params', 'expect', 'explain', 'write'] as const;

/** Cross-field rules, reported by `release-gates validate` too. */
function problems(config: SqlCheckConfig, path: ConfigPath, source: ConfigSource): ConfigProblem[] {
  if (typeof config.sql !== 'string') {
    return QUERY_ONLY.filter((field) => config[field] !== undefined).map((field) =>
      source.problem(
        [...path, field],
        `${formatPath([...path, field])}: only a query takes ${field}: (expected sql: "SELECT …" with ${field}:, or sql: { exists: … } without it)`,
      ),
    );
  }
  const used = highestPlaceholder(config.sql);
  const given = config.params?.length ?? 0;
  if (used === given) return [];
  const at = config.params ? [...path, 'params'] : [...path, 'sql'];
  const expected = used === 0 ? 'no params: (the query has no $1)' : `params: with ${used} value${used === 1 ? '' : 's'} ($1…$${used})`;
  return [
    source.problem(
      at,
      `${formatPath(at)}: the query uses ${used === 0 ? 'no' : `$1…$${used}`} bind parameters but params: gives ${given} (expected ${expected})`,
    ),
  ];
}

/** Reads who the statements run as, when a role or settings are in play (row level security). */
async function readUser(transaction: Transaction): Promise<SqlSession['user']> {
  const { rows } = await transaction.query(
    `SELECT current_user::text AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            ARRAY(SELECT c.oid::regclass::text FROM pg_class c
                   WHERE c.relowner = r.oid AND c.relrowsecurity AND NOT c.relforcerowsecurity ORDER BY 1) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    name: String(row.name),
    superuser: row.superuser === true,
    bypassRls: row.bypass === true,
    ownsUnforced: (row.owns as string[] | null) ?? [],
  };
}

interface Planned {
  config: SqlCheckConfig;
  target: SqlTarget;
  statementTimeoutMs: number;
  settings: Record<string, string>;
}

function sessionOf(planned: Planned): SqlSession {
  const { config } = planned;
  return {
    target: planned.target.shown,
    transaction: config.write ? 'read-write transaction, committed (write: true)' : 'read-only transaction, rolled back',
    statementTimeoutMs: planned.statementTimeoutMs,
    role: config.role,
    settings: planned.settings,
  };
}

/** Runs the check's statements in one transaction on `database`. Errors are thrown as DatabaseErrors. */
async function inTransaction<T>(
  database: Database,
  planned: Planned,
  session: SqlSession,
  signal: AbortSignal,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> {
  const { config } = planned;
  const write = config.write === true;
  return database.transaction(
    {
      readOnly: !write,
      commit: write,
      timeoutMs: planned.statementTimeoutMs,
      settings: planned.settings,
      ...(config.role === undefined ? {} : { role: config.role }),
      signal,
    },
    async (transaction) => {
      if (config.role !== undefined || Object.keys(planned.settings).length) session.user = await readUser(transaction);
      return work(transaction);
    },
  );
}

async function runSql(planned: Planned, database: Database, signal: AbortSignal): Promise<CheckOutcome> {
  const { config } = planned;
  const session = sessionOf(planned);
  const base = (): Record<string, unknown> => ({
    target: session.target,
    from: planned.target.from,
    transaction: session.transaction,
    statementTimeoutMs: session.statementTimeoutMs,
    ...(session.role === undefined ? {} : { role: session.role }),
    ...(Object.keys(session.settings).length ? { settings: session.settings } : {}),
    ...(session.user ? { user: session.user } : {}),
  });

  if (typeof config.sql !== 'string') {
    const exists = config.sql.exists;
    const expected = 'all present';
    try {
      const categories = await inTransaction(database, planned, session, signal, (transaction) => findObjects(transaction, exists));
      const assertions = categories.map(categoryAssertion);
      const details = [...sessionLines(session), ...categories.flatMap((category) => category.findings.map(findingLine))];
      const data = { ...base(), exists: Object.fromEntries(categories.map((category) => [category.label, category.findings])) };
      const outcome = judge(assertions, 'every object exists', details, data, expected);
      if (outcome.status === 'failed') {
        const missing = categories.flatMap((category) => category.findings.filter((finding) => !finding.ok));
        const shown = missing
          .slice(0, 3)
          .map((finding) => `${finding.kind === 'rls' ? 'row level security on' : finding.kind} ${finding.name} (${finding.note})`);
        outcome.summary = `missing: ${joinList(shown, 'and')}${missing.length > 3 ? ` (+${missing.length - 3} more)` : ''}`;
      }
      return outcome;
    } catch (error) {
      return errorOutcome(describeDatabaseError(error), 'statement', session, sessionLines(session), base(), expected);
    }
  }

  const plan: QueryPlan = {
    text: config.sql,
    params: config.params ?? [],
    write: config.write === true,
    expect: config.expect,
    explain: config.explain,
  };
  const expected = 'the query succeeds';
  const head = (): string[] => sessionLines(session, config.sql as string, plan.params);
  try {
    const run = await inTransaction(database, planned, session, signal, (transaction) => runQuery(transaction, plan));
    const assertions = queryAssertions(run, plan);
    const time = statementTime(run);
    const details = [
      ...head(),
      ...rowLines(run.rows, run.result.rowCount, run.result.elapsedMs),
      ...assertionLines(assertions),
      ...(run.plan ? [planText(run.plan)] : []),
      ...(run.planError && needsPlan(plan) ? [`⚠ EXPLAIN failed: ${run.planError.message}`] : []),
    ];
    const data = {
      ...base(),
      query: config.sql,
      params: plan.params,
      columns: run.result.columns,
      rowCount: run.result.rowCount,
      rows: run.rows.slice(0, ROWS_KEPT),
      ...(run.rows.length > ROWS_KEPT ? { rowsCut: true } : {}),
      roundTripMs: run.result.elapsedMs,
      ...(time.source === 'server' ? { serverMs: time.ms } : {}),
      ...(run.plan ? { plan: { ...run.plan, analyzed: run.analyzed } } : {}),
      ...(run.planError ? { planError: run.planError.message } : {}),
    };
    const rows = `${run.result.rowCount} ${run.result.rowCount === 1 ? 'row' : 'rows'}`;
    return judge(assertions, `${cut(config.sql.replace(/\s+/g, ' '), 60)} → ${rows}`, details, data, expected);
  } catch (error) {
    return errorOutcome(
      describeDatabaseError(error),
      'statement',
      session,
      head(),
      { ...base(), query: config.sql, params: plan.params },
      expected,
    );
  }
}

/** Connects, runs, closes. A connection that cannot be made is an outcome, never a throw. */
async function runCheck(planned: Planned, context: PlanContext, signal: AbortSignal): Promise<CheckOutcome> {
  let database: Database;
  try {
    database = await context.io.database.connect(planned.target.url.full, { timeoutMs: CONNECT_TIMEOUT_MS, signal });
  } catch (error) {
    const session = sessionOf(planned);
    const data = { target: session.target, from: planned.target.from, transaction: session.transaction };
    return errorOutcome(describeDatabaseError(error), 'connect', session, sessionLines(session), data, 'a connection');
  }
  try {
    return await runSql(planned, database, signal);
  } finally {
    await database.close();
  }
}

function describe(config: SqlCheckConfig): string {
  if (typeof config.sql === 'string') return cut(config.sql.replace(/\s+/g, ' '), 60);
  const exists = config.sql.exists;
  const parts = Object.entries(exists).map(
    ([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : Object.keys(value as object).join(', ')}`,
  );
  return cut(`exists: ${parts.join('; ')}`, 60);
}

export const sqlKind: CheckKind<SqlCheckConfig> = {
  name: 'sql',
  key: 'sql',
  // The query is SQL: `${VAR}` pasted into it would become code. Values go in `params:`.
  verbatim: () => ['sql'],
  schema: SqlCheck,
  describe,
  problems,
  plan(config, context) {
    const target = planTarget(config, context);
    const statementTimeoutMs = config.timeout ?? context.defaultTimeoutMs;
    const planned: Planned = { config, target, statementTimeoutMs, settings: config.set ?? {} };
    // The statement, and its EXPLAIN ANALYZE when one is needed, each within statement_timeout.
    const statements =
      typeof config.sql === 'string' && (config.explain !== undefined || config.expect?.['max-duration'] !== undefined) ? 2 : 1;
    return {
      timeoutMs: statements * statementTimeoutMs + OVERHEAD_MS,
      run: async ({ signal }) => context.secrets.redactDeep(await runCheck(planned, context, signal)),
    };
  },
};
