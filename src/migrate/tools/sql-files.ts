/** Migration files that are plain SQL, in name order: dbmate, supabase, sqitch, the command tool. */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import type { Migration, MigrationSource, ToolContext, ToolState } from './tool.js';

/** The files matching `pattern` under `cwd`, sorted by name, as migrations with ids from `idOf`. */
export async function sqlFiles(cwd: string, pattern: string, idOf: (file: string) => string): Promise<Migration[]> {
  const files = (await glob(pattern, { cwd, onlyFiles: true })).sort(
    (a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b),
  );
  return files.map((file) => ({ id: idOf(file), file, parents: [] }));
}

/** Chains `files` so that each names the one before it as its parent. */
export function chained(files: readonly Migration[]): Migration[] {
  return files.map((file, index) => ({ ...file, parents: index > 0 ? [files[index - 1]?.id ?? ''] : [] }));
}

/** `name.sql` → `name`. */
export function stem(file: string): string {
  return basename(file).replace(/\.sql$/i, '');
}

/** The leading digits of a file name (dbmate and supabase versions), or its stem. */
export function leadingVersion(file: string): string {
  return /^(\d+)/.exec(basename(file))?.[1] ?? stem(file);
}

/**
 * The source of a plain SQL migration: `section` picks the part that runs on the way up
 * (dbmate's `-- migrate:up`) and the line it starts at.
 */
export async function sqlSource(
  migration: Migration,
  context: ToolContext,
  section: (text: string) => { sql: string; startLine: number } = (text) => ({ sql: text, startLine: 1 }),
): Promise<MigrationSource> {
  try {
    const fileText = await readFile(resolve(context.cwd, migration.file), 'utf8');
    const { sql, startLine } = section(fileText);
    return { sql, startLine, hashOf: 'sql', fileText, notes: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { sql: '', startLine: 1, hashOf: 'sql', fileText: '', notes: [], error: `cannot read ${migration.file}: ${message}` };
  }
}

/** The id of the last applied migration of a linear history, in file order ([] when none is applied). */
export function lastApplied(all: readonly Migration[], applied: (migration: Migration) => boolean): string[] {
  return all
    .filter(applied)
    .slice(-1)
    .map((migration) => migration.id);
}

/**
 * The state of a linear history: one head (the last file), `current` the last applied,
 * the others pending; without `applied` (no database) every migration is pending.
 */
export function linearState(all: readonly Migration[], applied?: (migration: Migration) => boolean): ToolState {
  const last = all.at(-1);
  return {
    heads: last ? [{ id: last.id, file: last.file }] : [],
    current: applied ? lastApplied(all, applied) : undefined,
    pending: applied ? all.filter((migration) => !applied(migration)) : [...all],
  };
}
