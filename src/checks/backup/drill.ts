/**
 * The restore drill (runbook 003, "Database restore drill"): restore the backup into a
 * scratch database, run a query there read-only, compare, and drop the scratch
 * database. The default scratch database is created on the source server and always
 * dropped, also when the restore or the query fails or the check is stopped.
 */
import { randomBytes } from 'node:crypto';
import { formatDuration } from '../../config/units.js';
import type { DatabaseConnector } from '../../io/database.js';
import { describeDatabaseError } from '../../io/database.js';
import type { ProcessRunner } from '../../io/process.js';
import { cut } from '../../text.js';
import type { FoundFile } from '../files.js';
import { queryJson } from '../../matchers/jsonpath.js';
import { applyMatcher, type Assertion } from '../../matchers/matchers.js';
import { assertionLine } from '../http/report.js';
import { quoteIdentifier, serverOf, withDatabase, type PostgresUrl } from '../../io/postgres-url.js';
import type { DrillExpectConfig } from './schema.js';
import { dumpFormat, restore, switchesDatabase } from './tools.js';

/** Where the drill restores. */
export type DrillTarget = { kind: 'scratch'; server: PostgresUrl } | { kind: 'existing'; into: PostgresUrl };

export interface DrillPlan {
  target: DrillTarget;
  query: string | undefined;
  expect: DrillExpectConfig | undefined;
}

export interface DrillDeps {
  process: ProcessRunner;
  database: DatabaseConnector;
  cwd: string;
  signal: AbortSignal;
  timeoutMs: number;
  progress: (message: string) => void;
}

export interface DrillReport {
  ok: boolean;
  /** One line, when not ok. */
  failure: string | undefined;
  restoreMs: number | undefined;
  assertions: Assertion[];
  /** The rows the query returned, as shown. */
  result: string | undefined;
  details: string[];
}

const RESULT_SHOWN = 200;

/** A fresh scratch database name: `release_gates_drill_<time>_<random>`. */
export function scratchName(): string {
  return `release_gates_drill_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Evaluates `expect:` on the query's rows. With no `expect:`, the query need only succeed. */
export function drillAssertions(rows: readonly Record<string, unknown>[], expect: DrillExpectConfig | undefined): Assertion[] {
  if (!expect) return [];
  const out: Assertion[] = [];
  const { rows: count, ...paths } = expect;
  if (count !== undefined) out.push(...applyMatcher('rows', [rows.length], count, true));
  for (const [path, matcher] of Object.entries(paths)) {
    out.push(...applyMatcher(path, queryJson(path, rows), matcher, true));
  }
  return out;
}

function showRows(rows: readonly Record<string, unknown>[]): string {
  const text = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return cut(text, RESULT_SHOWN);
}

async function dropScratch(database: DatabaseConnector, server: PostgresUrl, name: string): Promise<string | undefined> {
  try {
    const admin = await database.connect(server.full);
    try {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, [], { readOnly: false });
      } catch (error) {
        // WITH (FORCE) is PostgreSQL 13+.
        if (describeDatabaseError(error).code !== '42601') throw error;
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, [], { readOnly: false });
      }
    } finally {
      await admin.close();
    }
    return undefined;
  } catch (error) {
    return describeDatabaseError(error).message;
  }
}

/** Runs the drill on `file`. Failures are in the report; nothing is thrown. */
export async function runDrill(file: FoundFile, plan: DrillPlan, deps: DrillDeps): Promise<DrillReport> {
  const details: string[] = [];
  const fail = (failure: string, extra: Partial<DrillReport> = {}): DrillReport => ({
    ok: false,
    failure,
    restoreMs: undefined,
    assertions: [],
    result: undefined,
    details,
    ...extra,
  });

  const format = await dumpFormat(file.absolute, file.isDirectory);
  if (format === 'gzip') {
    details.push(`✗ ${file.path} is gzip-compressed`);
    return fail(`restore drill: ${file.path} is gzip-compressed; a drill restores custom (-Fc), tar, directory or plain SQL dumps`);
  }
  if (format === 'plain') {
    const line = await switchesDatabase(file.absolute);
    if (line !== undefined) {
      details.push(`✗ ${file.path} switches database: ${line}`);
      return fail(
        `restore drill: the plain SQL dump ${file.path} switches database ("${line}", pg_dump --create); psql would restore into that database, not a scratch one. Use pg_dump -Fc, or a dump without --create`,
      );
    }
  }

  let target: PostgresUrl;
  let scratch: string | undefined;
  if (plan.target.kind === 'scratch') {
    scratch = scratchName();
    const server = plan.target.server;
    deps.progress(`creating scratch database ${scratch}`);
    try {
      const admin = await deps.database.connect(server.full, { signal: deps.signal });
      try {
        await admin.query(`CREATE DATABASE ${quoteIdentifier(scratch)} TEMPLATE template0`, [], { readOnly: false, signal: deps.signal });
      } finally {
        await admin.close();
      }
    } catch (error) {
      const message = describeDatabaseError(error).message;
      details.push(`✗ create scratch database ${scratch} on ${serverOf(server)}: ${message}`);
      return fail(`restore drill: cannot create a scratch database on ${serverOf(server)}: ${message}`);
    }
    details.push(`✓ created scratch database ${scratch} on ${serverOf(server)}`);
    target = withDatabase(server, scratch);
  } else {
    target = plan.target.into;
  }

  try {
    deps.progress(`restoring ${file.path} into ${target.database}`);
    const restored = await restore(file.absolute, format, target, plan.target.kind === 'existing', {
      process: deps.process,
      cwd: deps.cwd,
      signal: deps.signal,
      timeoutMs: deps.timeoutMs,
    });
    if (!restored.ok) {
      details.push(`✗ ${restored.shown} → ${restored.failure}`, ...restored.stderrTail.map((line) => `    ${line}`));
      return fail(`restore drill: ${restored.failure}`, { restoreMs: restored.elapsedMs });
    }
    details.push(
      `✓ restored ${file.path} into ${target.safe} in ${formatDuration(restored.elapsedMs)} (${restored.shown.split(' ')[0] ?? ''})`,
    );
    const restoreMs = restored.elapsedMs;
    if (plan.query === undefined) return { ok: true, failure: undefined, restoreMs, assertions: [], result: undefined, details };

    deps.progress('querying the restored database');
    let rows: Record<string, unknown>[];
    try {
      const db = await deps.database.connect(target.full, { signal: deps.signal });
      try {
        rows = (await db.query(plan.query, [], { readOnly: true, signal: deps.signal })).rows;
      } finally {
        await db.close();
      }
    } catch (error) {
      const message = describeDatabaseError(error).message;
      details.push(`✗ query ${plan.query}: ${message}`);
      return fail(`restore drill: the query failed: ${message}`, { restoreMs });
    }
    const result = showRows(rows);
    details.push(`  query ${plan.query} → ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}: ${result}`);
    const assertions = drillAssertions(rows, plan.expect);
    details.push(...assertions.map((assertion) => assertionLine(assertion)));
    const failed = assertions.filter((assertion) => !assertion.ok);
    const first = failed[0];
    if (first) {
      const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
      return fail(`restore drill: ${first.label}: measured ${first.measured}, expected ${first.expected}${more}`, {
        restoreMs,
        assertions,
        result,
      });
    }
    return { ok: true, failure: undefined, restoreMs, assertions, result, details };
  } finally {
    if (scratch !== undefined && plan.target.kind === 'scratch') {
      const problem = await dropScratch(deps.database, plan.target.server, scratch);
      details.push(
        problem === undefined ? `✓ dropped scratch database ${scratch}` : `⚠ could not drop scratch database ${scratch}: ${problem}`,
      );
    }
  }
}
