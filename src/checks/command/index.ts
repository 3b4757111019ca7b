/**
 * The `command` check kind: run a program (argv, no shell) or a script (`shell: bash`)
 * and check its exit code, its output and JSON fields read from its stdout (runbook 003:
 * `alembic heads`, the `python - <<'PY'` settings dumps). Output is redacted before it
 * is shown; the details keep its last lines.
 */
import { stat } from 'node:fs/promises';
import { formatDuration } from '../../config/units.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { ProcessRunner } from '../../io/process.js';
import type { SecretRegistry } from '../../secrets/registry.js';
import type { CheckKind } from '../kind.js';
import { evaluateOutput, type OutputExpectConfig } from '../output-expect.js';
import { splitCommandLine } from './argv.js';
import { commandLabel, planCommand, type PlannedCommand } from './invocation.js';
import { commandOutcome } from './report.js';
import { CommandCheck, type CommandCheckConfig } from './schema.js';

/** Time allowed past a command's timeout for it to be killed (SIGTERM, then SIGKILL 2s later) and reported. */
const KILL_GRACE_MS = 5000;
/** How often a long command reports that it is still running. */
const PROGRESS_EVERY_MS = 15_000;

async function missingCwd(cwd: string): Promise<string | undefined> {
  try {
    return (await stat(cwd)).isDirectory() ? undefined : `cwd is not a directory: ${cwd}`;
  } catch {
    return `cwd not found: ${cwd}`;
  }
}

/**
 * Runs a planned command and judges it. Shared with kinds that run a team's tool.
 * Never throws for a failing, missing or hanging command: those are outcomes.
 */
export async function runPlannedCommand(
  planned: PlannedCommand,
  expect: OutputExpectConfig | undefined,
  io: { process: ProcessRunner; secrets: SecretRegistry; signal: AbortSignal; progress: (message: string) => void },
): Promise<CheckOutcome> {
  const cwdProblem = await missingCwd(planned.cwd);
  if (cwdProblem)
    return io.secrets.redactDeep({ status: 'failed', summary: cwdProblem, measured: cwdProblem, expected: 'an existing cwd' });
  const start = Date.now();
  const ticker = setInterval(() => io.progress(`still running after ${formatDuration(Date.now() - start)}`), PROGRESS_EVERY_MS);
  ticker.unref();
  try {
    const result = await io.process.run({
      argv: planned.argv,
      cwd: planned.cwd,
      env: planned.env,
      timeoutMs: planned.timeoutMs,
      signal: io.signal,
    });
    return commandOutcome(planned, result, evaluateOutput(expect, result, io.secrets), io.secrets);
  } finally {
    clearInterval(ticker);
  }
}

/** The `command` kind: `- command: [alembic, heads]`, a command line, or a script with `shell: bash`. */
export const commandKind: CheckKind<CommandCheckConfig> = {
  name: 'command',
  key: 'command',
  fields: ['env'],
  // A script run by a shell is never expanded by release-gates: bash reads ${VAR} from
  // the environment itself, and a value pasted into the script would become code.
  verbatim: (raw) => (raw.shell !== undefined ? ['command'] : []),
  schema: CommandCheck,
  describe: commandLabel,
  problems(config, path, source) {
    if (config.shell !== undefined || typeof config.command !== 'string') return [];
    const words = splitCommandLine(config.command);
    return words.ok ? [] : [source.problem([...path, 'command'], words.problem)];
  },
  plan(config, context) {
    const planned = planCommand(config, context);
    return {
      timeoutMs: planned.timeoutMs + KILL_GRACE_MS,
      run: ({ signal, progress }) =>
        runPlannedCommand(planned, config.expect, { process: context.io.process, secrets: context.secrets, signal, progress }),
    };
  },
};
