/**
 * Evidence identity: how a gate's result is named and bound to its config on GitHub, so
 * that checks (`environment-passed`, `github-ci`) and reporters (check runs, the sticky
 * comment) agree on it. A check run is `release-gates / <gate> (<env>)` (PRODUCT.md,
 * "Reporting contract") and its summary carries the config digest it ran under.
 */

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

/** One applied migration as the migrate gate records it for the rollback gate. */
export interface AppliedMigrationRecord {
  id: string;
  /** Its content hash (`sha256:…`). */
  hash: string;
  /** It lost data or weakened security (a finding that needed an acknowledgement). */
  destructive: boolean;
  /** The analysis' finding codes, e.g. `delete-without-where`. */
  findings: string[];
}

const MIGRATIONS = /<!-- release-gates:migrations=(\[.*?\]) -->/;

/**
 * The migrations a migrate check run applied, machine-readable in its summary, so that
 * the rollback gate can tell per commit and environment what a rollback would cross
 * (PRODUCT.md, "rollback": refuse a code rollback across a destructive migration).
 */
export function migrationsMarker(applied: readonly AppliedMigrationRecord[]): string {
  // JSON inside an HTML comment: `--` must not appear, so it is escaped inside strings.
  return `<!-- release-gates:migrations=${JSON.stringify(applied).replace(/--/g, '-\\u002d')} -->`;
}

/** The applied migrations a check run's summary records, if any. */
export function migrationsIn(summary: string | undefined): AppliedMigrationRecord[] | undefined {
  const match = summary ? MIGRATIONS.exec(summary) : null;
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]) as AppliedMigrationRecord[];
  } catch {
    return undefined;
  }
}

/** The applied migrations of a gate result: the `appliedMigrations` of a check's data (the migrate gate's apply). */
export function appliedMigrationsOf(checks: readonly { data?: unknown }[]): AppliedMigrationRecord[] | undefined {
  for (const check of checks) {
    const applied = (check.data as { appliedMigrations?: unknown } | undefined)?.appliedMigrations;
    if (Array.isArray(applied)) return applied as AppliedMigrationRecord[];
  }
  return undefined;
}
