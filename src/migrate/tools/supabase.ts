/**
 * supabase (CLI 3): migrations are `<version>_<name>.sql` files in `supabase/migrations`
 * (or `migrations-dir`); the version is the leading digits, as the CLI records it in
 * `supabase_migrations.schema_migrations`, and files without a version are skipped, as
 * the CLI skips them. Each file runs whole. Nothing needs Docker: the CLI reaches a plain
 * PostgreSQL with `--remote=<url>` (`--db-url` before CLI 3).
 *
 * - Applied versions: `supabase migration list --remote=<url> --output-format json`, run
 *   on an empty temporary project, so that its `remote` column is the database's history
 *   alone and the team's project folder is not written to (the CLI writes `supabase/.temp`).
 * - Apply, one migration at a time: `supabase db push --remote=<url> --yes` on a
 *   temporary project whose `supabase/migrations` holds the applied files and the one to
 *   apply, so the CLI pushes that one alone (it refuses a history naming versions its
 *   folder lacks). The CLI runs only the migrations there: no seed, roles or vault
 *   secrets of the project's `config.toml`.
 * - A pending version older than the newest applied one is refused before anything runs:
 *   `db push` refuses it too without `--include-all`, which would also push every other
 *   pending file (supabase docs, "db push": "Include all migrations not found in the
 *   remote history table").
 * - No down: supabase migrations have none, so the rehearsal has no round-trip.
 *
 * The URL goes on the command line without its password; the password reaches the CLI
 * as `PGPASSWORD` (the CLI's PostgreSQL driver reads it when the URL has none).
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parsePostgresUrl } from '../../io/postgres-url.js';
import { chained, lastApplied, leadingVersion, linearState, sqlFiles, sqlSource } from './sql-files.js';
import { listing, live } from './run.js';
import { ToolError, type Migration, type MigrationTool, type ToolContext, type ToolRun } from './tool.js';

/** A file name the CLI takes as a migration: `<digits>_<name>.sql` (others are skipped by the CLI). */
const MIGRATION_FILE = /^\d+_.*\.sql$/;

/**
 * The versions the database has applied, from `supabase migration list --output-format json`
 * (`{"migrations":[{"local":"…","remote":"…","time":"…"}]}`; an empty `remote` is a local-only file).
 * @throws ToolError when the output is not that JSON.
 */
export function parseMigrationList(stdout: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim());
  } catch {
    throw new ToolError(`supabase migration list: expected JSON on stdout (CLI 3 or later), got: ${stdout.trim().slice(0, 200)}`);
  }
  const rows = (parsed as { migrations?: unknown }).migrations;
  if (!Array.isArray(rows)) throw new ToolError('supabase migration list: the JSON has no "migrations" list');
  return rows
    .map((row) => (row as { remote?: unknown }).remote)
    .filter((remote): remote is string => typeof remote === 'string' && remote !== '');
}

/**
 * The CLI's target for a PostgreSQL URL: `--remote=<url without its password>` and the
 * password for `PGPASSWORD`.
 * @throws ToolError when the URL is not a `postgres://` or `postgresql://` URL.
 */
export function supabaseTarget(databaseUrl: string): { flag: string; env: Record<string, string> } {
  const parsed = parsePostgresUrl(databaseUrl);
  if (!parsed)
    throw new ToolError(
      'supabase: the database is not a postgres:// or postgresql:// URL (expected postgres://user:password@host:port/database)',
    );
  return { flag: `--remote=${parsed.safe}`, env: parsed.env };
}

export function supabaseTool(options: { command?: readonly string[]; migrationsDir?: string }): MigrationTool {
  const command = options.command ?? ['supabase'];
  const dir = options.migrationsDir ?? 'supabase/migrations';

  const files = async (context: ToolContext): Promise<Migration[]> =>
    chained((await sqlFiles(context.cwd, `${dir}/*.sql`, leadingVersion)).filter((file) => MIGRATION_FILE.test(basename(file.file))));

  /** Runs `body` with a temporary project folder holding `supabase/migrations/` with copies of `copies`. */
  const project = async <T>(context: ToolContext, copies: readonly Migration[], body: (folder: string) => Promise<T>): Promise<T> => {
    const folder = await mkdtemp(join(tmpdir(), 'release-gates-supabase-'));
    try {
      const migrations = join(folder, 'supabase', 'migrations');
      await mkdir(migrations, { recursive: true });
      for (const file of copies) await copyFile(resolve(context.cwd, file.file), join(migrations, basename(file.file)));
      return await body(folder);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };

  /** A call against the database: the URL flag without the password, which goes in the environment. */
  const against = (context: ToolContext): { flag: string; context: ToolContext } => {
    if (context.databaseUrl === undefined) throw new ToolError('supabase: no database URL (set database: or DATABASE_URL)');
    const { flag, env } = supabaseTarget(context.databaseUrl);
    return { flag, context: { ...context, env: { ...context.env, ...env } } };
  };

  /** The project's migrations and which of them the database has, checked the way `db push` checks them. */
  const history = async (context: ToolContext): Promise<{ all: Migration[]; done: Set<string> }> => {
    const all = await files(context);
    const call = against(context);
    const stdout = await project(call.context, [], (folder) =>
      listing(call.context, [...command, 'migration', 'list', call.flag, '--workdir', folder, '--output-format', 'json']),
    );
    const done = new Set(parseMigrationList(stdout));
    const known = new Set(all.map((file) => file.id));
    const unknown = [...done].filter((version) => !known.has(version));
    if (unknown.length > 0)
      throw new ToolError(
        `supabase: the database has applied ${unknown.join(', ')}, which ${dir} lacks (supabase db push refuses this history; bring the files back or run supabase migration repair)`,
      );
    const last = all.findLastIndex((file) => done.has(file.id));
    const late = all.slice(0, Math.max(last, 0)).filter((file) => !done.has(file.id));
    if (late.length > 0)
      throw new ToolError(
        `supabase: ${late.map((file) => file.file).join(', ')} ${late.length === 1 ? 'is' : 'are'} older than ${all[last]?.id ?? ''}, which the database has applied; supabase db push refuses ${late.length === 1 ? 'it' : 'them'} without --include-all (give ${late.length === 1 ? 'it' : 'each'} a newer version)`,
      );
    return { all, done };
  };

  return {
    name: 'supabase',
    async state(context) {
      if (context.databaseUrl === undefined) return linearState(await files(context));
      const { all, done } = await history(context);
      return linearState(all, (file) => done.has(file.id));
    },
    source: (migration, context) => sqlSource(migration, context),
    sqlOfText: (text) => text,
    async apply(migration, context): Promise<ToolRun> {
      const { all, done } = await history(context);
      const call = against(context);
      const copies = all.filter((file) => done.has(file.id) || file.id === migration.id);
      return project(call.context, copies, (folder) =>
        live(call.context, [...command, 'db', 'push', call.flag, '--workdir', folder, '--yes']),
      );
    },
    async current(context) {
      const { all, done } = await history(context);
      return lastApplied(all, (file) => done.has(file.id));
    },
  };
}
