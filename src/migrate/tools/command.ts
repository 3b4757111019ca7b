/**
 * The `command` tool: the team's own command applies plain SQL files. `sql:` is a glob
 * of the files (applied in name order; the id is the file name without `.sql`),
 * `apply:` the command, run once per pending file when it holds `{file}` (and `{id}`, the
 * file name without `.sql`) and once for
 * all otherwise, and `applied:` a command that prints the ids already applied, one per
 * line. Without `applied:` every file is pending and the database's state cannot be
 * read after the apply.
 */
import { chained, sqlFiles, sqlSource, stem } from './sql-files.js';
import { listing, live } from './run.js';
import type { MigrationTool, ToolContext } from './tool.js';
import { ToolError } from './tool.js';

export const FILE_PLACEHOLDER = '{file}';
/** In `apply:`, replaced by the migration's id (the file name without `.sql`). */
export const ID_PLACEHOLDER = '{id}';

export function commandTool(options: { sql: string; apply: readonly string[]; applied?: readonly string[] }): MigrationTool {
  const applied = async (context: ToolContext): Promise<Set<string> | undefined> => {
    if (!options.applied || context.databaseUrl === undefined) return undefined;
    const text = await listing(context, options.applied);
    return new Set(
      text
        .split(/\r?\n/)
        .map((line) => stem(line.trim()))
        .filter(Boolean),
    );
  };
  const perFile = options.apply.some((arg) => arg.includes(FILE_PLACEHOLDER));
  return {
    name: 'command',
    stepwise: perFile,
    async state(context) {
      const all = chained(await sqlFiles(context.cwd, options.sql, stem));
      const done = await applied(context);
      const last = all.at(-1);
      return {
        heads: last ? [{ id: last.id, file: last.file }] : [],
        current:
          done === undefined
            ? undefined
            : all
                .filter((file) => done.has(file.id))
                .slice(-1)
                .map((file) => file.id),
        pending: done === undefined ? all : all.filter((file) => !done.has(file.id)),
      };
    },
    source: (migration, context) => sqlSource(migration, context),
    sqlOfText: (text) => text,
    apply: (migration, context) =>
      live(
        context,
        options.apply.map((arg) => arg.replaceAll(FILE_PLACEHOLDER, migration.file).replaceAll(ID_PLACEHOLDER, migration.id)),
      ),
    async current(context) {
      const done = await applied(context);
      if (done === undefined) throw new ToolError('the command tool has no "applied:" command, so the database\'s state cannot be read');
      const all = await sqlFiles(context.cwd, options.sql, stem);
      return all
        .filter((file) => done.has(file.id))
        .slice(-1)
        .map((file) => file.id);
    },
  };
}
