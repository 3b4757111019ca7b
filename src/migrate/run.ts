/**
 * One run of the migrate gate: its settings, the tool, the database, and what each
 * phase learns for the next (the phases run serially: plan, analyse, acknowledge, apply
 * or rehearse, verify).
 */
import { resolve } from 'node:path';
import type { Io, ResolvedEnvironment, RunScope } from '../checks/kind.js';
import { parsePostgresUrl } from '../io/postgres-url.js';
import type { LoadedConfig } from '../config/load.js';
import type { MigrateSectionConfig } from '../config/schema/root.js';
import { actionsExecRunner, type LiveRunner } from '../io/live-process.js';
import type { SecretRegistry } from '../secrets/registry.js';
import type { AcceptedAck, PendingMigration } from './model.js';
import { toolFor } from './tools/index.js';
import type { MigrationTool, ToolContext, ToolState } from './tools/tool.js';

/** `apply` migrates the environment's database; `rehearse` a scratch database (pull requests). */
export type MigrateMode = 'apply' | 'rehearse';

/** Budget of one listing or `--sql` call of the tool when the section sets no `timeout`: 2 minutes. */
const DEFAULT_TOOL_CALL_MS = 120_000;

/**
 * The mode of a run: the `mode` input when given (`apply` or `rehearse`), else
 * `rehearse` on pull requests and in the merge queue, `apply` otherwise.
 */
export function modeFor(scope: RunScope): MigrateMode | { invalid: string } {
  const asked = scope.inputs?.mode?.trim() ?? '';
  if (asked === 'apply' || asked === 'rehearse') return asked;
  if (asked !== '' && asked !== 'auto') return { invalid: asked };
  const event = scope.github?.eventName ?? scope.env.GITHUB_EVENT_NAME ?? '';
  return event.startsWith('pull_request') || event === 'merge_group' ? 'rehearse' : 'apply';
}

/** `-c lock_timeout=5000 -c statement_timeout=600000` added to any PGOPTIONS already set. */
export function pgOptions(
  section: Pick<MigrateSectionConfig, 'lock-timeout' | 'statement-timeout'>,
  existing: string | undefined,
): string | undefined {
  const parts = [
    ...(existing ? [existing] : []),
    ...(section['lock-timeout'] === undefined ? [] : [`-c lock_timeout=${section['lock-timeout']}`]),
    ...(section['statement-timeout'] === undefined ? [] : [`-c statement_timeout=${section['statement-timeout']}`]),
  ];
  return parts.length ? parts.join(' ') : undefined;
}

export interface MigrateRunOptions {
  loaded: LoadedConfig;
  section: MigrateSectionConfig;
  environment: ResolvedEnvironment | undefined;
  scope: RunScope;
  io: Io;
  secrets: SecretRegistry;
  mode: MigrateMode;
  live?: LiveRunner;
}

export class MigrateRun {
  readonly tool: MigrationTool;
  /** The project directory (absolute). */
  readonly cwd: string;
  /** The database to migrate (password included; registered as a secret). */
  readonly databaseUrl: string | undefined;
  /** The environment acknowledgements are bound to (`default` without one). */
  readonly environment: string;
  readonly live: LiveRunner;
  /** Set by the plan phase. */
  state: ToolState | undefined;
  /** Set by the analyse phase, in apply order. */
  pending: PendingMigration[] = [];
  /** Set by the acknowledge phase. */
  accepted: AcceptedAck[] = [];

  constructor(readonly options: MigrateRunOptions) {
    const { section, scope, environment, secrets } = options;
    this.tool = toolFor(section);
    this.cwd = resolve(scope.cwd, section.cwd ?? '.');
    // As the `sql` kind picks it (`checks/sql/target.ts`): the section, the environment, DATABASE_URL.
    this.databaseUrl = section.database ?? environment?.database ?? environment?.vars.DATABASE_URL ?? scope.env.DATABASE_URL ?? undefined;
    const parsed = this.databaseUrl === undefined ? undefined : parsePostgresUrl(this.databaseUrl);
    secrets.add(parsed?.password);
    secrets.add(parsed?.rawPassword);
    this.environment = environment?.name ?? 'default';
    this.live = options.live ?? actionsExecRunner;
  }

  get mode(): MigrateMode {
    return this.options.mode;
  }

  get section(): MigrateSectionConfig {
    return this.options.section;
  }

  /** The budget of one listing call of the tool, in milliseconds. */
  get toolCallMs(): number {
    return this.section.timeout ?? DEFAULT_TOOL_CALL_MS;
  }

  /** What a tool call needs, against `databaseUrl` (the target by default, or a scratch database). */
  toolContext(signal: AbortSignal, progress: (message: string) => void, databaseUrl = this.databaseUrl): ToolContext {
    const options = pgOptions(this.section, this.options.scope.env.PGOPTIONS);
    return {
      cwd: this.cwd,
      databaseUrl,
      env: { ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }), ...(options ? { PGOPTIONS: options } : {}) },
      process: this.options.io.process,
      live: this.live,
      timeoutMs: this.toolCallMs,
      signal,
      progress,
    };
  }
}
