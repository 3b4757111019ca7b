/**
 * Config of the `backup` check kind (README.md, "Preflight checks": "a backup exists: made by a
 * command or by `pg_dump`, non-empty and recent, with an optional restore drill").
 *
 * ```yaml
 * - name: pre-release backup
 *   backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }
 *   restore-drill:
 *     query: SELECT count(*) AS n FROM alembic_version
 *     expect: { rows: 1, $[0].n: { gte: 1 } }
 * - name: Database backup (runbook 003)
 *   backup: { command: [./scripts/backup_pg.sh], file: "*.dump" }
 *   restore-drill: { server: "${DATABASE_URL}", query: SELECT version_num FROM alembic_version, expect: { rows: 1 } }
 * - name: restore into a disposable copy the team keeps
 *   backup: { file: backups/nightly.dump }
 *   restore-drill: { into: "${SCRATCH_DATABASE_URL}", allow-existing-target: true }
 * - name: nightly backup is recent
 *   backup: { file: backups/*.dump, max-age: 26h }
 * ```
 */
import { z } from 'zod';
import { jsonPathKeyIssue } from '../../matchers/jsonpath.js';
import { Matcher } from '../../matchers/schema.js';
import { CheckCommon, Duration, Numeric, NumericBounds, Size, Variables } from '../../config/schema/common.js';

/**
 * A PostgreSQL URL, usually `${DATABASE_URL}`. Checked when the check is planned, after
 * expansion, so that a complaint never prints the value (it holds a password).
 */
const DatabaseUrl = z.string().min(1, { error: 'expected a PostgreSQL URL, e.g. "${DATABASE_URL}"' });

const FilePattern = z.string().min(1, { error: 'expected a path or glob, e.g. backups/*.dump' });

const Common = {
  /** Smallest acceptable size (default 1 byte: non-empty). */
  'min-size': Size.optional(),
  /** Oldest acceptable file. */
  'max-age': Duration.optional(),
};

/** `pg_dump -Fc` of a database into a file. */
export const PgDumpBackup = z.strictObject({
  'pg-dump': DatabaseUrl,
  /** The dump file, relative to the working directory. Written atomically. */
  to: z.string().min(1, { error: 'expected the dump file path, e.g. backups/pre-release.dump' }),
  /** More `pg_dump` arguments, e.g. [--schema=public]. */
  args: z.array(z.string()).optional(),
  ...Common,
});

const Argv = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  error: 'expected a command: a list like [./scripts/backup_pg.sh] or a string',
});

/** The team's own backup command (runbook 003 `./scripts/backup_pg.sh`); its newest output file is the backup. */
export const CommandBackup = z.strictObject({
  command: Argv,
  /** The file the command writes: a path or glob; the newest match counts. */
  file: FilePattern,
  /** Variables added to the command's environment. */
  env: Variables.optional(),
  ...Common,
});

/** An existing backup: only checked. */
export const FileBackup = z.strictObject({
  file: FilePattern,
  ...Common,
});

export const BackupSource = z.union([PgDumpBackup, CommandBackup, FileBackup], {
  error: 'expected { pg-dump: URL, to: file }, { command: [...], file: glob } or { file: glob, max-age: 2h }',
});

/** `rows:` (a count or bounds) and JSONPath matchers over the result rows (`$[0].n`). */
export const DrillExpect = z
  .object({ rows: z.union([Numeric, NumericBounds]).optional() })
  .catchall(Matcher)
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (key !== 'rows' && !key.startsWith('$')) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown key "${key}" (expected rows: or a JSONPath over the rows, e.g. $[0].n)`,
        });
      }
      const problem = key.startsWith('$') ? jsonPathKeyIssue(key) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', path: [], message: problem, params: { key } });
    }
  });

/** Restore the backup into a scratch database, query it read-only, compare. */
export const RestoreDrill = z.strictObject({
  /**
   * An existing database to restore into: its objects are replaced (`pg_restore --clean`)
   * and it is kept. Needs `allow-existing-target: true`; never the database `pg-dump:` dumps.
   */
  into: DatabaseUrl.optional(),
  /**
   * Lets the drill overwrite the existing database `into:` names, which it did not create
   * (in the spirit of actions/checkout's opt-ins for unsafe operations). Off by default.
   */
  'allow-existing-target': z.boolean().optional(),
  /** The server to create a scratch database on (dropped after). Default: the `pg-dump` URL's server. */
  server: DatabaseUrl.optional(),
  /** A read-only query run on the restored database. */
  query: z.string().min(1).optional(),
  expect: DrillExpect.optional(),
});

export const BackupCheck = z.strictObject({
  ...CheckCommon,
  backup: BackupSource,
  'restore-drill': RestoreDrill.optional(),
});

export type BackupCheckConfig = z.output<typeof BackupCheck>;
export type BackupSourceConfig = z.output<typeof BackupSource>;
export type RestoreDrillConfig = z.output<typeof RestoreDrill>;
export type DrillExpectConfig = z.output<typeof DrillExpect>;
