/** Running a tool's CLI for the adapters: listings with a timeout, applies live. */
import { cut } from '../../text.js';
import type { ToolContext, ToolRun } from './tool.js';
import { ToolError } from './tool.js';

/** The useful line of a tool's stderr: the last one that says what went wrong. */
export function errorLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.findLast((line) => /error|fatal|failed|could not|cannot|not found|no such|denied|refused/i.test(line)) ?? lines.at(-1);
}

/**
 * Runs a listing command (`alembic history`, `dbmate status`) and returns its stdout.
 * `accept` may take a non-zero exit as an answer (`sqitch status` exits 1 for "No
 * changes deployed").
 * @throws ToolError naming the command and its error line when it cannot start or exits non-zero (and is not accepted).
 */
export async function listing(
  context: ToolContext,
  argv: readonly string[],
  accept?: (exit: { exitCode: number | null; stdout: string; stderr: string }) => boolean,
): Promise<string> {
  const result = await context.process.run({
    argv,
    cwd: context.cwd,
    env: context.env,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });
  const shown = argv.join(' ');
  if (result.startError) throw new ToolError(`${shown}: ${result.startError}`);
  if (result.timedOut) throw new ToolError(`${shown}: no answer within ${Math.round(context.timeoutMs / 1000)} s`);
  if (result.exitCode !== 0 && !accept?.(result)) {
    const line = errorLine(result.stderr) ?? errorLine(result.stdout);
    throw new ToolError(`${shown} failed (exit ${result.exitCode ?? result.signal ?? '?'})${line ? `: ${cut(line, 300)}` : ''}`);
  }
  return result.stdout;
}

/** Runs a command that changes the database, live and never killed (see `io/live-process.ts`). */
export async function live(context: ToolContext, argv: readonly string[]): Promise<ToolRun> {
  const shown = argv.join(' ');
  const result = await context.live.run({ argv, cwd: context.cwd, env: context.env, onLine: (line) => context.progress(line) });
  return {
    ok: result.exitCode === 0,
    shown,
    exitCode: result.exitCode,
    elapsedMs: result.elapsedMs,
    tail: result.startError ? [...result.tail, result.startError] : result.tail,
  };
}
