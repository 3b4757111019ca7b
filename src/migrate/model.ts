/** What the migrate gate learns about each pending migration, shared by its phases and kept in the evidence. */
import type { Migration, MigrationSource } from './tools/tool.js';

/** A finding of the analysis, with the rows at stake counted on the target. */
export interface MigrationFinding {
  /** Stable code in the style of squawk's rules, e.g. `delete-without-where`. */
  code: string;
  severity: string;
  message: string;
  statement: string;
  /** Line in the migration file (for generated SQL: the line of the statement in the file, when found). */
  line: number;
  column: number;
  table?: string;
  /** Where the statement sits, for SQL inside a DO block or a function body. */
  context?: string;
  /** The analysis says it loses data or weakens security. */
  destructive: boolean;
  /** It needs an acknowledgement (destructive, unless it touches no row and the config allows that). */
  needsAck: boolean;
  /** Rows at stake, counted read-only before anything ran. */
  rows?: number;
  /** Why the rows could not be counted. */
  countError?: string;
  /** The read-only `SELECT count(*)` used. */
  countSql?: string;
}

/** A part of a migration that could not be analysed: it needs an acknowledgement. */
export interface Unanalysable {
  line: number;
  reason: string;
}

export interface AnalysedMigration {
  id: string;
  file: string;
  /** `sha256:` content hash: of the SQL parse tree, or of the file for Python. */
  hash: string;
  hashOf: 'sql' | 'file';
  findings: MigrationFinding[];
  unanalysable: Unanalysable[];
  /** True when a finding or an unanalysable part needs an acknowledgement. */
  needsAck: boolean;
}

/** An analysed migration with what the phases need but the evidence does not keep. */
export interface PendingMigration {
  migration: Migration;
  source: MigrationSource;
  analysed: AnalysedMigration;
  /** The statements, normalised, to show what changed since an acknowledgement. */
  statements: string[];
}

/** How one acknowledgement was found valid, for the evidence. */
export interface AcceptedAck {
  migration: string;
  hash: string;
  environment: string;
  source: string;
  by: string | undefined;
  where: string;
}

/** `1204` → `1,204`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "would delete 1,204 rows from candidates", or undefined when no rows were counted. */
export function rowsText(finding: Pick<MigrationFinding, 'code' | 'rows' | 'table'>): string | undefined {
  if (finding.rows === undefined) return undefined;
  const rows = `${formatCount(finding.rows)} ${finding.rows === 1 ? 'row' : 'rows'}`;
  const table = finding.table ?? 'the table';
  if (/delete|truncate/.test(finding.code)) return `would delete ${rows} from ${table}`;
  if (/update/.test(finding.code)) return `would update ${rows} of ${table}`;
  if (/drop-table/.test(finding.code)) return `would drop ${table} with ${rows}`;
  return `${rows} at stake in ${table}`;
}
