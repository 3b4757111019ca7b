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
import { cut } from '../../text.js';
import type { CheckKind, PlanContext } from '../kind.js';
import { EXISTS_EXPECTED, existsOutcome, findObjects } from './exists.js';
import { highestPlaceholder } from './placeholders.js';
import { QUERY_EXPECTED, queryOutcome, runQuery, type QueryPlan } from './query.js';
import { errorOutcome, sessionLines, type SqlSession } from './report.js';
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

/** What every outcome's evidence says about where and how the check ran. */
function sessionEvidence(planned: Planned, session: SqlSession): Record<string, unknown> {
  return {
    target: session.target,
    from: planned.target.from,
    transaction: session.transaction,
    statementTimeoutMs: session.statementTimeoutMs,
    ...(session.role === undefined ? {} : { role: session.role }),
    ...(Object.keys(session.settings).length ? { settings: session.settings } : {}),
    ...(session.user ? { user: session.user } : {}),
  };
}

async function runSql(planned: Planned, database: Database, signal: AbortSignal): Promise<CheckOutcome> {
  const { config } = planned;
  const session = sessionOf(planned);
  const sql = config.sql;
  if (typeof sql !== 'string') {
    try {
      const categories = await inTransaction(database, planned, session, signal, (transaction) => findObjects(transaction, sql.exists));
      return existsOutcome(categories, sessionLines(session), sessionEvidence(planned, session));
    } catch (error) {
      const evidence = sessionEvidence(planned, session);
      return errorOutcome(describeDatabaseError(error), 'statement', session, sessionLines(session), evidence, EXISTS_EXPECTED);
    }
  }
  const plan: QueryPlan = {
    text: sql,
    params: config.params ?? [],
    write: config.write === true,
    expect: config.expect,
    explain: config.explain,
  };
  try {
    const run = await inTransaction(database, planned, session, signal, (transaction) => runQuery(transaction, plan));
    return queryOutcome(run, plan, sessionLines(session, sql, plan.params), sessionEvidence(planned, session));
  } catch (error) {
    const evidence = { ...sessionEvidence(planned, session), query: sql, params: plan.params };
    return errorOutcome(
      describeDatabaseError(error),
      'statement',
      session,
      sessionLines(session, sql, plan.params),
      evidence,
      QUERY_EXPECTED,
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

/**
 * The `sql` kind: `- sql: SELECT count(*) FROM candidates` with `expect:`, or
 * `- sql: { exists: { tables: [roles] } }`. Planning throws a ConfigurationError when no
 * database is named or the URL is not a PostgreSQL URL.
 */
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
