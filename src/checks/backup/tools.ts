/**
 * The PostgreSQL client programs, run through the {@link ProcessRunner}: `pg_dump -Fc`,
 * and `pg_restore` (or `psql` for a plain SQL dump). Connection strings go on the
 * command line without their password; the password goes in `PGPASSWORD`.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname } from 'node:path';
import type { ProcessResult, ProcessRunner } from '../../io/process.js';
import { cut } from '../../text.js';
import type { PostgresUrl } from '../../io/postgres-url.js';

/** How long libpq waits to connect, unless PGCONNECT_TIMEOUT is set. */
const CONNECT_TIMEOUT_S = '15';

export interface ToolRun {
  ok: boolean;
  /** The command as shown: program and arguments, no password. */
  shown: string;
  /** One line: why it failed. Empty when ok. */
  failure: string;
  /** Last lines of stderr, for the evidence. */
  stderrTail: string[];
  elapsedMs: number;
}

export interface ToolContext {
  process: ProcessRunner;
  cwd: string;
  signal: AbortSignal;
  timeoutMs: number;
}

function libpqEnv(url: PostgresUrl): Record<string, string> {
  return {
    ...url.env,
    PGAPPNAME: 'release-gates',
    ...(process.env.PGCONNECT_TIMEOUT ? {} : { PGCONNECT_TIMEOUT: CONNECT_TIMEOUT_S }),
  };
}

const TAIL_LINES = 8;

const POSTGRES_PROGRAMS = new Set(['pg_dump', 'pg_restore', 'psql']);

/** The useful lines of a tool's stderr: `pg_dump: error: x` → `x`. */
function stderrLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^(pg_dump|pg_restore|psql|pg_dumpall):\s*(error:\s*)?/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => line.length > 0);
}

/** Why a run failed, in one line, naming the program. */
function failureOf(program: string, result: ProcessResult, signal: AbortSignal): string {
  if (result.startError) {
    return result.startError.startsWith('command not found') && POSTGRES_PROGRAMS.has(program)
      ? `${program} is not installed (${result.startError}); install the PostgreSQL client programs (Debian: postgresql-client)`
      : `${program} could not start: ${result.startError}`;
  }
  if (result.timedOut || signal.aborted) return `${program} was stopped: the check's time ran out`;
  const lines = stderrLines(result.stderr);
  const detail = lines.find((line) => /error|fatal|failed|could not|does not exist|denied/i.test(line)) ?? lines.at(-1);
  const how = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit ${result.exitCode}`;
  return `${program} failed (${how})${detail ? `: ${detail}` : ''}`;
}

async function runTool(program: string, args: string[], url: PostgresUrl, context: ToolContext): Promise<ToolRun> {
  const result = await context.process.run({
    argv: [program, ...args],
    cwd: context.cwd,
    env: libpqEnv(url),
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });
  const ok = result.exitCode === 0 && !result.timedOut && result.startError === undefined;
  return {
    ok,
    shown: [program, ...args].join(' '),
    failure: ok ? '' : failureOf(program, result, context.signal),
    stderrTail: stderrLines(result.stderr).slice(-TAIL_LINES),
    elapsedMs: result.elapsedMs,
  };
}

/**
 * `pg_dump -Fc` of `url` into `target` (absolute; shown as `shownTarget`), written to
 * `target.partial` and renamed when complete, so a failed dump never leaves a file that
 * looks like a backup.
 */
export async function pgDump(
  url: PostgresUrl,
  target: string,
  shownTarget: string,
  extraArgs: readonly string[],
  context: ToolContext,
): Promise<ToolRun> {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const run = await runTool(
    'pg_dump',
    ['--format=custom', '--no-password', `--file=${partial}`, ...extraArgs, `--dbname=${url.safe}`],
    url,
    context,
  );
  if (run.ok) await rename(partial, target);
  else await rm(partial, { force: true, recursive: true });
  return { ...run, shown: run.shown.replace(`--file=${partial}`, `--file=${shownTarget}`) };
}

/** What a dump file is, from its first bytes: pg_restore reads custom, tar and directory dumps; psql plain SQL. */
export async function dumpFormat(path: string, isDirectory: boolean): Promise<'archive' | 'plain' | 'gzip'> {
  if (isDirectory) return 'archive';
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 5).toString('latin1') === 'PGDMP') return 'archive';
    if (bytes.subarray(257, 262).toString('latin1') === 'ustar') return 'archive';
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
    return 'plain';
  } finally {
    await handle.close();
  }
}

/**
 * Restores `file` into the database `url` names. Archives go through `pg_restore` with
 * `--no-owner --no-privileges --exit-on-error` (and `--clean --if-exists` when `clean`:
 * an existing scratch database); plain SQL through `psql -v ON_ERROR_STOP=1` in one
 * transaction. A `CREATE DATABASE` in the dump is not used: the target is `url`.
 */
export async function restore(
  file: string,
  format: 'archive' | 'plain',
  url: PostgresUrl,
  clean: boolean,
  context: ToolContext,
): Promise<ToolRun> {
  if (format === 'archive') {
    const args = [
      '--no-password',
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      ...(clean ? ['--clean', '--if-exists'] : []),
      `--dbname=${url.safe}`,
      file,
    ];
    return runTool('pg_restore', args, url, context);
  }
  const args = [
    '--no-password',
    '--no-psqlrc',
    '--quiet',
    '--set=ON_ERROR_STOP=1',
    '--single-transaction',
    `--dbname=${url.safe}`,
    `--file=${file}`,
  ];
  return runTool('psql', args, url, context);
}

/**
 * The first line of a plain SQL dump that would switch databases (`\connect`, or
 * `CREATE DATABASE` from `pg_dump --create`): psql would follow it and write to the
 * database it names instead of the scratch one. Undefined when there is none.
 */
export async function switchesDatabase(file: string): Promise<string | undefined> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (/^\\(connect|c)\b/.test(line) || /^CREATE DATABASE\b/i.test(line)) return cut(line.trim(), 80);
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return undefined;
}
