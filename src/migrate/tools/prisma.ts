/**
 * Prisma Migrate: migrations are folders `prisma/migrations/<timestamp>_<name>/` (or
 * `migrations-dir`, which must match `migrations.path` of the Prisma config), applied in
 * name order; the folder name is the migration id. What `prisma migrate deploy` runs is
 * the folder's `migration.sql`, verbatim, so that file is the SQL the gate analyses and
 * hashes. (`prisma migrate diff --script` is not used: it prints a schema diff, which
 * has no data statements — runbook 000's `DELETE`s would not be in it — and it needs a
 * shadow database.)
 *
 * Which migrations are applied comes from `prisma migrate status`: "Following
 * migration(s) have not yet been applied:" lists the pending ones (exit 1), "Database
 * schema is up to date!" none; a failed migration, a history that diverges from the
 * database, or a database not managed by Prisma Migrate stop the gate with Prisma's
 * own words (these texts are the same in Prisma 6.19 and 7.10). With migrations pending,
 * `status` says only that and never reaches its check for failed migrations (a failed
 * one is not "not yet applied"), so the gate asks again about the other migrations
 * alone, through a config as below.
 *
 * `prisma migrate deploy` has no "up to this migration", so each migration is deployed
 * alone: the gate writes, in a temporary folder, a migrations folder holding only that
 * migration (and `migration_lock.toml`) and a Prisma config that imports the project's
 * config and points `migrations.path` there, and runs `prisma migrate deploy --config
 * <it>`. Prisma applies what is pending in that folder and leaves applied migrations it
 * does not see alone. The project needs a Prisma config file (`prisma.config.ts`;
 * Prisma 7 needs one anyway). Prisma Migrate has no down migrations.
 */
import { cp, copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { chained, sqlFiles, sqlSource } from './sql-files.js';
import { listing, live } from './run.js';
import { ToolError, type Migration, type MigrationTool, type ToolContext, type ToolRun } from './tool.js';

/** Prisma's lock file in the migrations folder (it records the provider). */
const LOCK_FILE = 'migration_lock.toml';

/** Prisma's config file names, in the order the Prisma CLI looks for them in the project directory (`@prisma/config`). */
export const CONFIG_FILES = ['prisma7.config', 'prisma.config', '.config/prisma7', '.config/prisma', '.config/prisma.config'].flatMap(
  (base) => ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'].map((extension) => `${base}${extension}`),
);

/** Drops terminal colours (Prisma colours its output on a terminal). */
function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The names listed under `header` (one per line, up to a blank line). */
function namesAfter(text: string, header: RegExp): string[] {
  const match = new RegExp(`${header.source}\\r?\\n((?:[^\\r\\n]+\\r?\\n?)*)`).exec(text);
  return (match?.[1] ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * What `prisma migrate status` says is a problem the gate cannot go past, as one line;
 * undefined when it is not one.
 */
export function statusProblem(output: string): string | undefined {
  const text = plain(output);
  if (/Your local migration history and the migrations table from your database are different/.test(text)) {
    const common = /The last common migration is: (\S+)/.exec(text)?.[1];
    const unknown = namesAfter(text, /from the database are not found locally in \S+:/);
    return (
      "prisma migrate status: the database's migration history differs from the migrations folder" +
      (common ? ` (last common migration ${common})` : '') +
      (unknown.length ? `; applied but not in the folder: ${unknown.join(', ')}` : '')
    );
  }
  const failed = namesAfter(text, /Following migrations? have failed:/);
  if (failed.length) {
    return `prisma migrate status: migration ${failed.join(', ')} failed and is not resolved (prisma migrate resolve --rolled-back or --applied)`;
  }
  if (/The current database is not managed by Prisma Migrate/.test(text)) {
    return 'prisma migrate status: the database is not managed by Prisma Migrate (no _prisma_migrations table): baseline it with prisma migrate resolve --applied';
  }
  return undefined;
}

/**
 * What `prisma migrate status` says: how many migrations it found in the migrations
 * folder (undefined when it did not get that far) and the ids not applied yet ([] for
 * "Database schema is up to date!").
 * @throws ToolError for a state the gate cannot go past ({@link statusProblem}), unless Prisma found no migration.
 */
export function parseStatus(output: string): { found: number | undefined; pending: string[] } {
  const text = plain(output);
  const count = /^(\d+) migrations? found in /m.exec(text)?.[1];
  const found = count !== undefined ? Number(count) : /^No migration found in /m.test(text) ? 0 : undefined;
  const problem = found === 0 ? undefined : statusProblem(text);
  if (problem) throw new ToolError(problem);
  return { found, pending: namesAfter(text, /have not yet been applied:/) };
}

/** The project's Prisma config file (absolute), as the Prisma CLI finds it in `cwd`. */
export async function findConfig(cwd: string): Promise<string | undefined> {
  for (const file of CONFIG_FILES) {
    const path = resolve(cwd, file);
    if ((await stat(path).catch(() => undefined))?.isFile()) return path;
  }
  return undefined;
}

/**
 * A Prisma config that is the project's (`config`, absolute) with `migrations.path` set
 * to `migrations` (absolute). Paths in a Prisma config are relative to its file, so the
 * schema path is made absolute against the project config's folder.
 */
export function stepConfig(config: string, migrations: string): string {
  const json = (value: string): string => JSON.stringify(value);
  return [
    '// Written by release-gates for one `prisma migrate deploy`: your config, with only one migration to deploy.',
    "import { existsSync } from 'node:fs';",
    "import { resolve } from 'node:path';",
    `import base from ${json(config)};`,
    `const dir = ${json(dirname(config))};`,
    "const schema = base.schema ? resolve(dir, base.schema) : ['prisma/schema.prisma', 'schema.prisma'].map((file) => resolve(dir, file)).find((file) => existsSync(file));",
    `export default { ...base, ...(schema ? { schema } : {}), migrations: { ...base.migrations, path: ${json(migrations)} } };`,
    '',
  ].join('\n');
}

/**
 * The project's Prisma config file.
 * @throws ToolError when there is none: the one-at-a-time deploy needs it.
 */
async function configOf(context: ToolContext): Promise<string> {
  const config = await findConfig(context.cwd);
  if (config) return config;
  throw new ToolError(
    `prisma: no Prisma config file in ${context.cwd} (expected prisma.config.ts; the gate deploys one migration at a time through a config that imports it)`,
  );
}

export function prismaTool(options: { command?: readonly string[]; migrationsDir?: string }): MigrationTool {
  const command = options.command ?? ['prisma'];
  const dir = options.migrationsDir ?? 'prisma/migrations';
  /** The migration folders, in Prisma's order (folder names compared as bytes). */
  const files = async (context: ToolContext): Promise<Migration[]> => {
    const found = await sqlFiles(context.cwd, `${dir}/*/migration.sql`, (file) => basename(posix.dirname(file)));
    return chained(found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  };

  /**
   * Runs `fn` with a Prisma config (its path) that is the project's with a migrations
   * folder holding only `migrations` (and `migration_lock.toml`), in a temporary folder.
   */
  const withFolder = async <T>(context: ToolContext, migrations: readonly Migration[], fn: (config: string) => Promise<T>): Promise<T> => {
    const config = await configOf(context);
    const folder = await mkdtemp(join(tmpdir(), 'release-gates-prisma-'));
    try {
      const target = join(folder, 'migrations');
      await mkdir(target);
      for (const migration of migrations) {
        const source = resolve(context.cwd, dirname(migration.file));
        await cp(source, join(target, basename(source)), { recursive: true });
      }
      // The lock file names the provider; Prisma checks it. Found by listing the folder: a
      // literal path here would be taken by ncc for an asset and rewritten into dist/.
      const projectFolder = resolve(context.cwd, dir);
      for (const name of await readdir(projectFolder))
        if (name === LOCK_FILE) await copyFile(join(projectFolder, name), join(target, name));
      const step = join(folder, 'prisma.config.ts');
      await writeFile(step, stepConfig(config, target));
      return await fn(step);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };

  /** `prisma migrate status` (with `args`), read by {@link parseStatus}. */
  const status = async (context: ToolContext, args: readonly string[] = []): Promise<ReturnType<typeof parseStatus>> => {
    let output = '';
    const stdout = await listing(context, [...command, 'migrate', 'status', ...args], (exit) => {
      output = exit.stdout + exit.stderr;
      // Exit 1 after the migrations were counted: pending, failed, diverged or unmanaged (parseStatus tells).
      return exit.exitCode === 1 && parseStatus(output).found !== undefined;
    });
    return parseStatus(output || stdout);
  };

  /** The migrations and which of them `prisma migrate status` says are applied. */
  const applied = async (context: ToolContext): Promise<{ all: Migration[]; done: Migration[]; pending: Migration[] }> => {
    const all = await files(context);
    const first = await status(context);
    if (first.found !== all.length) {
      throw new ToolError(
        `prisma migrate status found ${first.found ?? 'no count of'} migrations, the gate ${all.length} in ${dir}: set migrate.migrations-dir to migrations.path of the Prisma config`,
      );
    }
    const waiting = new Set(first.pending);
    const done = all.filter((file) => !waiting.has(file.id));
    // With migrations pending, Prisma says so and stops before it looks for failed ones (a
    // failed migration is not "not yet applied"): ask again about the others alone.
    if (waiting.size && done.length) await withFolder(context, done, (config) => status(context, ['--config', config]));
    return { all, done, pending: all.filter((file) => waiting.has(file.id)) };
  };

  /** `prisma migrate deploy` on a migrations folder holding only `migration`. */
  const deployAlone = (migration: Migration, context: ToolContext): Promise<ToolRun> =>
    withFolder(context, [migration], (config) => live(context, [...command, 'migrate', 'deploy', '--config', config]));

  return {
    name: 'prisma',
    async state(context) {
      await configOf(context);
      if (context.databaseUrl === undefined) {
        const all = await files(context);
        const last = all.at(-1);
        return { heads: last ? [{ id: last.id, file: last.file }] : [], current: undefined, pending: all };
      }
      const { all, done, pending } = await applied(context);
      const last = all.at(-1);
      return {
        heads: last ? [{ id: last.id, file: last.file }] : [],
        current: done.slice(-1).map((file) => file.id),
        pending,
      };
    },
    source: (migration, context) => sqlSource(migration, context),
    sqlOfText: (text) => text,
    apply: deployAlone,
    async current(context) {
      return (await applied(context)).done.slice(-1).map((file) => file.id);
    },
  };
}
