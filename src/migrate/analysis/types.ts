/**
 * The shapes of a SQL analysis (issue #9, "Destructive-change analysis"): what the migrate
 * gate reads before it applies a migration. Every finding code is listed, with its severity
 * and what it means, in `docs/sql-findings.md`.
 */

/**
 * How bad a finding is.
 * - `data-loss`: rows or values are removed or rewritten (DROP TABLE, DELETE, a type change).
 * - `security`: access is widened (RLS disabled, a policy dropped or `USING (true)`, a grant to
 *   PUBLIC or `anon`).
 * - `breaking`: no rows are removed, but clients or guarantees that exist today stop holding
 *   (a rename, a dropped index or constraint, DROP NOT NULL).
 * - `may-fail`: the statement may fail on existing data (SET NOT NULL, a new unique constraint);
 *   it loses nothing.
 */
export type SqlSeverity = 'data-loss' | 'security' | 'breaking' | 'may-fail';

/** One thing a migration does that loses data, weakens security, breaks clients or may fail. */
export interface SqlFinding {
  /** Stable rule name in the style of squawk's (`drop-table`, `delete-without-where`, …). */
  code: string;
  severity: SqlSeverity;
  /** Data loss, security weakening and breaking changes need an acknowledgement; `may-fail` does not. */
  needsAck: boolean;
  /** One line for people: `DELETE without WHERE removes every row of public.candidates`. */
  message: string;
  /** The statement's text, trimmed and cut to about 300 characters. */
  statement: string;
  /** 1-based line in the analysed text, plus `options.startLine - 1`. */
  line: number;
  /** 1-based column (characters) on that line. */
  column: number;
  /** The table at stake, as written (schema-qualified when the SQL qualifies it). */
  table?: string;
  /**
   * A read-only `SELECT count(*) …` that counts the rows at stake, when they can be counted:
   * DELETE … WHERE → the same WHERE; DELETE/UPDATE without WHERE, TRUNCATE, DROP TABLE → the
   * whole table; DROP COLUMN, a type change → rows where the column is not null; SET NOT NULL →
   * rows where it is null; a new unique constraint → rows whose key is duplicated. Built from
   * the parse tree (names quoted; a WHERE is the statement's own text, checked by parsing the
   * count back and comparing trees), never from spliced values. Run it in a READ ONLY transaction.
   */
  countSql?: string;
  /** Where it was found when not at the top level: `DO block`, `function public.reset_all()`. */
  context?: string;
}

/** A part of the text that could not be analysed; the gate reports it, it never passes it. */
export interface SqlUnanalysable {
  line: number;
  column: number;
  /** E.g. `syntax error at or near "selec"`, `EXECUTE of a built string: not analysable`. */
  reason: string;
}

/** One top-level statement's identity, so two versions of a migration can be compared. */
export interface SqlPart {
  /** `sha256:<hex>` of the statement's normalised parse tree. */
  hash: string;
  /** The statement's text, trimmed. */
  text: string;
  /** 1-based line where it starts (plus `startLine - 1`). */
  line: number;
}

export interface SqlAnalysis {
  /** Top-level statements, parsed or not. */
  statements: number;
  findings: SqlFinding[];
  /** What could not be analysed (parse error with position, EXECUTE of a built string in plpgsql): reported "not analysable", never passed. */
  unanalysable: SqlUnanalysable[];
  /**
   * `sha256:<hex>` of the normalised content: the parse trees without locations, function and
   * DO bodies parsed too, so whitespace, comments and CRLF do not change it and any change of
   * meaning does (constants included). It depends on the parser's major version (PostgreSQL 18).
   */
  hash: string;
  /** Per statement: its normalised hash, text and line, so a caller can show which statements differ between two versions. */
  parts: SqlPart[];
}

export interface AnalyseOptions {
  /** The line of the analysed text's first line in its file (default 1), for SQL cut out of a larger file. */
  startLine?: number;
}
