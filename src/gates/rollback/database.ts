/**
 * The second phase: can the database take the old code? (issue #11, "Database safety").
 *
 * The migrations applied since the target are read from the migrate gate's evidence on
 * each commit after the target up to the deployed one (the `migrations` marker of its
 * `release-gates / migrate (<env>)` check runs), and shown against the tool's history
 * when `database.history` can read it. If one of them lost data or is not backward
 * compatible, the code rollback is refused unless `confirm-database` is given, naming the
 * migration and the options: restore the backup (named from the preflight evidence), run
 * the down migrations, or roll forward. A restore is never implied by the confirmation.
 */
import { systemClock } from '../../engine/clock.js';
import type { GitHubScope } from '../../checks/kind.js';
import { ask, plural, shortSha } from '../../checks/github-scope.js';
import type { PlannedCommand } from '../../checks/command/invocation.js';
import type { CheckSpec } from '../../engine/check.js';
import type { CheckOutcome } from '../../engine/model.js';
import { backupsIn, migrationsIn, parseCheckRunName } from '../../evidence/identity.js';
import { fromTrustedApp } from '../../evidence/verdicts.js';
import type { CheckRunInfo } from '../../github/api.js';
import type { ProcessRunner } from '../../io/process.js';
import { joinList } from '../../text.js';
import type { RollbackRequest } from './request.js';
import type { RollbackState, SinceTarget } from './state.js';

/** Where the tool's history is read: a command's output, or a `sql` check's rows. */
export type HistorySource = { kind: 'command'; command: PlannedCommand } | { kind: 'sql'; check: CheckSpec };

export interface DatabaseOptions {
  environment: string;
  request: RollbackRequest;
  /** The tool's history, planned; undefined when the config has none. */
  history: HistorySource | undefined;
  process: ProcessRunner;
  signal: AbortSignal;
}

/** Completed runs of `gate` for the environment, by the trusted app, oldest first. */
function gateRuns(runs: readonly CheckRunInfo[], gate: string, environment: string): CheckRunInfo[] {
  return runs
    .filter((run) => {
      const parsed = parseCheckRunName(run.name);
      return parsed?.gate === gate && parsed.environment === environment && run.status === 'completed' && fromTrustedApp(run);
    })
    .sort((a, b) => a.id - b.id);
}

/** A migration that old code cannot safely run on. */
export function risky(migration: SinceTarget): boolean {
  return migration.destructive || migration.compatible === false;
}

/** `015_reset (destructive: delete-without-where, drop-table; applied on abc123)`. */
function describeMigration(migration: SinceTarget): string {
  const what = [migration.destructive ? 'destructive' : undefined, migration.compatible === false ? 'not backward compatible' : undefined]
    .filter(Boolean)
    .join(', ');
  const codes = migration.findings.length ? `: ${migration.findings.join(', ')}` : '';
  return `${migration.id} (${what || 'backward compatible'}${what ? codes : ''}; applied on ${shortSha(migration.commit)})`;
}

/**
 * The ids a history command printed: a JSON array, or one per line, the first word of
 * each (`alembic current` prints `0044_rls (head)`); `#` lines are comments.
 */
export function historyIds(stdout: string): string[] {
  const text = stdout.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON after all: lines
    }
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((word) => word !== '' && !word.startsWith('#'));
}

/** The ids in a `sql` check's rows: each row's first column, arrays flattened. */
export function rowIds(rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) => {
    const first: unknown = Array.isArray(row) ? row[0] : row !== null && typeof row === 'object' ? Object.values(row)[0] : row;
    const values: unknown[] = Array.isArray(first) ? first : [first];
    return values.flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : []));
  });
}

async function readHistory(options: DatabaseOptions): Promise<{ ids: string[] } | { problem: string }> {
  const source = options.history;
  if (!source) return { ids: [] };
  if (source.kind === 'sql') {
    const outcome = await source.check.run({ signal: options.signal, attempt: 1, progress: () => undefined, clock: systemClock });
    if (outcome.status !== 'passed') return { problem: `${source.check.name}: ${outcome.summary}` };
    return { ids: rowIds((outcome.data as { rows?: unknown } | undefined)?.rows) };
  }
  const { command } = source;
  const result = await options.process.run({
    argv: command.argv,
    cwd: command.cwd,
    env: command.env,
    timeoutMs: command.timeoutMs,
    signal: options.signal,
  });
  if (result.startError) return { problem: `${command.label}: ${result.startError}` };
  if (result.exitCode !== 0)
    return { problem: `${command.label} exited ${String(result.exitCode)}: ${result.stderr.trim().split('\n').at(-1) ?? ''}` };
  return { ids: historyIds(result.stdout) };
}

/**
 * Reads the migrations and backups recorded on the commits between target and deployed.
 * The backup to restore is the newest taken up to the commit that applied the first
 * migration since the target (preflight runs before migrate): one taken later would not
 * undo it.
 */
async function readEvidence(github: GitHubScope, environment: string, state: RollbackState): Promise<void> {
  const seen = new Map<string, SinceTarget>();
  let backup: RollbackState['backup'];
  // Oldest commit first, so a migration is attributed to the commit that first applied it.
  for (const commit of state.between.toReversed()) {
    const runs = await ask(`listing the check runs of ${shortSha(commit.sha)}`, () => state.checkRuns(github.api, commit.sha));
    const before = seen.size;
    const newest = gateRuns(runs, 'preflight', environment)
      .flatMap((run) => backupsIn(run.summary))
      .at(-1);
    if (newest && before === 0) backup = { ...newest, commit: commit.sha };
    for (const run of gateRuns(runs, 'migrate', environment)) {
      for (const migration of migrationsIn(run.summary) ?? [])
        if (!seen.has(migration.id)) seen.set(migration.id, { ...migration, commit: commit.sha });
    }
  }
  state.migrations = [...seen.values()];
  state.backup = backup;
}

/** The three ways forward when the schema no longer supports the target. */
function options(state: RollbackState, risks: readonly SinceTarget[]): string[] {
  const backup = state.backup;
  const restore = backup
    ? `restore the backup ${backup.name} (taken by preflight "${backup.check}" on ${shortSha(backup.commit)}${backup.createdAt ? ` at ${backup.createdAt}` : ''}): run again with restore-backup: ${backup.name} (and confirm-database)`
    : 'restore a backup taken before the first of them: none is recorded in the preflight evidence of these commits';
  return [
    `option 1: ${restore}`,
    `option 2: run the down migrations of ${joinList(
      risks.map((m) => m.id).toReversed(),
      'and',
    )} with the migration tool, then roll back with confirm-database`,
    `option 3: roll forward: fix on top of ${shortSha(state.deployed?.sha ?? '')} and release it through the gates instead`,
  ];
}

/** Runs the phase: reads the evidence and the history, then decides. */
export async function checkDatabase(github: GitHubScope, opts: DatabaseOptions, state: RollbackState): Promise<CheckOutcome> {
  const target = state.target;
  if (!target) return { status: 'failed', summary: 'no rollback target', measured: 'no target', expected: 'a target' };
  await readEvidence(github, opts.environment, state);
  const history = await readHistory(opts);
  const migrations = state.migrations;
  const risks = migrations.filter(risky);
  const applied = 'ids' in history && opts.history ? new Set(history.ids) : undefined;
  const lines = migrations.map((m) => {
    const now = applied ? (applied.has(m.id) ? '; still applied per the tool' : '; no longer in the tool history') : '';
    return `${risky(m) ? '✗' : '✓'} ${describeMigration(m)}${now}`;
  });
  const historyLines =
    'problem' in history
      ? [`⚠ the tool's history could not be read: ${history.problem}`]
      : applied
        ? [`the tool's history lists ${plural(applied.size, 'applied migration')}: ${[...applied].slice(-10).join(', ')}`]
        : [];
  const backupLine = state.backup
    ? [`backup on record: ${state.backup.name} (preflight "${state.backup.check}" on ${shortSha(state.backup.commit)})`]
    : [];
  const span = `${plural(state.between.length, 'commit')} after ${shortSha(target.sha)}`;
  const measured = migrations.length
    ? `${plural(migrations.length, 'migration')} since ${shortSha(target.sha)}: ${migrations.map(describeMigration).join('; ')}`
    : `no migration recorded by the migrate gate on the ${span}`;
  const expected = 'no destructive or incompatible migration since the target, or confirm-database';
  const data = {
    migrations,
    risky: risks.map((m) => m.id),
    backup: state.backup,
    history: 'ids' in history ? history.ids : history.problem,
    confirmed: opts.request.confirmDatabase,
  };
  const details = [...lines, ...historyLines, ...backupLine];
  if (risks.length === 0) {
    return {
      status: 'passed',
      summary: migrations.length ? `${measured}; the old code can run on this schema` : measured,
      measured,
      expected,
      details,
      data,
    };
  }
  const named = `${risks.length > 1 ? 'migrations' : 'migration'} ${joinList(risks.map(describeMigration), 'and')}`;
  if (!opts.request.confirmDatabase) {
    return {
      status: 'failed',
      summary: `refused: ${named} since ${shortSha(target.sha)} ${risks.length > 1 ? 'are' : 'is'} not safe for the old code; roll back anyway only with confirm-database (options below)`,
      measured,
      expected,
      details: [...details, ...options(state, risks)],
      data,
    };
  }
  return {
    status: 'passed',
    summary: `confirmed (confirm-database): rolling the code back across ${named}; the database is not restored unless restore-backup names the backup`,
    measured,
    expected,
    details: [...details, ...options(state, risks)],
    data,
  };
}
