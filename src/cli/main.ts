/**
 * The command line: `run`, `validate`, `analyse-sql` and `schema`. Returns an exit code; user errors
 * print one line per problem and no stack trace (see `errors.ts`).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_PATH } from '../config/load.js';
import type { ProcessEnv } from '../config/resolve.js';
import { isUserError, UsageError } from '../errors.js';
import { GATES } from '../gates/registry.js';
import { guarded } from '../io/guarded-output.js';
import { redacting, type Output } from '../io/output.js';
import { SecretRegistry } from '../secrets/registry.js';
import { VERSION } from '../version.js';
import { rollbackCommand, type RollbackCommandOptions } from './commands/rollback.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { EXIT_BUG, EXIT_USAGE } from './exit-codes.js';

export interface CliContext {
  env: ProcessEnv;
  output: Output;
  signal?: AbortSignal;
}

/**
 * An option's value, refusing one that looks like another option: `--env --json x`
 * means a forgotten environment name, not an environment called "--json".
 */
function value(text: string): string {
  if (text.startsWith('-')) throw new InvalidArgumentError(`expected a value, got the option "${text}" (the value is missing before it).`);
  return text;
}

function positiveInt(text: string): number {
  const n = Number(value(text));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

/** Collects a repeatable option's values. */
function collect(text: string, previous: string[]): string[] {
  return [...previous, value(text)];
}

/** The hint that ends every usage error: the help of the command that was meant. */
function helpHint(cli: Command, argv: readonly string[]): string {
  const command = cli.commands.map((c) => c.name()).find((name) => argv[0] === name);
  return `see \`release-gates ${command ? `${command} ` : ''}--help\``;
}

function program(context: CliContext & { secrets: SecretRegistry }, setCode: (code: number) => void): Command {
  const cli = new Command('release-gates')
    .description('Run release gates from a runbook config: the same engine as the GitHub Actions.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.output.out(s), writeErr: (s) => context.output.err(s) });
  cli
    .command('run')
    .description(`run gates in order (${GATES.map((g) => g.name).join(', ')})`)
    .argument('<gates...>', 'gate names')
    .option('-c, --config <file>', 'config file', value, DEFAULT_CONFIG_PATH)
    .option('-e, --env <name>', 'environment to run against', value)
    .option('--json <file>', 'write the JSON evidence record to this file', value)
    .option('--markdown <file>', 'write the PR comment this run would post (markdown) to this file', value)
    .option(
      '--check <name>',
      'run only the checks whose name or id matches (repeatable; * and ? are wildcards); the run is partial and does not count for environment-passed',
      collect,
      [],
    )
    .option('--concurrency <n>', 'checks run at once (overrides the config)', positiveInt)
    .option('--pr <number>', 'pull request for the PR checks (needs GITHUB_TOKEN and GITHUB_REPOSITORY)', positiveInt)
    .option('--mode <mode>', 'migrate: apply, rehearse (on a scratch database) or auto (rehearse on pull requests)')
    .option('--acknowledge <tokens>', 'migrate: acknowledgement tokens, as a workflow_dispatch input gives them')
    .option('--no-color', 'plain output')
    .action(
      async (
        gates: string[],
        options: {
          config: string;
          env?: string;
          json?: string;
          markdown?: string;
          concurrency?: number;
          pr?: number;
          check: string[];
          mode?: string;
          acknowledge?: string;
          color: boolean;
        },
      ) => {
        const { color, ...rest } = options;
        setCode(await runCommand(gates, color ? rest : { ...rest, color: false }, context));
      },
    );
  cli
    .command('rollback')
    .description('roll an environment back to the last known good revision (or --to), verified step by step, and record it')
    .requiredOption('-e, --env <name>', 'environment to roll back', value)
    .option('-c, --config <file>', 'config file', value, DEFAULT_CONFIG_PATH)
    .option('--to <ref>', 'explicit target (a SHA, tag or ref); default: the last known good from gate evidence', value)
    .option('--from <sha>', 'the deployed revision, when the environment has no GitHub deployment', value)
    .option('--reason <text>', 'why, for the deployment and the incident issue')
    .option('--dry-run', 'resolve the target and show every step; run and write nothing')
    .option('--confirm-database', 'roll the code back across a destructive or incompatible migration')
    .option('--restore-backup <name>', 'restore this backup first (it must be the one the preflight evidence names)', value)
    .option('--json <file>', 'write the JSON evidence record to this file', value)
    .option('--incident <file>', 'write the incident issue (markdown) to this file', value)
    .option('--no-color', 'plain output')
    .action(async (options: RollbackCommandOptions) => setCode(await rollbackCommand(options, context)));
  cli
    .command('validate')
    .description('check a config file and report every problem with its position')
    .option('-c, --config <file>', 'config file', value, DEFAULT_CONFIG_PATH)
    .action(async (options: { config: string }) => setCode(await validateCommand(options, context.output)));
  cli
    .command('analyse-sql')
    .description("find what SQL migrations do that loses data, weakens security or may fail (the migrate gate's analysis)")
    .argument('<files...>', 'SQL files')
    .option('--json', 'print the analyses as JSON')
    .action(async (files: string[], options: { json?: boolean }) => {
      // Loaded only when used: the analysis loads the PostgreSQL parser.
      const { analyseSqlCommand } = await import('./commands/analyse-sql.js');
      setCode(await analyseSqlCommand(files, options, context.output));
    });
  cli
    .command('schema')
    .description('print the JSON Schema of the config, for editor completion')
    .action(() => setCode(schemaCommand(context.output)));
  return cli;
}

/** Runs the CLI with `argv` (without `node` and the script). */
export async function main(argv: readonly string[], cliContext: CliContext): Promise<number> {
  const secrets = new SecretRegistry();
  secrets.addFromEnvironment(cliContext.env, new Set());
  // In a workflow step, text from targets must not run workflow commands in the log.
  const sink = cliContext.env.GITHUB_ACTIONS === 'true' ? guarded(cliContext.output) : cliContext.output;
  const context = { ...cliContext, output: redacting(sink, secrets), secrets };
  let code = 0;
  const cli = program(context, (c) => (code = c));
  try {
    if (argv.length === 0) {
      context.output.out(cli.helpInformation());
      return 0;
    }
    await cli.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      context.output.err(`${helpHint(cli, argv)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      context.output.err(`${error.message}\n${helpHint(cli, argv)}\n`);
      return EXIT_USAGE;
    }
    if (isUserError(error)) {
      context.output.err(`${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.output.err(`release-gates: internal error (this is a bug, not a problem with your config):\n${detail}\n`);
    return EXIT_BUG;
  }
}
