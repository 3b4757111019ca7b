/**
 * Analyse: each pending migration's SQL, one migration at a time, through the real
 * PostgreSQL parser (`migrate/analysis`), for what loses data or weakens security; then
 * the rows each destructive statement would touch, counted in a read-only transaction
 * on the target (runbook 000's "would delete 1,204 rows from candidates"). A
 * destructive statement on an empty table needs no acknowledgement unless
 * `acknowledge-empty-tables` says so. What cannot be analysed needs one.
 */
import type { CheckContext } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { describeDatabaseError, type Database } from '../../io/database.js';
import { cut } from '../../text.js';
import { fileHash } from '../ack/token.js';
import { rowsText, type AnalysedMigration, type MigrationFinding, type PendingMigration } from '../model.js';
import type { MigrateRun } from '../run.js';
import type { Migration, MigrationSource } from '../tools/tool.js';

/** Budget of one read-only count, in milliseconds. */
const COUNT_TIMEOUT_MS = 30_000;

/** The line of `statement` in a migration file (alembic's SQL is generated), or the `def upgrade` line. */
export function lineInFile(fileText: string, statement: string): number | undefined {
  const words = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const needle = words(statement).slice(0, 60);
  const lines = fileText.split('\n');
  const exact = needle ? lines.findIndex((line) => words(line).includes(needle)) : -1;
  if (exact >= 0) return exact + 1;
  const upgrade = lines.findIndex((line) => /^\s*def upgrade\b/.test(line));
  return upgrade >= 0 ? upgrade + 1 : undefined;
}

/** Analyses one migration's source into findings, a content hash and its statements. */
export async function analyseMigration(migration: Migration, source: MigrationSource): Promise<PendingMigration> {
  const { analyseSql } = await import('../analysis/index.js');
  const analysis = source.sql.trim()
    ? await analyseSql(source.sql, source.startLine === undefined ? {} : { startLine: source.startLine })
    : undefined;
  const generated = source.startLine === undefined;
  const findings: MigrationFinding[] = (analysis?.findings ?? []).map((finding) => ({
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    statement: finding.statement,
    line: generated ? (lineInFile(source.fileText, finding.statement) ?? 1) : finding.line,
    column: generated ? 1 : finding.column,
    ...(finding.table === undefined ? {} : { table: finding.table }),
    ...(finding.context === undefined ? {} : { context: finding.context }),
    ...(finding.countSql === undefined ? {} : { countSql: finding.countSql }),
    destructive: finding.needsAck,
    needsAck: finding.needsAck,
  }));
  const unanalysable = [
    ...(source.error ? [{ line: 1, reason: `its SQL could not be obtained: ${source.error}` }] : []),
    ...(analysis?.unanalysable ?? []).map((part) => ({ line: generated ? 1 : part.line, reason: part.reason })),
    ...source.notes.filter((note) => note.unanalysable).map((note) => ({ line: note.line, reason: note.message })),
  ];
  const hash = source.hashOf === 'file' || !analysis ? fileHash(source.fileText) : analysis.hash;
  const analysed: AnalysedMigration = {
    id: migration.id,
    file: migration.file,
    hash,
    hashOf: source.hashOf === 'file' || !analysis ? 'file' : 'sql',
    findings,
    unanalysable,
    needsAck: findings.some((finding) => finding.needsAck) || unanalysable.length > 0,
  };
  return { migration, source, analysed, statements: (analysis?.parts ?? []).map((part) => part.text) };
}

/** Counts the rows at stake of each finding with a count query, read-only; then relaxes empty tables. */
export async function countRows(
  database: Database,
  pending: readonly PendingMigration[],
  ackEmptyTables: boolean,
  signal: AbortSignal,
): Promise<void> {
  for (const { analysed } of pending) {
    for (const finding of analysed.findings) {
      if (!finding.countSql) continue;
      try {
        const result = await database.query(finding.countSql, [], { readOnly: true, timeoutMs: COUNT_TIMEOUT_MS, signal });
        const value = Object.values(result.rows[0] ?? {})[0];
        const rows = Number(value);
        if (Number.isFinite(rows)) finding.rows = rows;
      } catch (error) {
        finding.countError = describeDatabaseError(error).message;
      }
      if (finding.rows === 0 && !ackEmptyTables) finding.needsAck = false;
    }
    analysed.needsAck = analysed.findings.some((finding) => finding.needsAck) || analysed.unanalysable.length > 0;
  }
}

/** One evidence line per finding: `015_x (versions/015_x.py:22) delete-without-where: DELETE FROM … — would delete 3 rows from candidates [needs ack]`. */
export function findingLine(analysed: AnalysedMigration, finding: MigrationFinding): string {
  const rows = rowsText(finding) ?? (finding.countError ? `rows not counted: ${finding.countError}` : undefined);
  const ack = finding.needsAck ? ' [needs an ack]' : finding.destructive ? ' [empty: no ack needed]' : '';
  return `${analysed.id} (${analysed.file}:${finding.line}) ${finding.code}: ${cut(finding.statement.replace(/\s+/g, ' '), 120)}${rows ? ` — ${rows}` : ''}${ack}`;
}

export async function analysePhase(run: MigrateRun, context: CheckContext): Promise<CheckOutcome> {
  const state = run.state;
  if (!state) throw new Error('analyse ran before plan');
  const toolContext = run.toolContext(context.signal, context.progress);
  run.pending = [];
  for (const migration of state.pending) {
    context.progress(`reading the SQL of ${migration.id}`);
    run.pending.push(await analyseMigration(migration, await run.tool.source(migration, toolContext)));
  }
  const counted = run.pending.some(({ analysed }) => analysed.findings.some((finding) => finding.countSql));
  let countProblem: string | undefined;
  if (counted && run.databaseUrl !== undefined) {
    context.progress('counting the rows at stake (read-only)');
    try {
      const database = await run.options.io.database.connect(run.databaseUrl, { signal: context.signal });
      try {
        await countRows(database, run.pending, run.section['acknowledge-empty-tables'] === true, context.signal);
      } finally {
        await database.close();
      }
    } catch (error) {
      countProblem = describeDatabaseError(error).message;
    }
  }
  const all = run.pending.map(({ analysed }) => analysed);
  const findings = all.flatMap((analysed) => analysed.findings.map((finding) => ({ analysed, finding })));
  const unanalysable = all.flatMap((analysed) =>
    analysed.unanalysable.map((part) => `${analysed.id} (${analysed.file}:${part.line}) not analysable: ${part.reason}`),
  );
  const needing = all.filter((analysed) => analysed.needsAck);
  const details = [
    ...all.map((analysed) => `${analysed.id} ${analysed.hash} (${analysed.hashOf === 'sql' ? 'SQL parse tree' : 'file'})`),
    ...findings.map(({ analysed, finding }) => findingLine(analysed, finding)),
    ...unanalysable,
    ...(countProblem ? [`rows not counted: ${countProblem}`] : []),
  ];
  const firstRows = findings.map(({ finding }) => rowsText(finding)).find(Boolean);
  const summary =
    all.length === 0
      ? 'nothing pending to analyse'
      : `${all.length} migration${all.length === 1 ? '' : 's'} analysed: ${findings.length} finding${findings.length === 1 ? '' : 's'}${unanalysable.length ? `, ${unanalysable.length} not analysable` : ''}; ${needing.length ? `${needing.map((m) => m.id).join(', ')} need${needing.length === 1 ? 's' : ''} an acknowledgement` : 'none needs an acknowledgement'}${firstRows ? ` (${firstRows})` : ''}`;
  return {
    status: 'passed',
    summary,
    measured: `${findings.length} finding${findings.length === 1 ? '' : 's'}, ${needing.length} to acknowledge`,
    expected: 'every pending migration analysed',
    details,
    data: { migrations: all },
  };
}
