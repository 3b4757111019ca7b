/**
 * From a `command:` check's config to what is run: argv (split, or a shell's), the
 * working directory, the environment and the texts shown for it.
 */
import { isAbsolute, resolve } from 'node:path';
import { expand, type Lookup } from '../../config/interpolate.js';
import { ConfigurationError } from '../../errors.js';
import { shellArgv } from '../../io/process.js';
import type { PlanContext } from '../kind.js';
import { expandWords, formatArgv, splitCommandLine } from './argv.js';
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
  const cut = first.length > LABEL_MAX ? `${first.slice(0, LABEL_MAX - 1)}…` : first;
  return `${config.shell}: ${cut}${lines.length > 1 && cut === first ? ' …' : ''}`;
}

/**
 * argv of a command line. It is split as written in the file, before `${VAR}` was
 * expanded, and each word expanded after, so a value with spaces or `|` stays one
 * argument. A line that is not this check's as written (a config built in code) is split
 * as it is.
 */
function argvOf(config: CommandCheckConfig, context: PlanContext, lookup: Lookup): string[] {
  const { command, shell } = config;
  if (typeof command !== 'string') return [...command];
  if (shell !== undefined) return shellArgv(shell, command);
  const written: unknown = context.source.document.getIn([...context.path, 'command']);
  const asWritten = typeof written === 'string' && expand(written, lookup).value === command;
  const words = splitCommandLine(asWritten ? written : command);
  if (!words.ok) throw new ConfigurationError([{ location: context.source.locate([...context.path, 'command']), message: words.problem }]);
  return asWritten ? expandWords(words.words, lookup) : words.words;
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
  const lookup: Lookup = (name) => vars[name] ?? context.scope.env[name];
  const argv = argvOf(config, context, lookup);
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
