/**
 * alembic: the history from `alembic history --verbose`, the database's revision from
 * `alembic current`, each pending revision's SQL from `alembic upgrade A:B --sql` one
 * revision at a time (one range over the whole history would hide which revision does
 * what), and the apply as `alembic upgrade <revision>`, one revision at a time. Python
 * operations the offline SQL cannot show are read from the file's AST (`python-ast.ts`).
 * The database URL reaches alembic as `DATABASE_URL` in its environment.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { pythonNotes } from './python-ast.js';
import { listing, live } from './run.js';
import { ToolError, type Head, type Migration, type MigrationTool, type ToolContext, type ToolState } from './tool.js';

interface Revision extends Migration {
  /** True when no other revision names it as a parent. */
  head: boolean;
}

/** Parses `alembic history --verbose`: `Rev: id (head)`, `Parent: a, b` or `<base>`, `Path: file`. */
export function parseHistory(text: string, cwd: string): Revision[] {
  const revisions: Revision[] = [];
  for (const block of text.split(/^(?=Rev: )/m)) {
    const id = /^Rev: (\S+)/.exec(block)?.[1];
    if (!id) continue;
    const parentText = /^Parent: (.*)$/m.exec(block)?.[1]?.trim() ?? '<base>';
    const merges = /^Merges: (.*)$/m.exec(block)?.[1]?.trim();
    const parents = (merges ?? parentText)
      .split(/,\s*/)
      .map((part) => part.trim())
      .filter((part) => part !== '' && part !== '<base>');
    const path = /^Path: (.*)$/m.exec(block)?.[1]?.trim() ?? '';
    revisions.push({ id, parents, file: path && isAbsolute(path) ? relative(cwd, path) : path, head: false });
  }
  const parentIds = new Set(revisions.flatMap((revision) => revision.parents));
  for (const revision of revisions) revision.head = !parentIds.has(revision.id);
  return revisions;
}

/** Ids printed by `alembic current`: the first word of each line naming a known revision. */
export function parseCurrent(text: string, known: ReadonlySet<string>): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((id) => known.has(id));
}

/** `target` and its ancestors, parents before children. */
function lineage(target: string, byId: ReadonlyMap<string, Revision>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const parent of byId.get(id)?.parents ?? []) visit(parent);
    out.push(id);
  };
  visit(target);
  return out;
}

/** The revisions to apply to go from `current` to `head`, in order. */
export function pendingBetween(revisions: readonly Revision[], current: readonly string[], head: string): Revision[] {
  const byId = new Map(revisions.map((revision) => [revision.id, revision]));
  const done = new Set(current.flatMap((id) => lineage(id, byId)));
  return lineage(head, byId)
    .filter((id) => !done.has(id))
    .map((id) => byId.get(id))
    .filter((revision): revision is Revision => revision !== undefined);
}

export function alembicTool(options: { command?: readonly string[]; python?: string }): MigrationTool {
  const command = options.command ?? ['alembic'];
  const python = options.python ?? 'python3';

  const history = async (context: ToolContext): Promise<Revision[]> =>
    parseHistory(await listing(context, [...command, 'history', '--verbose']), context.cwd);

  const current = async (context: ToolContext, known: ReadonlySet<string>): Promise<string[]> =>
    parseCurrent(await listing(context, [...command, 'current']), known);

  return {
    name: 'alembic',
    async state(context): Promise<ToolState> {
      const revisions = await history(context);
      const heads: Head[] = revisions.filter((revision) => revision.head).map(({ id, file }) => ({ id, file }));
      const known = new Set(revisions.map((revision) => revision.id));
      const head = heads.length === 1 ? heads[0] : undefined;
      // With several heads the gate stops at the plan: the database is not even read.
      const at = context.databaseUrl === undefined || !head ? undefined : await current(context, known);
      const pending = head ? pendingBetween(revisions, at ?? [], head.id).map(({ id, file, parents }) => ({ id, file, parents })) : [];
      return { heads, current: at, pending };
    },
    async source(migration, context) {
      const fileText = await readFile(resolve(context.cwd, migration.file), 'utf8').catch(() => '');
      const range = migration.parents[0] ? `${migration.parents[0]}:${migration.id}` : migration.id;
      const notes = await pythonNotes(python, resolve(context.cwd, migration.file), context);
      const extra =
        migration.parents.length > 1
          ? [
              {
                line: 1,
                code: 'merge-revision',
                message: `merges ${migration.parents.join(', ')}: its SQL is shown from ${migration.parents[0] ?? ''}`,
                unanalysable: false,
              },
            ]
          : [];
      try {
        const sql = await listing(context, [...command, 'upgrade', range, '--sql']);
        return { sql, startLine: undefined, hashOf: 'file', fileText, notes: [...notes, ...extra] };
      } catch (error) {
        const message = error instanceof ToolError ? error.message : String(error);
        return { sql: '', startLine: undefined, hashOf: 'file', fileText, notes: [...notes, ...extra], error: message };
      }
    },
    apply: (migration, context) => live(context, [...command, 'upgrade', migration.id]),
    async current(context) {
      const known = new Set((await history(context)).map((revision) => revision.id));
      return current(context, known);
    },
    down: (migration, context) => live(context, [...command, 'downgrade', migration.parents[0] ?? 'base']),
  };
}
