/**
 * The `backup` check kind: make a backup (`pg_dump -Fc`, or the team's own command) or
 * check that a recent one exists, then optionally drill a restore (runbook 003,
 * "Backups / Restore"). Config shapes are in `schema.ts`.
 *
 * Database passwords are taken out of URLs, registered as secrets, and given to the
 * PostgreSQL programs in `PGPASSWORD`: never on a command line, never in evidence.
 */
import { resolve } from 'node:path';
import { formatDuration, formatSize } from '../../config/units.js';
import { formatPath, type ConfigPath } from '../../config/source.js';
import type { CheckOutcome } from '../../engine/model.js';
import { ConfigurationError, type ConfigProblem } from '../../errors.js';
import { isSecretName } from '../../secrets/registry.js';
import { formatArgv, splitCommandLine } from '../command/argv.js';
import { runPlannedCommand } from '../command/index.js';
import { splitConfiguredLine, type PlannedCommand } from '../command/invocation.js';
import { describeFile, expectations, formatAge, judgeFile, type FileAssertion, type FileLimits } from '../file/judge.js';
import type { RecordedBackup } from '../../evidence/identity.js';
import { findFiles, type FoundFile } from '../files.js';
import type { CheckKind, PlanContext } from '../kind.js';
import { runDrill, type DrillPlan, type DrillReport } from './drill.js';
import { drillProblems } from './drill-rules.js';
import { isPostgresUrl, parsePostgresUrl, type PostgresUrl } from '../../io/postgres-url.js';
import { BackupCheck, type BackupCheckConfig } from './schema.js';
import { pgDump, type ToolContext } from './tools.js';

export { BackupCheck, type BackupCheckConfig } from './schema.js';

/**
 * Per-attempt time of a backup check that sets no `timeout:`: at least 15 minutes, as a
 * dump and a restore take longer than an HTTP check's default. The gate's `deadline:`
 * still applies.
 */
export const DEFAULT_BACKUP_TIMEOUT_MS = 15 * 60_000;

/** A command's output file may be this much older than the command's start (coarse file times). */
const MTIME_SLACK_MS = 2000;

/** What to write instead of a command string that needs a shell (a backup has no `shell:`). */
const LIST_HINT = 'write it as a list, e.g. [./scripts/backup_pg.sh, --out, backups], or [bash, -c, "…"] for a script';

type Source =
  | { kind: 'pg-dump'; url: PostgresUrl; to: string; args: string[] }
  | { kind: 'command'; command: PlannedCommand; pattern: string }
  | { kind: 'file'; pattern: string };

/** A command string that only a shell could run. */
function commandProblems(config: BackupCheckConfig, path: ConfigPath, source: PlanContext['source']): ConfigProblem[] {
  if (!('command' in config.backup) || typeof config.backup.command !== 'string') return [];
  const at = [...path, 'backup', 'command'];
  const words = splitCommandLine(config.backup.command, LIST_HINT);
  return words.ok ? [] : [source.problem(at, `${formatPath(at)}: ${words.problem}`)];
}

/** Cross-field rules, reported by `release-gates validate` too. */
function problems(config: BackupCheckConfig, path: ConfigPath, source: PlanContext['source']): ConfigProblem[] {
  return [...commandProblems(config, path, source), ...drillProblems(config, path, source)];
}

/** Validates the URLs (without printing them) and registers their passwords as secrets. */
function planSource(config: BackupCheckConfig, context: PlanContext, problemsFound: ConfigProblem[]): Source | undefined {
  const backup = config.backup;
  const at = (...keys: (string | number)[]): ConfigPath => [...context.path, 'backup', ...keys];
  if ('pg-dump' in backup) {
    const url = databaseUrl(backup['pg-dump'], at('pg-dump'), context, problemsFound);
    return url && { kind: 'pg-dump', url, to: backup.to, args: backup.args ?? [] };
  }
  if ('command' in backup) {
    const env = backup.env ?? {};
    // Passwords in URLs and secret-named variables handed to the command are secrets too.
    for (const [name, value] of Object.entries(env)) {
      if (name === 'PGPASSWORD' || isSecretName(name, context.declaredSecrets)) context.secrets.add(value);
      if (isPostgresUrl(value)) registerPassword(parsePostgresUrl(value), context);
    }
    const words = Array.isArray(backup.command)
      ? { ok: true as const, words: backup.command }
      : splitConfiguredLine(backup.command, at('command'), context, LIST_HINT);
    if (!words.ok) {
      problemsFound.push(context.source.problem(at('command'), `${formatPath(at('command'))}: ${words.problem}`));
      return undefined;
    }
    const argv = words.words;
    for (const word of argv) if (isPostgresUrl(word)) registerPassword(parsePostgresUrl(word), context);
    const shown = formatArgv(argv);
    const command = { argv, env, label: shown, shown: [shown], cwd: context.scope.cwd, timeoutMs: backupTimeout(config, context) };
    return { kind: 'command', command, pattern: backup.file };
  }
  return { kind: 'file', pattern: backup.file };
}

function registerPassword(url: PostgresUrl | undefined, context: PlanContext): void {
  context.secrets.add(url?.password);
  context.secrets.add(url?.rawPassword);
}

function databaseUrl(value: string, path: ConfigPath, context: PlanContext, problemsFound: ConfigProblem[]): PostgresUrl | undefined {
  const url = parsePostgresUrl(value);
  if (!url) {
    // The value is not shown: it may hold a password.
    problemsFound.push(
      context.source.problem(
        path,
        `${formatPath(path)}: expected a PostgreSQL URL, postgresql://user:password@host:5432/database (the value is not shown)`,
      ),
    );
    return undefined;
  }
  registerPassword(url, context);
  return url;
}

function planDrill(
  config: BackupCheckConfig,
  source: Source | undefined,
  context: PlanContext,
  problemsFound: ConfigProblem[],
): DrillPlan | undefined {
  const drill = config['restore-drill'];
  if (!drill) return undefined;
  const at = (key: string): ConfigPath => [...context.path, 'restore-drill', key];
  const found = drillProblems(config, context.path, context.source);
  if (found.length) {
    problemsFound.push(...found);
    return undefined;
  }
  if (drill.into !== undefined) {
    const into = databaseUrl(drill.into, at('into'), context, problemsFound);
    const dumped = source?.kind === 'pg-dump' ? source.url : undefined;
    return into && { target: { kind: 'existing', into, source: dumped }, query: drill.query, expect: drill.expect };
  }
  const server =
    drill.server !== undefined
      ? databaseUrl(drill.server, at('server'), context, problemsFound)
      : source?.kind === 'pg-dump'
        ? source.url
        : undefined;
  return server && { target: { kind: 'scratch', server }, query: drill.query, expect: drill.expect };
}

/** What the backup file must be: non-empty, or `min-size:` when given; `max-age:`. */
function fileLimits(config: BackupCheckConfig): FileLimits {
  const minSize = config.backup['min-size'];
  return { 'non-empty': minSize === undefined, 'min-size': minSize, 'max-age': config.backup['max-age'] };
}

/** `backups/nightly.dump is 3h old, expected ≤ 2h`: the first limit the file fails. */
function fileFailure(file: FoundFile, failure: FileAssertion, limits: FileLimits, now: number): string {
  if (failure.limit === 'max-age')
    return `${file.path} is ${formatAge(now - file.mtimeMs)} old, expected ≤ ${formatAge(limits['max-age'] ?? 0)}`;
  return file.size === 0 ? `${file.path} is empty` : `${file.path} is ${formatSize(file.size)}, expected ${failure.expected}`;
}

/** The newest file `pattern` names; a directory named literally counts (`pg_dump -Fd`). */
async function newestMatch(cwd: string, pattern: string): Promise<FoundFile | undefined> {
  return (await findFiles(cwd, pattern, { directories: true })).files[0];
}

/**
 * Per-attempt time of the check: `timeout:`, else at least {@link DEFAULT_BACKUP_TIMEOUT_MS}.
 */
function backupTimeout(config: BackupCheckConfig, context: PlanContext): number {
  return config.timeout ?? Math.max(context.defaultTimeoutMs, DEFAULT_BACKUP_TIMEOUT_MS);
}

function drillExpectation(drill: DrillPlan): string {
  if (drill.query === undefined) return 'restore succeeds';
  const { rows, ...paths } = drill.expect ?? {};
  const parts = [
    ...(rows === undefined ? [] : [`rows ${typeof rows === 'number' ? `== ${rows}` : JSON.stringify(rows)}`]),
    ...Object.keys(paths),
  ];
  return parts.length ? `restore drill: ${parts.join(', ')}` : 'restore and query succeed';
}

function drillMeasured(report: DrillReport): string {
  const parts: string[] = [];
  if (report.restoreMs !== undefined) parts.push(`restored in ${formatDuration(report.restoreMs)}`);
  for (const assertion of report.assertions) parts.push(`${assertion.label} ${assertion.measured}`);
  if (report.assertions.length === 0 && report.result !== undefined) parts.push(`query → ${report.result}`);
  return parts.join(', ');
}

interface RunInput {
  config: BackupCheckConfig;
  source: Source;
  drill: DrillPlan | undefined;
  context: PlanContext;
  timeoutMs: number;
}

async function runBackup(input: RunInput, signal: AbortSignal, progress: (message: string) => void): Promise<CheckOutcome> {
  const { config, source, drill, context, timeoutMs } = input;
  const cwd = context.scope.cwd;
  const io = context.io;
  const tools: ToolContext = { process: io.process, cwd, signal, timeoutMs };
  const details: string[] = [];
  const limits = fileLimits(config);
  const expectedFile = Object.values(expectations(limits)).join(', ');
  const expected = drill ? `${expectedFile}; ${drillExpectation(drill)}` : expectedFile;
  const failed = (summary: string, measured: string): CheckOutcome => ({ status: 'failed', summary, measured, expected, details });

  let file: FoundFile | undefined;
  if (source.kind === 'pg-dump') {
    progress(`pg_dump ${source.url.safe}`);
    const dump = await pgDump(source.url, resolve(cwd, source.to), source.to, source.args, tools);
    if (!dump.ok) {
      details.push(`✗ ${dump.shown}: ${dump.failure}`, ...dump.stderrTail.map((line) => `    ${line}`));
      return failed(dump.failure, 'no dump');
    }
    details.push(`✓ ${dump.shown} (${formatDuration(dump.elapsedMs)})`);
    file = await newestMatch(cwd, source.to);
    if (!file) return failed(`pg_dump exited 0 but ${source.to} is not there`, 'no file');
  } else if (source.kind === 'command') {
    const shown = source.command.label;
    progress(`running ${shown}`);
    const started = Date.now();
    const ran = await runPlannedCommand(source.command, undefined, { process: io.process, secrets: context.secrets, signal, progress });
    details.push(...(ran.details ?? []));
    if (ran.status !== 'passed') return failed(ran.summary, ran.measured ?? 'failed');
    file = await newestMatch(cwd, source.pattern);
    if (!file) return failed(`${shown} exited 0 but no file matches ${source.pattern}`, 'no file');
    if (file.mtimeMs < started - MTIME_SLACK_MS) {
      const age = formatAge(Date.now() - file.mtimeMs);
      details.push(`✗ newest match ${file.path} is ${age} old: older than the command run`);
      return failed(
        `${shown} exited 0 but wrote no new file matching ${source.pattern} (newest: ${file.path}, ${age} old)`,
        `${file.path}, ${age} old`,
      );
    }
  } else {
    file = await newestMatch(cwd, source.pattern);
    if (!file) {
      details.push(`✗ no file matches ${source.pattern} in ${cwd}`);
      return failed(`no backup file matches ${source.pattern}`, 'no file');
    }
  }

  const now = Date.now();
  const failure = judgeFile(file, limits, now).find((assertion) => !assertion.ok);
  const measuredFile = `${file.path}, ${describeFile(file, now)}`;
  details.push(`${failure ? '✗' : '✓'} file ${measuredFile} (expected ${expectedFile})`);
  if (failure) return failed(fileFailure(file, failure, limits, now), measuredFile);

  if (!drill) return { status: 'passed', summary: measuredFile, measured: measuredFile, expected, details, data: backupData(file, false) };

  const report = await runDrill(file, drill, { process: io.process, database: io.database, cwd, signal, timeoutMs, progress });
  details.push(...report.details);
  const measured = [measuredFile, drillMeasured(report)].filter((part) => part !== '').join('; ');
  if (!report.ok) return failed(report.failure ?? 'restore drill failed', measured);
  return { status: 'passed', summary: measured, measured, expected, details, data: backupData(file, true) };
}

/**
 * The backup as evidence: the rollback gate names it when it offers a database restore
 * (issue #11); the check run records it (`backupsMarker`).
 */
function backupData(file: FoundFile, drilled: boolean): { backup: Omit<RecordedBackup, 'check'> } {
  return { backup: { name: file.path, bytes: file.size, createdAt: new Date(file.mtimeMs).toISOString(), drilled } };
}

function describe(config: BackupCheckConfig): string {
  const backup = config.backup;
  const what =
    'pg-dump' in backup
      ? `pg_dump to ${backup.to}`
      : 'command' in backup
        ? `backup by ${[backup.command].flat().join(' ')}`
        : `backup ${backup.file}`;
  return config['restore-drill'] ? `${what} + restore drill` : what;
}

export const backupKind: CheckKind<BackupCheckConfig> = {
  name: 'backup',
  key: 'backup',
  schema: BackupCheck,
  describe,
  problems,
  plan(config, context) {
    const found: ConfigProblem[] = [];
    const source = planSource(config, context, found);
    const drill = planDrill(config, source, context, found);
    if (found.length || !source) throw new ConfigurationError(found);
    const timeoutMs = backupTimeout(config, context);
    return {
      timeoutMs,
      run: async ({ signal, progress }) => {
        // Progress lines name commands and URLs: redacted like the outcome.
        const report = (message: string): void => progress(context.secrets.redact(message));
        return context.secrets.redactDeep(await runBackup({ config, source, drill, context, timeoutMs }, signal, report));
      },
    };
  },
};
