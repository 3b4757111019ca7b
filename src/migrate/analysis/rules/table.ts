/**
 * The one table of finding codes: each code's severity and what it flags. Codes follow
 * squawk's rule naming (kebab-case, what the statement does). The severities and the need
 * for an acknowledgement follow issue #9 ("Destructive-change analysis") and runbooks 000
 * (a reset that deletes three tables' rows, "intentionally destructive") and 004 ("all
 * migrations are additive only (no DROP statements)"). `docs/sql-findings.md` lists them.
 */
import type { SqlSeverity } from '../types.js';

export interface RuleInfo {
  severity: SqlSeverity;
  /** What the rule flags, for the docs and `release-gates analyse-sql --rules`. */
  flags: string;
}

export const RULES = {
  // drops (rules/drops.ts)
  'drop-database': { severity: 'data-loss', flags: 'DROP DATABASE' },
  'drop-schema': { severity: 'data-loss', flags: 'DROP SCHEMA (with CASCADE, every object in it)' },
  'drop-table': { severity: 'data-loss', flags: 'DROP TABLE: the table and its rows' },
  'drop-column': { severity: 'data-loss', flags: 'ALTER TABLE … DROP COLUMN: the column and its values' },
  'drop-owned': { severity: 'data-loss', flags: 'DROP OWNED BY: every object the roles own' },
  'drop-index': { severity: 'breaking', flags: 'DROP INDEX: plans that use it slow down; a unique index stops guarding' },
  'drop-constraint': { severity: 'breaking', flags: 'ALTER TABLE … DROP CONSTRAINT: a guarantee stops holding' },
  // writes (rules/writes.ts)
  truncate: { severity: 'data-loss', flags: 'TRUNCATE: every row' },
  'delete-without-where': { severity: 'data-loss', flags: 'DELETE without WHERE, or with an always-true WHERE (`WHERE true`, `1 = 1`)' },
  'delete-rows': { severity: 'data-loss', flags: 'DELETE … WHERE: the rows its WHERE matches' },
  'update-without-where': { severity: 'data-loss', flags: 'UPDATE without WHERE (or always true): every row rewritten' },
  'merge-delete': { severity: 'data-loss', flags: 'MERGE … WHEN MATCHED THEN DELETE' },
  // alters (rules/alters.ts)
  'alter-column-type': { severity: 'data-loss', flags: 'ALTER COLUMN … TYPE: values are cast (and may be cut or rounded)' },
  'rename-table': { severity: 'breaking', flags: 'ALTER TABLE … RENAME TO: clients using the old name break' },
  'rename-column': { severity: 'breaking', flags: 'ALTER TABLE … RENAME COLUMN: clients using the old name break' },
  'drop-not-null': { severity: 'breaking', flags: 'ALTER COLUMN … DROP NOT NULL: readers that rely on a value get NULLs' },
  'set-not-null': { severity: 'may-fail', flags: 'ALTER COLUMN … SET NOT NULL: fails when a row has NULL' },
  'add-column-not-null': { severity: 'may-fail', flags: 'ADD COLUMN … NOT NULL without a DEFAULT: fails when the table has rows' },
  'add-unique-constraint': { severity: 'may-fail', flags: 'ADD UNIQUE or PRIMARY KEY on an existing table: fails on duplicates' },
  'add-unique-index': { severity: 'may-fail', flags: 'CREATE UNIQUE INDEX on an existing table: fails on duplicates' },
  'add-check-constraint': { severity: 'may-fail', flags: 'ADD CHECK without NOT VALID: fails when a row breaks it' },
  'add-foreign-key': { severity: 'may-fail', flags: 'ADD FOREIGN KEY without NOT VALID: fails when a row has no parent' },
  // security (rules/security.ts)
  'drop-policy': { severity: 'security', flags: 'DROP POLICY: a row-level security policy removed' },
  'disable-rls': { severity: 'security', flags: 'ALTER TABLE … DISABLE ROW LEVEL SECURITY' },
  'no-force-rls': { severity: 'security', flags: 'ALTER TABLE … NO FORCE ROW LEVEL SECURITY: the owner bypasses the policies again' },
  'permissive-policy': { severity: 'security', flags: 'CREATE/ALTER POLICY with USING (true) or WITH CHECK (true): every row' },
  'grant-to-public': { severity: 'security', flags: 'GRANT … TO PUBLIC (also default privileges and role grants)' },
  'grant-to-anon': { severity: 'security', flags: 'GRANT … TO anon (Supabase’s unauthenticated role)' },
} as const satisfies Record<string, RuleInfo>;

export type FindingCode = keyof typeof RULES;

/** Data loss, security weakening and breaking changes need an acknowledgement; a change that may fail does not. */
export function needsAck(severity: SqlSeverity): boolean {
  return severity !== 'may-fail';
}
