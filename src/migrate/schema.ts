/**
 * The `migrate:` section of the config (issue #9): the team's migration tool and how to
 * run it, acknowledgements of destructive migrations, the rehearsal on a scratch
 * database, and `checks:` run as verify checks after the apply. It has every field of a
 * gate section (`deadline`, `timeout`, `checks`).
 */
import { z } from 'zod';
import { Duration, EnvironmentName } from '../config/schema/common.js';

/**
 * The migration tools release-gates runs (README, "Migrate").
 */
export const TOOL_NAMES = ['alembic', 'dbmate', 'sqitch', 'node-pg-migrate', 'supabase', 'prisma', 'command'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** `sha256:` and 64 hex digits: a migration's content hash as the gate prints it. */
export const ContentHash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected a content hash as the gate prints it: sha256: and 64 hex digits' });

/**
 * One acknowledgement of a migration that needs one: valid only for this migration id,
 * this content hash and this environment. In the config or in the acknowledgements file.
 */
export const Acknowledgement = z.strictObject({
  /** The migration id (alembic revision, dbmate version, file name without `.sql`); quote a number: "015". */
  migration: z.string({ error: 'expected the migration id as a string (quote a number: "015")' }).min(1),
  hash: ContentHash,
  environment: EnvironmentName,
  /** Who acknowledged; default the author of the last commit that changed the file. */
  by: z.string().min(1).optional(),
  /** Why, for the evidence. */
  reason: z.string().optional(),
});
export type AcknowledgementConfig = z.output<typeof Acknowledgement>;

/** The acknowledgements file's list (the file is a list, or `acknowledgements:` holding one). */
export const AcknowledgementsFile = z.array(Acknowledgement, { error: 'expected a list of acknowledgements' });

/** A command as argv; YAML numbers (`-1`) are the text they are written as. */
const Argv = z
  .array(z.union([z.string().min(1), z.number().transform(String)]))
  .min(1, { error: 'expected a command as a list: [program, arg, …]' });

/** The fields a migrate section adds to a gate section. */
export const MigrateFields = {
  /** The team's migration tool. */
  tool: z.enum(TOOL_NAMES, { error: `expected one of the tools: ${TOOL_NAMES.join(', ')}` }),
  /** The project directory the tool runs in, relative to the workspace (default `.`). */
  cwd: z.string().min(1).optional(),
  /** How to start the tool, e.g. `[python3, -m, alembic]` or `[npx, dbmate]`; default its name. */
  command: Argv.optional(),
  /**
   * The database URL to migrate. Default: the environment's `database:`, then
   * `DATABASE_URL`. Its password is redacted everywhere.
   */
  database: z.string().min(1).optional(),
  /**
   * Folder of the migration files (dbmate `db/migrations`, supabase `supabase/migrations`,
   * node-pg-migrate `migrations`, sqitch's deploy scripts: default `core.deploy_dir` of `sqitch config`, else `deploy`;
   * prisma `prisma/migrations`, which must be `migrations.path` of the Prisma config).
   */
  'migrations-dir': z.string().min(1).optional(),
  /** `command` tool: the migration files, a glob, applied in name order. */
  sql: z.string().min(1).optional(),
  /** `command` tool: applies the migrations; with `{file}` it runs once per pending file. */
  apply: Argv.optional(),
  /** `command` tool: prints the ids already applied, one per line. Without it every file is pending. */
  applied: Argv.optional(),
  /** Python used to read alembic migrations' Python operations (default `python3`). */
  python: z.string().min(1).optional(),
  /** PostgreSQL `lock_timeout` for the apply (passed in PGOPTIONS). */
  'lock-timeout': Duration.optional(),
  /** PostgreSQL `statement_timeout` for the apply (passed in PGOPTIONS). */
  'statement-timeout': Duration.optional(),
  /** Acknowledgements written in the config. */
  acknowledgements: z.array(Acknowledgement).optional(),
  /** A file of acknowledgements in the repository, relative to the workspace. */
  'acknowledgements-file': z.string().min(1).optional(),
  /** A destructive statement on an empty table needs an acknowledgement too (default false). */
  'acknowledge-empty-tables': z.boolean().optional(),
  /** The rehearsal on a scratch database (mode `rehearse`, pull requests by default). */
  rehearsal: z
    .strictObject({
      /** A server to create the scratch database on; default an embedded PostgreSQL. */
      server: z.string().min(1).optional(),
      /** A copy of the data (a `pg_dump` file) restored into the scratch database first. */
      data: z.string().min(1).optional(),
      /** Migrate down and up again after each migration, where the tool can (default true). */
      'round-trip': z.boolean().optional(),
    })
    .optional(),
};

/** The migrate-only fields, as validated. */
export type MigrateSettings = z.output<z.ZodObject<typeof MigrateFields>>;

/** Cross-field rules of a migrate section: what each tool needs. */
export function checkMigrateFields(section: Pick<MigrateSettings, 'tool' | 'sql' | 'apply'>, ctx: z.RefinementCtx): void {
  if (section.tool !== 'command') return;
  if (!section.apply) {
    ctx.addIssue({
      code: 'custom',
      path: ['tool'],
      message: 'tool: command needs "apply:" (expected e.g. apply: [psql, "${DATABASE_URL}", -f, "{file}"])',
    });
  }
  if (!section.sql) {
    ctx.addIssue({
      code: 'custom',
      path: ['tool'],
      message: 'tool: command needs "sql:", a glob of the migration files (expected e.g. sql: migrations/*.sql)',
    });
  }
}
