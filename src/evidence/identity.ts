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

/**
 * A machine-readable marker of structured evidence in a check run's summary:
 * `<!-- release-gates:<name>=<base64url of JSON> -->`. Base64url keeps the JSON out of
 * markdown's way and cannot close the HTML comment.
 */
export function evidenceMarker(name: string, value: unknown): string {
  return `<!-- release-gates:${name}=${Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')} -->`;
}

/** Every value a summary's `name` markers hold that `schema` accepts; others are ignored. */
function markersIn<T>(name: string, summary: string | undefined, schema: z.ZodType<T>): T[] {
  if (!summary) return [];
  const pattern = new RegExp(`<!-- release-gates:${name}=([A-Za-z0-9_-]+) -->`, 'g');
  const values: T[] = [];
  for (const [, encoded] of summary.matchAll(pattern)) {
    try {
      const parsed = schema.safeParse(JSON.parse(Buffer.from(encoded ?? '', 'base64url').toString('utf8')));
      if (parsed.success) values.push(parsed.data);
    } catch {
      // not JSON: someone else's text that looks like a marker
    }
  }
  return values;
}

const AppliedMigrationSchema = z.object({
  id: z.string().min(1),
  hash: z.string(),
  destructive: z.boolean(),
  /** False when old code cannot run on the new schema (a rename, a NOT NULL without default). */
  compatible: z.boolean().optional(),
  codes: z.array(z.string()).default([]),
});

/**
 * A migration the migrate gate applied, as its check run records it (issue #9): the
 * migration id, its normalised content hash, whether it loses data or is not backward
 * compatible, and the finding codes (`delete-without-where`, `drop-table`, …).
 */
export type AppliedMigration = z.output<typeof AppliedMigrationSchema>;

/** The marker of the migrations a migrate run applied. */
export function migrationsMarker(applied: readonly AppliedMigration[]): string {
  return evidenceMarker('migrations', applied);
}

/** The migrations a migrate check run's summary records as applied (all markers, in order). */
export function migrationsIn(summary: string | undefined): AppliedMigration[] {
  return markersIn('migrations', summary, z.array(AppliedMigrationSchema)).flat();
}

const RecordedBackupSchema = z.object({
  /** The backup's name: the file, path or snapshot id the team's restore command takes. */
  name: z.string().min(1),
  bytes: z.number().optional(),
  /** When the backup was written, ISO 8601. */
  createdAt: z.string().optional(),
  /** The check that made or found it. */
  check: z.string(),
  /** True when a restore drill of it passed. */
  drilled: z.boolean().optional(),
});

/** A backup the preflight `backup` check made or found (runbook 003, "Backups / Restore"). */
export type RecordedBackup = z.output<typeof RecordedBackupSchema>;

/** The marker of the backups a gate's passing `backup` checks recorded. */
export function backupsMarker(backups: readonly RecordedBackup[]): string {
  return evidenceMarker('backups', backups);
}

/** The backups a check run's summary records. */
export function backupsIn(summary: string | undefined): RecordedBackup[] {
  return markersIn('backups', summary, z.array(RecordedBackupSchema)).flat();
}
