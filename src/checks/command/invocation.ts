/**
 * From a `command:` check's config to what is run: argv (split, or a shell's), the
 * working directory, the environment and the texts shown for it.
 */
import { isAbsolute, resolve } from 'node:path';
import { expand, type Lookup } from '../../config/interpolate.js';
import type { ConfigPath } from '../../config/source.js';
import { ConfigurationError } from '../../errors.js';
import { shellArgv } from '../../io/process.js';
import { cut } from '../../text.js';
import type { PlanContext } from '../kind.js';
import { expandWords, formatArgv, splitCommandLine, type SplitLine } from './argv.js';
import type { Invocation } from './report.js';
import type { CommandCheckConfig } from './schema.js';

/** Characters of a script's first line used in its label. */
const LABEL_MAX = 60;
/** Script lines shown in the details. */
const SHOWN_SCRIPT_LINES = 20;

/** What to run and how to show it. */
export interface PlannedCommand extends Invocation {
  argv: string[];
  /** Added to the process environment. */
  env: Record<string, string>;
}

/** `alembic heads`, or `bash: python3 - <<'PY' …` for a script. */
export function commandLabel(config: Pick<CommandCheckConfig, 'command' | 'shell'>): string {
  if (typeof config.command !== 'string') return formatArgv(config.command);
  if (config.shell === undefined) return config.command.trim();
  const lines = config.command
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0] ?? '';
  const shown = cut(first, LABEL_MAX);
  return `${config.shell}: ${shown}${lines.length > 1 && shown === first ? ' …' : ''}`;
}

/** Where a check's `${VAR}` are looked up: the environment's `vars:`, then the process environment. */
function lookupOf(context: Pick<PlanContext, 'environment' | 'scope'>): Lookup {
  const vars = context.environment?.vars ?? {};
  return (name) => vars[name] ?? context.scope.env[name];
}

/**
 * argv of the command line `line`, found at `at` in the config. It is split as written in
 * the file, before `${VAR}` was expanded, and each word expanded after, so a value with
 * spaces or `|` stays one argument. A line that is not the one written there (a config
 * built in code) is split as it is. `hint` says what to write instead of shell syntax.
 */
export function splitConfiguredLine(line: string, at: ConfigPath, context: PlanContext, hint?: string): SplitLine {
  const lookup = lookupOf(context);
  const written: unknown = context.source.document.getIn(at);
  const asWritten = typeof written === 'string' && expand(written, lookup).value === line;
  const words = splitCommandLine(asWritten ? written : line, hint);
  return words.ok && asWritten ? { ok: true, words: expandWords(words.words, lookup) } : words;
}

function argvOf(config: CommandCheckConfig, context: PlanContext): string[] {
  const { command, shell } = config;
  if (typeof command !== 'string') return [...command];
  if (shell !== undefined) return shellArgv(shell, command);
  const at = [...context.path, 'command'];
  const words = splitConfiguredLine(command, at, context);
  if (!words.ok) throw new ConfigurationError([{ location: context.source.locate(at), message: words.problem }]);
  return words.words;
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * Plans a command.
 * @throws ConfigurationError when a command line without `shell:` uses shell syntax.
 */
export function planCommand(config: CommandCheckConfig, context: PlanContext): PlannedCommand {
  const vars = context.environment?.vars ?? {};
  const argv = argvOf(config, context);
  const cwd = config.cwd === undefined ? context.scope.cwd : isAbsolute(config.cwd) ? config.cwd : resolve(context.scope.cwd, config.cwd);
  const script =
    config.shell !== undefined && typeof config.command === 'string' ? config.command.replace(/\n+$/, '').split('\n') : undefined;
  const shown = script
    ? [
        `${argv.slice(0, -1).join(' ')} <script below>`,
        ...script.slice(0, SHOWN_SCRIPT_LINES),
        ...(script.length > SHOWN_SCRIPT_LINES ? [`… (${script.length - SHOWN_SCRIPT_LINES} more lines)`] : []),
      ]
    : [formatArgv(argv)];
  return {
    argv,
    label: commandLabel(config),
    shown,
    cwd,
    env: { ...definedOnly(context.scope.env), ...vars, ...(config.env ?? {}) },
    timeoutMs: config.timeout ?? context.defaultTimeoutMs,
  };
}
