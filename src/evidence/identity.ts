/**
 * Evidence identity: how a gate's result is named and bound to its config on GitHub, so
 * that checks (`environment-passed`, `github-ci`) and reporters (check runs, the sticky
 * comment) agree on it. A check run is `release-gates / <gate> (<env>)` and its summary
 * carries the config digest it ran under (docs/evidence.md).
 */
import { z } from 'zod';

const DIGEST = /<!-- release-gates:digest=(sha256:[0-9a-f]{64}) -->/;

/** Every release-gates check run name starts with this. */
export const CHECK_RUN_PREFIX = 'release-gates / ';
/** `release-gates / smoke (staging)`, or `release-gates / smoke` without an environment. */
export function checkRunName(gate: string, environment: string | undefined): string {
  return `${CHECK_RUN_PREFIX}${gate}${environment ? ` (${environment})` : ''}`;
}

/** The gate and environment of a release-gates check run name, or undefined. */
export function parseCheckRunName(name: string): { gate: string; environment: string | undefined } | undefined {
  const match = /^release-gates \/ (\S+)(?: \((.+)\))?$/.exec(name);
  return match?.[1] ? { gate: match[1], environment: match[2] } : undefined;
}

/**
 * The machine-readable config digest of a completed run's summary, so that a later gate
 * (`environment-passed`) counts a result only for the same config (docs/evidence.md,
 * "Bound to the commit and the config").
 */
export function digestMarker(configDigest: string): string {
  return `<!-- release-gates:digest=${configDigest} -->`;
}

/** Marks the summary of a run that `--check` restricted to some checks. */
export const PARTIAL_MARKER = '<!-- release-gates:partial -->';

/**
 * True when a check run's summary records a partial run: only some checks ran, so it
 * never counts as its gate passing (`environment-passed` refuses it; docs/evidence.md).
 */
export function isPartial(summary: string | undefined): boolean {
  return summary?.includes(PARTIAL_MARKER) ?? false;
}

/** The config digest a check run's summary records, if any. */
export function digestIn(summary: string | undefined): string | undefined {
  return (summary ? DIGEST.exec(summary) : null)?.[1];
}

/** `Readiness probe` → `readiness-probe`: a check id derived from its name. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'check'
  );
}

/**
 * A check's name and id in the evidence: the config's `name:` (else the kind's
 * description, e.g. `GET /healthz`) and `id:` (else the name's {@link slug}). Both are
 * unique within a gate, so evidence and `environment-passed` name one check each.
 */
export function checkIdentity(
  common: { name?: string | undefined; id?: string | undefined },
  describe: () => string,
): { id: string; name: string } {
  const name = common.name ?? describe();
  return { id: common.id ?? slug(name), name };
}

/** JSON inside an HTML comment: `--` must not appear, so it is escaped inside strings. */
function jsonMarker(name: string, value: unknown): string {
  return `<!-- release-gates:${name}=${JSON.stringify(value).replace(/--/g, '-\\u002d')} -->`;
}

/** The value of a summary's `name` marker that `schema` accepts, or undefined. */
function markerIn<T>(name: string, summary: string | undefined, schema: z.ZodType<T>): T | undefined {
  const match = summary ? new RegExp(`<!-- release-gates:${name}=(\\[.*?\\]) -->`).exec(summary) : null;
  if (!match?.[1]) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(match[1]));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // not JSON: someone else's text that looks like a marker
    return undefined;
  }
}

/** One applied migration as the migrate gate records it for the rollback gate. */
export interface AppliedMigrationRecord {
  id: string;
  /** Its content hash (`sha256:…`). */
  hash: string;
  /** It lost data or weakened security (a finding that needed an acknowledgement). */
  destructive: boolean;
  /** The analysis' finding codes, e.g. `delete-without-where`. */
  findings: string[];
  /** False when old code cannot run on the new schema (a rename, a NOT NULL without default); absent when not known. */
  compatible?: boolean | undefined;
}

const AppliedMigrationsSchema = z.array(
  z.object({
    id: z.string().min(1),
    hash: z.string(),
    destructive: z.boolean(),
    findings: z.array(z.string()).default([]),
    compatible: z.boolean().optional(),
  }),
);

/**
 * The migrations a migrate check run applied, machine-readable in its summary, so that
 * the rollback gate can tell per commit and environment what a rollback would cross
 * (PRODUCT.md, "rollback": refuse a code rollback across a destructive migration).
 */
export function migrationsMarker(applied: readonly AppliedMigrationRecord[]): string {
  return jsonMarker('migrations', applied);
}

/** The applied migrations a check run's summary records, if any. */
export function migrationsIn(summary: string | undefined): AppliedMigrationRecord[] | undefined {
  return markerIn('migrations', summary, AppliedMigrationsSchema);
}

/** The applied migrations of a gate result: the `appliedMigrations` of a check's data (the migrate gate's apply). */
export function appliedMigrationsOf(checks: readonly { data?: unknown }[]): AppliedMigrationRecord[] | undefined {
  for (const check of checks) {
    const applied = (check.data as { appliedMigrations?: unknown } | undefined)?.appliedMigrations;
    if (Array.isArray(applied)) return applied as AppliedMigrationRecord[];
  }
  return undefined;
}

const RecordedBackupsSchema = z.array(
  z.object({
    /** The backup's name: the file, path or snapshot id the team's restore command takes. */
    name: z.string().min(1),
    bytes: z.number().optional(),
    /** When the backup was written, ISO 8601. */
    createdAt: z.string().optional(),
    /** The check that made or found it. */
    check: z.string(),
    /** True when a restore drill of it passed. */
    drilled: z.boolean().optional(),
  }),
);

/** A backup the preflight `backup` check made or found (runbook 003, "Backups / Restore"). */
export type RecordedBackup = z.output<typeof RecordedBackupsSchema>[number];

/** The marker of the backups a gate's passing `backup` checks recorded, for the rollback gate to name. */
export function backupsMarker(backups: readonly RecordedBackup[]): string {
  return jsonMarker('backups', backups);
}

/** The backups a check run's summary records. */
export function backupsIn(summary: string | undefined): RecordedBackup[] {
  return markerIn('backups', summary, RecordedBackupsSchema) ?? [];
}
