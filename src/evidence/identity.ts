/**
 * Evidence identity: how a gate's result is named and bound to its config on GitHub, so
 * that checks (`environment-passed`, `github-ci`) and reporters (check runs, the sticky
 * comment) agree on it. A check run is `release-gates / <gate> (<env>)` (PRODUCT.md,
 * "Reporting contract") and its summary carries the config digest it ran under.
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
 * (`environment-passed`) counts a result only for the same config (PRODUCT.md, "Beyond
 * the peers").
 */
export function digestMarker(configDigest: string): string {
  return `<!-- release-gates:digest=${configDigest} -->`;
}

/** The config digest a check run's summary records, if any. */
export function digestIn(summary: string | undefined): string | undefined {
  return (summary ? DIGEST.exec(summary) : null)?.[1];
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
