/**
 * Outcomes of `sql` checks: measured against expected in one line, details a reviewer
 * reads (target, transaction, statement, rows, every assertion, the plan), and the same
 * as structured evidence in `data`. A database that cannot be reached is `unverified`
 * (issue #7: "a gate is green only when it verified"); an error of the statement is
 * `failed`, with the server's message and SQLSTATE.
 */
import { formatDuration } from '../../config/units.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { DatabaseError } from '../../io/database.js';
import { show, type Assertion } from '../../matchers/matchers.js';
import { cut } from '../../text.js';
import { assertionLine } from '../http/report.js';
import { planLine, type PlanSummary } from './explain.js';

/** Rows kept in the evidence record, and shown in the details. */
export const ROWS_KEPT = 20;
const ROWS_SHOWN = 10;
const ROW_TEXT_MAX = 160;
/** Assertions named in a passing check's measured column before `+N more`. */
const MEASURED_SHOWN = 3;

/** How the check ran, for the texts and the evidence. */
export interface SqlSession {
  /** `host:port/database`. */
  target: string;
  /** `read-only, rolled back` or `read-write, committed (write: true)`. */
  transaction: string;
  statementTimeoutMs: number;
  role: string | undefined;
  settings: Record<string, string>;
  /** Who the statements ran as, read when `role:` or `set:` is given. */
  user?: { name: string; superuser: boolean; bypassRls: boolean; ownsUnforced: string[] };
}

/** SQLSTATEs that mean the server went away, not that the statement is wrong. */
const GONE = /^(08000|08001|08003|08004|08006|57P01|57P02|57P03|53300)$/;

/** True when `error` means the database could not be used at all (no SQLSTATE: a socket error). */
export function isUnreachable(error: DatabaseError): boolean {
  return error.code === undefined ? !error.message.startsWith('cancelled') : GONE.test(error.code);
}

/** The header of the details: where, how and what ran. */
export function sessionLines(session: SqlSession, statement?: string, params?: readonly unknown[]): string[] {
  const how = [
    session.transaction,
    `statement_timeout ${formatDuration(session.statementTimeoutMs)}`,
    ...(session.role === undefined ? [] : [`SET LOCAL ROLE ${session.role}`]),
    ...Object.entries(session.settings).map(([name, value]) => `SET LOCAL ${name} = ${show(value)}`),
  ];
  const lines = [`on ${session.target}: ${how.join(', ')}`];
  if (statement !== undefined) lines.push(...statement.split(/\r?\n/).map((line) => `  | ${line}`));
  if (params?.length) lines.push(`params: ${params.map((param, index) => `$${index + 1} = ${show(param)}`).join(', ')}`);
  return [...lines, ...userWarnings(session)];
}

/** Why row level security may not bind the session: a superuser, BYPASSRLS, or owning a table without FORCE. */
function userWarnings(session: SqlSession): string[] {
  const user = session.user;
  if (!user) return [];
  const out: string[] = [];
  if (user.superuser)
    out.push(`⚠ runs as ${user.name}, a superuser: row level security does not apply (set role: to the application's role)`);
  else if (user.bypassRls) out.push(`⚠ runs as ${user.name}, which has BYPASSRLS: row level security does not apply`);
  if (user.ownsUnforced.length && !user.superuser) {
    out.push(
      `⚠ ${user.name} owns ${cut(user.ownsUnforced.join(', '), 120)}: row level security does not apply to a table's owner unless FORCE ROW LEVEL SECURITY is set`,
    );
  }
  return out;
}

/** The rows as shown in the details: at most {@link ROWS_SHOWN}, each on one line. */
export function rowLines(rows: readonly unknown[], rowCount: number, elapsedMs: number): string[] {
  const head = `→ ${rowCount} ${rowCount === 1 ? 'row' : 'rows'} in ${formatDuration(elapsedMs)} (round trip)`;
  const shown = rows.slice(0, ROWS_SHOWN).map((row) => {
    const cells = Object.entries(row as Record<string, unknown>).map(([column, value]) => `${column}=${show(value)}`);
    return `  | ${cut(cells.join(', '), ROW_TEXT_MAX)}`;
  });
  const more = rows.length > ROWS_SHOWN ? [`  | … ${rows.length - ROWS_SHOWN} more`] : [];
  return [head, ...shown, ...more];
}

/** `plan: Aggregate → Seq Scan on leads (planning 0.1ms, execution 0.8ms)`. */
export function planText(plan: PlanSummary): string {
  const times = [
    plan.planningMs === undefined ? undefined : `planning ${plan.planningMs.toFixed(1)}ms`,
    plan.executionMs === undefined ? undefined : `execution ${plan.executionMs.toFixed(1)}ms`,
  ].filter((part) => part !== undefined);
  return `plan: ${planLine(plan)}${times.length ? ` (${times.join(', ')})` : ''}`;
}

/** `count = 0`, `rows count 3`: one assertion as measured. */
function measuredText(assertion: Assertion): string {
  return /^(count |is |present|absent|not found|no rows|uses |no index|missing |\d+ of )/.test(assertion.measured) ||
    assertion.label === 'duration'
    ? `${assertion.label} ${assertion.measured}`
    : `${assertion.label} = ${assertion.measured}`;
}

/** The expected column: every assertion's expectation. */
export function expectedText(assertions: readonly Assertion[], none: string): string {
  return assertions.length ? assertions.map((assertion) => `${assertion.label} ${assertion.expected}`).join(', ') : none;
}

/** Passed when every assertion holds, else failed on the first that does not. */
export function judge(
  assertions: readonly Assertion[],
  passedSummary: string,
  details: string[],
  data: unknown,
  none: string,
): CheckOutcome {
  const failed = assertions.filter((assertion) => !assertion.ok);
  const first = failed[0];
  const expected = expectedText(assertions, none);
  if (!first) {
    // One entry per label: `rows ≥ 5` and `rows < 20` measured the same thing.
    const measuredByLabel = [...new Map(assertions.map((assertion) => [assertion.label, measuredText(assertion)])).values()];
    const shown = measuredByLabel.slice(0, MEASURED_SHOWN);
    const more = measuredByLabel.length > MEASURED_SHOWN ? ` (+${measuredByLabel.length - MEASURED_SHOWN} more)` : '';
    const measured = shown.length ? shown.join(', ') + more : passedSummary;
    return { status: 'passed', summary: shown.length ? `${passedSummary}: ${measured}` : passedSummary, measured, expected, details, data };
  }
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return {
    status: 'failed',
    summary: `${first.label}: measured ${first.measured}, expected ${first.expected}${more}`,
    measured: measuredText(first),
    expected,
    details,
    data,
  };
}

/** Every assertion as a detail line. */
export function assertionLines(assertions: readonly Assertion[]): string[] {
  return assertions.map(assertionLine);
}

/** The outcome of a database that could not be reached, or of a statement that failed. */
export function errorOutcome(
  error: DatabaseError,
  stage: 'connect' | 'statement',
  session: SqlSession,
  details: string[],
  data: Record<string, unknown>,
  expected: string,
): CheckOutcome {
  const sqlstate = error.code;
  const evidence = { ...data, error: { stage, message: error.message, ...(sqlstate ? { sqlstate } : {}) } };
  if (stage === 'connect' || isUnreachable(error)) {
    const summary = `${stage === 'connect' ? 'cannot connect to' : 'lost the connection to'} ${session.target}: ${error.message}`;
    return { status: 'unverified', summary, measured: 'not connected', expected, details: [...details, `✗ ${summary}`], data: evidence };
  }
  const hint =
    sqlstate === '57014'
      ? ` (statement_timeout ${formatDuration(session.statementTimeoutMs)}; timeout: sets it)`
      : sqlstate === '25006'
        ? ' (the check runs in a READ ONLY transaction; write: true allows writes)'
        : '';
  const summary = `${error.message}${hint}`;
  return {
    status: 'failed',
    summary,
    measured: sqlstate ? `SQLSTATE ${sqlstate}` : 'error',
    expected,
    details: [...details, `✗ ${summary}`],
    data: evidence,
  };
}
