/**
 * node-pg-migrate (9.x): migrations are the files of `migrations/` (or `migrations-dir`),
 * JS/TS modules exporting `up`/`down` or `.sql` files with `-- Up Migration` and
 * `-- Down Migration` sections; a migration's id is its file name without the extension,
 * as node-pg-migrate names it in its `pgmigrations` table. Every call goes through the
 * real CLI, which has no status command, so:
 *
 * - **pending**: `up --dry-run --no-lock --no-verbose` in a read-only session
 *   (`PGOPTIONS=-c default_transaction_read_only=on`) prints the migrations it would run
 *   (`> - <name>`), node-pg-migrate's own answer, order check included. On a database
 *   without the migrations table the CLI cannot create it read-only, which means nothing
 *   is applied. The applied ones are the files that are not pending.
 * - **SQL**: `up <name> --dry-run --no-lock --migrations-schema pg_temp`, one migration
 *   at a time, so findings name the right migration. The CLI's `--dry-run` still creates
 *   its migrations table when it is missing; in `pg_temp` that table is the session's
 *   temporary table, gone at disconnect, so the target is untouched (a full dump before
 *   and after is the same). The migration's builder calls or `.sql` section print as SQL;
 *   the CLI's bookkeeping line (`INSERT INTO … pgmigrations`) is left out.
 * - **apply**: `up <name>` applies exactly the named migration, the one analysed and
 *   acknowledged (`up 1` would apply whatever the CLI takes as next); **down** is
 *   `down <name>`. A name of digits only would be read by the CLI as a count, so it
 *   runs as `up 1` / `down 1` (the gate applies in order and downs the last one), and
 *   its SQL is picked from the dry-run of all migrations.
 *
 * `command:` may carry the CLI's other options (`--migrations-table`, `--schema`,
 * `--config-file`); `--migrations-dir` and `--migrations-schema` are the adapter's (the
 * CLI fails on a repeated option), so they are refused there. A config file that sets
 * `migrations-schema` would win over the adapter's `pg_temp` and is not supported.
 *
 * The command is the project's `node_modules/.bin/node-pg-migrate` (looked up from the
 * project directory upwards, as npm does), else `node-pg-migrate` on PATH; `command:`
 * overrides it. `npx` is not the default: it adds a start-up to each of the per-migration
 * calls and may reach the network. The URL goes in `DATABASE_URL`; `PGOPTIONS`
 * (lock_timeout, statement_timeout) reaches node-postgres. Sources:
 * node-pg-migrate's `bin/node-pg-migrate.ts`, `src/runner.ts`, `src/sqlMigration.ts`
 * and `src/utils/comparators.ts` (9.0.0).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, extname, join, posix, resolve } from 'node:path';
import { chained, lastApplied, linearState, sqlSource } from './sql-files.js';
import { listing, live } from './run.js';
import { ToolError, type Migration, type MigrationSource, type MigrationTool, type ToolContext } from './tool.js';

/** Files node-pg-migrate loads as migrations (its default loader strategies). */
const EXTENSIONS = new Set(['.sql', '.js', '.ts', '.cjs', '.mjs', '.cts', '.mts']);

/** The leading digits of a name as node-pg-migrate reads them (17 digits: a UTC timestamp to the ms). */
function numericPrefix(name: string): number {
  const prefix = /^(\d+)/.exec(name)?.[1];
  if (prefix === undefined) throw new ToolError(`node-pg-migrate: cannot determine numeric prefix for "${name}"`);
  if (prefix.length !== 17) return Number(prefix);
  const [y, mo, d, h, mi, s, ms] = [0, 4, 6, 8, 10, 12, 14].map((at, i, all) => prefix.slice(at, all[i + 1] ?? 17));
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
}

/**
 * node-pg-migrate's order of migration files: by numeric prefix, then by name (locale,
 * numeric, punctuation ignored) — `compareMigrationFileNames` of its comparators.
 * @throws ToolError for a name without a numeric prefix (the CLI refuses it too).
 */
export function compareMigrationNames(a: string, b: string): number {
  return (
    numericPrefix(a) - numericPrefix(b) ||
    a.localeCompare(b, undefined, { usage: 'sort', numeric: true, sensitivity: 'variant', ignorePunctuation: true })
  );
}

/** The names `up --dry-run` would run (`> Migrating files:` then `> - <name>` lines); [] for "No migrations to run!". */
export function parseMigratingFiles(stdout: string): string[] {
  const lines = stdout.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === '> Migrating files:');
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^> - (.+)$/.exec(line.trim());
    if (!match?.[1]) break;
    names.push(match[1]);
  }
  return names;
}

/** The CLI's bookkeeping statement after a migration's SQL, not part of the migration. */
const MARK_AS_RUN = /^INSERT INTO "[^"]*"\."[^"]*" \(name, run_on\) VALUES \('.*', NOW\(\)\);$/;

/**
 * The SQL `up <name> --dry-run` prints for `name`: the lines after `### MIGRATION <name>
 * (UP) ###` up to the next migration or `Migrations complete!`, without the bookkeeping
 * insert into the migrations table. Undefined when the output has no such block.
 */
export function dryRunSql(stdout: string, name: string): string | undefined {
  const lines = stdout.split(/\r?\n/);
  const start = lines.indexOf(`### MIGRATION ${name} (UP) ###`);
  if (start < 0) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line === 'Migrations complete!' || /^### MIGRATION .+ \((UP|DOWN)\) ###$/.test(line));
  const block = end < 0 ? rest : rest.slice(0, end);
  while (block.length && !block.at(-1)?.trim()) block.pop();
  if (MARK_AS_RUN.test(block.at(-1)?.trim() ?? '')) block.pop();
  return block.join('\n');
}

/**
 * What node-pg-migrate runs on the way up from a `.sql` migration and the line it starts
 * on: from `-- Up Migration` to `-- Down Migration` (the whole file without the marker),
 * with the `;` its `pgm.sql()` adds when the text does not end in one (`src/sqlMigration.ts`).
 */
export function upSection(text: string): { sql: string; startLine: number } {
  const marker = (direction: string) => new RegExp(`^\\s*--[\\s-]*${direction}\\s+migration`, 'im');
  const up = text.search(marker('up'));
  const down = text.search(marker('down'));
  const sql = up >= 0 ? text.slice(up, down < up ? undefined : down) : text;
  return { sql: sql.endsWith(';') ? sql : `${sql};`, startLine: up >= 0 ? text.slice(0, up).split('\n').length : 1 };
}

/** The project's `node_modules/.bin/node-pg-migrate`, from `cwd` upwards; else `node-pg-migrate` on PATH. */
export function defaultCommand(cwd: string): string[] {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', '.bin', 'node-pg-migrate');
    if (existsSync(bin)) return [bin];
    if (dirname(dir) === dir) return ['node-pg-migrate'];
  }
}

/** `up <name>`, or `up 1` for a name of digits only (the CLI reads it as a count). */
function target(migration: Migration): string {
  return /^\d+$/.test(migration.id) ? '1' : migration.id;
}

export function nodePgMigrateTool(options: { command?: readonly string[]; migrationsDir?: string }): MigrationTool {
  const dir = options.migrationsDir ?? 'migrations';
  const cli = (context: ToolContext, ...args: string[]): string[] => {
    const command = options.command ?? defaultCommand(context.cwd);
    // The adapter passes these itself; the CLI turns a repeated option into a list and fails.
    const owned = command.find((arg) => /^(-m|--migrations-dir|--migrations-schema)(=|$)/.test(arg));
    if (owned) throw new ToolError(`node-pg-migrate: ${owned} in command: is set by release-gates (use migrations-dir:)`);
    return [...command, ...args, '--migrations-dir', dir];
  };
  const needsDatabase = (context: ToolContext): void => {
    if (context.databaseUrl === undefined) throw new ToolError('node-pg-migrate: no database URL (set database: or DATABASE_URL)');
  };

  /** The migration files in node-pg-migrate's order (dot files skipped, as its default ignore pattern does). */
  const files = async (context: ToolContext): Promise<Migration[]> => {
    let entries;
    try {
      entries = await readdir(resolve(context.cwd, dir), { withFileTypes: true });
    } catch (error) {
      throw new ToolError(`node-pg-migrate: cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const names = entries
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.') && EXTENSIONS.has(extname(entry.name)))
      .map((entry) => entry.name)
      .sort(compareMigrationNames);
    return chained(names.map((name) => ({ id: name.slice(0, -extname(name).length), file: posix.join(dir, name), parents: [] })));
  };

  /** Names node-pg-migrate would run, asked read-only; every file when its migrations table does not exist yet. */
  const pendingNames = async (context: ToolContext, all: readonly Migration[]): Promise<Set<string>> => {
    needsDatabase(context);
    const readOnly = [context.env.PGOPTIONS, '-c default_transaction_read_only=on'].filter(Boolean).join(' ');
    const noTable = (exit: { stderr: string }) => /cannot execute CREATE TABLE in a read-only transaction/.test(exit.stderr);
    const seen = { missing: false };
    const stdout = await listing(
      { ...context, env: { ...context.env, PGOPTIONS: readOnly } },
      cli(context, 'up', '--dry-run', '--no-lock', '--no-verbose'),
      (exit) => (seen.missing = noTable(exit)),
    );
    if (seen.missing) return new Set(all.map((migration) => migration.id));
    const names = parseMigratingFiles(stdout);
    const unknown = names.filter((name) => !all.some((migration) => migration.id === name));
    if (unknown.length) throw new ToolError(`node-pg-migrate would run ${unknown.join(', ')}, which is not a migration file in ${dir}`);
    return new Set(names);
  };

  return {
    name: 'node-pg-migrate',
    async state(context) {
      const all = await files(context);
      if (context.databaseUrl === undefined) return linearState(all);
      const pending = await pendingNames(context, all);
      return linearState(all, (migration) => !pending.has(migration.id));
    },
    async source(migration, context): Promise<MigrationSource> {
      const isSql = extname(migration.file) === '.sql';
      // Without a database the CLI cannot dry-run; a `.sql` migration's up section is what it would run.
      if (context.databaseUrl === undefined) {
        if (isSql) return sqlSource(migration, context, upSection);
        const base = await sqlSource(migration, context);
        return {
          ...base,
          sql: '',
          hashOf: 'file',
          error: 'node-pg-migrate up --dry-run needs a database to print the SQL of a JS/TS migration',
        };
      }
      const file = await sqlSource(migration, context, isSql ? upSection : undefined);
      if (file.error) return file;
      try {
        // A name of digits only would be a count: then every migration is printed and its block picked.
        const only = /^\d+$/.test(migration.id) ? [] : [migration.id];
        const argv = cli(context, 'up', ...only, '--dry-run', '--no-lock', '--migrations-schema', 'pg_temp');
        const sql = dryRunSql(await listing(context, argv), migration.id);
        if (sql === undefined) throw new ToolError(`${argv.join(' ')} printed no SQL for ${migration.id}`);
        // A `.sql` migration prints its up section as written: its lines are the file's lines.
        const startLine = isSql && sql.startsWith(file.sql.replace(/\r\n?/g, '\n').trimEnd()) ? file.startLine : undefined;
        return { ...file, sql, startLine };
      } catch (error) {
        if (!(error instanceof ToolError)) throw error;
        return { ...file, sql: '', error: error.message };
      }
    },
    sqlOfText: (text) => upSection(text).sql,
    apply: async (migration, context) => live(context, cli(context, 'up', target(migration))),
    async current(context) {
      const all = await files(context);
      const pending = await pendingNames(context, all);
      return lastApplied(all, (migration) => !pending.has(migration.id));
    },
    down: async (migration, context) => live(context, cli(context, 'down', target(migration))),
  };
}
