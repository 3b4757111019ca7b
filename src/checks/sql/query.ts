/**
 * The query form of a `sql` check: one statement in one transaction (read-only and
 * rolled back unless `write: true`), with its `SET LOCAL` settings and role, and the
 * expectations on its rows, its time and its plan.
 */
import type { CheckOutcome } from '../../engine/model.js';
import type { QueryResult, Transaction } from '../../io/database.js';
import { describeDatabaseError, type DatabaseError } from '../../io/database.js';
import { isSingularPath, queryJson } from '../../matchers/jsonpath.js';
import { applyMatcher, type Assertion } from '../../matchers/matchers.js';
import { formatDuration } from '../../config/units.js';
import { cut } from '../../text.js';
import { indexAssertion, summarizePlan, type PlanSummary } from './explain.js';
import { assertionLines, judge, planText, ROWS_KEPT, rowLines } from './report.js';
import type { SqlExpectConfig, SqlExplainConfig } from './schema.js';

/** The expected column of a query check that could not run. */
export const QUERY_EXPECTED = 'the query succeeds';

/** A planned query. */
export interface QueryPlan {
  text: string;
  params: readonly unknown[];
  write: boolean;
  expect: SqlExpectConfig | undefined;
  explain: SqlExplainConfig | undefined;
}

/** What the query did, before it is judged. */
export interface QueryRun {
  result: QueryResult;
  /** Rows as JSON (dates as ISO text, bytea as `\x…` hex). */
  rows: unknown[];
  plan: PlanSummary | undefined;
  /** Why the plan could not be read, when one was needed. */
  planError: DatabaseError | undefined;
  /** How the plan was made: `EXPLAIN ANALYZE` runs the statement again; a write is only planned. */
  analyzed: boolean;
}

/** A value as JSON shows it: `Date` → ISO text, `Buffer` (bytea) → `\x` hex, `bigint` → text. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    const data = (value as { data?: unknown }).data;
    if (Array.isArray(data)) return `\\x${Buffer.from(data as number[]).toString('hex')}`;
  }
  return value;
}

/** Rows as plain JSON, what matchers and the evidence see. */
export function jsonRows(rows: readonly Record<string, unknown>[]): unknown[] {
  return JSON.parse(JSON.stringify(rows, jsonValue)) as unknown[];
}

/** The statement without a trailing `;`, so that `EXPLAIN` can be put in front of it. */
function statementText(text: string): string {
  return text.replace(/[;\s]+$/, '');
}

/** True when the check needs the plan: `explain:`, or `max-duration` on a read-only query (server time). */
export function needsPlan(plan: QueryPlan): boolean {
  return plan.explain !== undefined || (plan.expect?.['max-duration'] !== undefined && !plan.write);
}

/**
 * Runs the statement, then (when needed) `EXPLAIN (ANALYZE, FORMAT JSON)` of it in the
 * same transaction, with the same settings, role and parameters. A write is explained
 * without `ANALYZE`, so it is not executed twice.
 * @throws DatabaseError when the statement fails.
 */
export async function runQuery(transaction: Transaction, plan: QueryPlan): Promise<QueryRun> {
  const result = await transaction.query(plan.text, plan.params);
  const analyzed = !plan.write;
  let summary: PlanSummary | undefined;
  let planError: DatabaseError | undefined;
  if (needsPlan(plan)) {
    const options = analyzed ? 'ANALYZE, FORMAT JSON' : 'FORMAT JSON';
    try {
      summary = summarizePlan((await transaction.query(`EXPLAIN (${options}) ${statementText(plan.text)}`, plan.params)).rows);
    } catch (error) {
      planError = describeDatabaseError(error);
    }
  }
  return { result, rows: jsonRows(result.rows), plan: summary, planError, analyzed };
}

/** The statement's time: the server's (planning + execution) when analysed, else the round trip. */
export function statementTime(run: QueryRun): { ms: number; source: 'server' | 'round trip' } {
  const { plan } = run;
  if (run.analyzed && plan?.executionMs !== undefined) return { ms: (plan.planningMs ?? 0) + plan.executionMs, source: 'server' };
  return { ms: run.result.elapsedMs, source: 'round trip' };
}

function durationText(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)}ms` : formatDuration(ms);
}

/** Every assertion of `expect:` and `explain:` on what the query did. */
export function queryAssertions(run: QueryRun, plan: QueryPlan): Assertion[] {
  const { expect, explain } = plan;
  const out: Assertion[] = [];
  if (expect?.rows !== undefined) out.push(...applyMatcher('rows', [run.rows.length], expect.rows, true));
  if (expect?.value !== undefined) {
    const first = run.rows[0] as Record<string, unknown> | undefined;
    const column = run.result.columns[0];
    const label = column ?? 'value';
    if (first === undefined || column === undefined) {
      out.push({ label, ok: false, measured: 'no rows', expected: 'a first row to read the value from' });
    } else {
      out.push(...applyMatcher(label, [first[column]], expect.value, true));
    }
  }
  for (const [path, matcher] of Object.entries(expect?.json ?? {})) {
    out.push(...applyMatcher(path, queryJson(path, run.rows), matcher, true, isSingularPath(path)));
  }
  const limit = expect?.['max-duration'];
  if (limit !== undefined) {
    const time = statementTime(run);
    out.push({
      label: 'duration',
      ok: time.ms <= limit,
      measured: `${durationText(time.ms)} (${time.source})`,
      expected: `≤ ${formatDuration(limit)}`,
    });
  }
  if (explain !== undefined) {
    out.push(
      run.plan
        ? indexAssertion(run.plan, explain)
        : { label: 'index', ok: false, measured: `no plan: ${run.planError?.message ?? 'EXPLAIN returned none'}`, expected: 'a plan' },
    );
  }
  return out;
}

/** The outcome: rows, assertions and plan in the details; the same, structured, in `data`. */
export function queryOutcome(run: QueryRun, plan: QueryPlan, head: readonly string[], evidence: Record<string, unknown>): CheckOutcome {
  const assertions = queryAssertions(run, plan);
  const time = statementTime(run);
  const details = [
    ...head,
    ...rowLines(run.rows, run.result.rowCount, run.result.elapsedMs),
    ...assertionLines(assertions),
    ...(run.plan ? [planText(run.plan)] : []),
    ...(run.planError ? [`⚠ EXPLAIN failed: ${run.planError.message}`] : []),
  ];
  const data = {
    ...evidence,
    query: plan.text,
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
  return judge(assertions, `${cut(plan.text.replace(/\s+/g, ' '), 60)} → ${rows}`, details, data, QUERY_EXPECTED);
}
