/**
 * dbmate: migrations are `<version>_<name>.sql` files in `db/migrations` (or
 * `migrations-dir`); what runs is each file's `-- migrate:up` section. `dbmate status`
 * says which are applied. dbmate has no "up to this version", so each migration is
 * applied alone: dbmate runs on a folder holding only that file (it applies what is
 * pending there, and ignores applied versions it does not see). `--no-dump-schema`
 * keeps it from writing `db/schema.sql`. The URL goes in `DATABASE_URL`; a local server
 * without TLS needs `?sslmode=disable` in it (TOOLCHAIN.md).
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { leadingVersion, sqlFiles, sqlSource, chained } from './sql-files.js';
import { listing, live } from './run.js';
import type { Migration, MigrationTool, ToolContext, ToolRun } from './tool.js';

const UP = /^--\s*migrate:up\b.*$/m;
const DOWN = /^--\s*migrate:down\b.*$/m;

/** The `-- migrate:up` section of a dbmate file and the line it starts on (the whole file when unmarked). */
export function upSection(text: string): { sql: string; startLine: number } {
  const up = UP.exec(text);
  const from = up ? up.index + up[0].length : 0;
  const rest = text.slice(from);
  const down = DOWN.exec(rest);
  const sql = down ? rest.slice(0, down.index) : rest;
  return { sql, startLine: text.slice(0, from).split('\n').length };
}

/** Versions `dbmate status` marks applied (`[X] 20240101_x.sql`). */
export function parseStatus(text: string): string[] {
  return [...text.matchAll(/^\[X\]\s+(\S+)/gm)].map((match) => leadingVersion(match[1] ?? ''));
}

export function dbmateTool(options: { command?: readonly string[]; migrationsDir?: string }): MigrationTool {
  const command = options.command ?? ['dbmate'];
  const dir = options.migrationsDir ?? 'db/migrations';
  const files = async (context: ToolContext): Promise<Migration[]> => chained(await sqlFiles(context.cwd, `${dir}/*.sql`, leadingVersion));
  const applied = async (context: ToolContext): Promise<string[]> =>
    parseStatus(await listing(context, [...command, '--migrations-dir', dir, 'status']));

  /** Runs dbmate on a folder holding only `migration`'s file. */
  const alone = async (migration: Migration, context: ToolContext, verb: string): Promise<ToolRun> => {
    const folder = await mkdtemp(join(tmpdir(), 'release-gates-dbmate-'));
    try {
      await copyFile(resolve(context.cwd, migration.file), join(folder, basename(migration.file)));
      return await live(context, [...command, '--migrations-dir', folder, '--no-dump-schema', verb]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };

  return {
    name: 'dbmate',
    async state(context) {
      const all = await files(context);
      const last = all.at(-1);
      const done = context.databaseUrl === undefined ? undefined : new Set(await applied(context));
      const current =
        done === undefined
          ? undefined
          : all
              .filter((file) => done.has(file.id))
              .slice(-1)
              .map((file) => file.id);
      return {
        heads: last ? [{ id: last.id, file: last.file }] : [],
        current,
        pending: done === undefined ? all : all.filter((file) => !done.has(file.id)),
      };
    },
    source: (migration, context) => sqlSource(migration, context, upSection),
    sqlOfText: (text) => upSection(text).sql,
    apply: (migration, context) => alone(migration, context, 'migrate'),
    async current(context) {
      const done = new Set(await applied(context));
      return (await files(context))
        .filter((file) => done.has(file.id))
        .slice(-1)
        .map((file) => file.id);
    },
    down: (migration, context) => alone(migration, context, 'rollback'),
  };
}
