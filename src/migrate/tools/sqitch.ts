/**
 * sqitch (PostgreSQL engine): the changes come from `sqitch plan` in plan order, the
 * change the database is at from `sqitch status` (its change ID, matched against the
 * plan), each change's SQL from its deploy script, and the apply as `sqitch deploy --to
 * <change>`, one change at a time; down is `sqitch revert --to <previous change> -y`
 * (`sqitch revert -y`, everything, for the first change). sqitch deploys and reverts in
 * plan order, so a change's parent is the change before it in the plan.
 *
 * The target goes on the command line as `db:pg://user@host:port/db?…` without its
 * password; the password reaches sqitch as `SQITCH_PASSWORD` (sqitch-environment(3),
 * sqitch-authentication(3)). Deploy scripts are `<deploy_dir>/<change>.sql` (default
 * `deploy/`, or `core.deploy_dir` / `core.top_dir` of `sqitch config`); a reworked
 * change's earlier instance is `<change>@<tag>.sql`, the first tag after it, as sqitch
 * names it (sqitch-rework(1)).
 */
import { posix } from 'node:path';
import { parsePostgresUrl } from '../../io/postgres-url.js';
import { sqlSource } from './sql-files.js';
import { listing, live } from './run.js';
import { ToolError, type Migration, type MigrationTool, type ToolContext, type ToolRun } from './tool.js';

/** One change of `sqitch plan`, as the gate names it. */
export interface PlannedChange {
  /** sqitch's change ID (SHA-1), as `sqitch status` prints it. */
  changeId: string;
  /** The change name; `name@tag` for an earlier instance of a reworked change. */
  id: string;
  name: string;
  /** Tags on this change, without `@`. */
  tags: string[];
}

/** The `sqitch plan` format {@link parsePlan} reads: change ID, name, tags. */
export const PLAN_FORMAT = 'format:%H %n%{ }t';

/** Parses `sqitch plan --no-headers --format '<PLAN_FORMAT>'` (one `ID name @tag…` line per change, plan order). */
export function parsePlan(text: string): PlannedChange[] {
  const changes = text
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => /^[0-9a-f]{40}$/.test(words[0] ?? '') && words[1])
    .map(([changeId = '', name = '', ...tags]) => ({
      changeId,
      id: name,
      name,
      tags: tags.filter((tag) => tag.startsWith('@')).map((tag) => tag.slice(1)),
    }));
  // An earlier instance of a reworked change is `name@<first tag at or after it>`.
  changes.forEach((change, index) => {
    const later = changes.slice(index + 1).some((other) => other.name === change.name);
    const tag = changes.slice(index).find((other) => other.tags.length > 0)?.tags[0];
    if (later && tag) change.id = `${change.name}@${tag}`;
  });
  return changes;
}

/** The change ID `sqitch status` says the database is at (`# Change: <id>`); undefined for "No changes deployed". */
export function parseStatus(text: string): string | undefined {
  return /^#\s*Change:\s+([0-9a-f]{40})\s*$/m.exec(text)?.[1];
}

/**
 * The sqitch target for a PostgreSQL URL: `db:pg://user@host:port/db?…` (no password)
 * and the password for `SQITCH_PASSWORD`.
 * @throws ToolError when the URL is not a `postgres://` or `postgresql://` URL.
 */
export function sqitchTarget(databaseUrl: string): { target: string; env: Record<string, string> } {
  const parsed = parsePostgresUrl(databaseUrl);
  if (!parsed)
    throw new ToolError(
      'sqitch: the database is not a postgres:// or postgresql:// URL (expected postgres://user:password@host:port/database)',
    );
  return {
    target: parsed.safe.replace(/^postgres(ql)?:/i, 'db:pg:'),
    env: parsed.password === undefined ? {} : { SQITCH_PASSWORD: parsed.password },
  };
}

/** The deploy scripts' folder from `sqitch config --list` (`core.deploy_dir`, else `core.top_dir`/deploy). */
export function deployDir(configList: string): string {
  const value = (key: string): string | undefined =>
    new RegExp(`^${key.replace('.', '\\.')}=(.*)$`, 'm').exec(configList)?.[1]?.trim() || undefined;
  return value('core.deploy_dir') ?? posix.join(value('core.top_dir') ?? '.', 'deploy');
}

export function sqitchTool(options: { command?: readonly string[]; migrationsDir?: string }): MigrationTool {
  const command = options.command ?? ['sqitch'];

  /** A call against the database: the target as the last argument, the password in the environment. */
  const against = (context: ToolContext): { target: string; context: ToolContext } => {
    if (context.databaseUrl === undefined) throw new ToolError('sqitch: no database URL (set database: or DATABASE_URL)');
    const { target, env } = sqitchTarget(context.databaseUrl);
    return { target, context: { ...context, env: { ...context.env, ...env } } };
  };

  const plan = async (context: ToolContext): Promise<(Migration & { changeId: string })[]> => {
    const changes = parsePlan(await listing(context, [...command, 'plan', '--no-headers', '--format', PLAN_FORMAT]));
    const dir = options.migrationsDir ?? deployDir(await listing(context, [...command, 'config', '--list']));
    return changes.map((change, index) => ({
      id: change.id,
      file: posix.join(dir, `${change.id}.sql`),
      parents: index > 0 ? [changes[index - 1]?.id ?? ''] : [],
      changeId: change.changeId,
    }));
  };

  const strip = ({ id, file, parents }: Migration): Migration => ({ id, file, parents });

  /** The plan and how many of its changes the database has (sqitch deploys in plan order). */
  const deployed = async (context: ToolContext): Promise<{ all: Migration[]; done: number }> => {
    const all = await plan(context);
    const call = against(context);
    const status = await listing(call.context, [...command, 'status', call.target], (exit) =>
      /No changes deployed/.test(exit.stdout + exit.stderr),
    );
    const at = parseStatus(status);
    if (at === undefined) return { all: all.map(strip), done: 0 };
    const index = all.findIndex((migration) => migration.changeId === at);
    if (index < 0) throw new ToolError(`sqitch status: the database is at change ${at}, which is not in sqitch.plan`);
    return { all: all.map(strip), done: index + 1 };
  };

  const run = (context: ToolContext, verb: readonly string[]): Promise<ToolRun> => {
    const call = against(context);
    return live(call.context, [...command, ...verb, call.target]);
  };

  return {
    name: 'sqitch',
    async state(context) {
      if (context.databaseUrl === undefined) {
        const all = (await plan(context)).map(strip);
        const last = all.at(-1);
        return { heads: last ? [{ id: last.id, file: last.file }] : [], current: undefined, pending: all };
      }
      const { all, done } = await deployed(context);
      const last = all.at(-1);
      return {
        heads: last ? [{ id: last.id, file: last.file }] : [],
        current: all
          .slice(0, done)
          .slice(-1)
          .map((migration) => migration.id),
        pending: all.slice(done).map(strip),
      };
    },
    source: (migration, context) => sqlSource(migration, context),
    sqlOfText: (text) => text,
    apply: (migration, context) => run(context, ['deploy', '--to', migration.id]),
    async current(context) {
      const { all, done } = await deployed(context);
      return all
        .slice(0, done)
        .slice(-1)
        .map((migration) => migration.id);
    },
    down: (migration, context) => run(context, migration.parents[0] ? ['revert', '--to', migration.parents[0], '-y'] : ['revert', '-y']),
  };
}
