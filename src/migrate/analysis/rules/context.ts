/**
 * What a rule sees and reports. Rules are handlers keyed by node type, called for every node
 * of a statement (nested ones too: a DELETE in a CTE, in EXPLAIN ANALYZE, in a function body).
 */
import type { Parser } from '../parser.js';
import type { NodeOf, NodeType } from '../tree.js';
import type { FindingCode } from './table.js';

/** A finding as a rule reports it; the analysis adds severity, position, statement and context. */
export interface RawFinding {
  code: FindingCode;
  message: string;
  table?: string;
  countSql?: string;
  /** Byte offset (in the parsed text) to point at; default the statement's start. */
  location?: number;
}

/**
 * Which counts may be built here: `any` at the top level (the WHERE may be sliced from the
 * statement), `names` in a DO block (counts built from names only: its WHERE may use plpgsql
 * variables), `none` in a function body (it does not run now).
 */
export type CountScope = 'any' | 'names' | 'none';

export interface RuleContext {
  report(finding: RawFinding): void;
  /** True when `node` is the statement itself, so its clauses can be sliced from {@link statementText}. */
  isStatement(node: object): boolean;
  counts: CountScope;
  /** The statement's text (node locations are byte offsets into the parsed text, not into this). */
  statementText: string;
  parser: Parser;
}

/** Handlers of one rule family, by node type. */
export type Rules = { [K in NodeType]?: (node: NodeOf<K>, context: RuleContext) => void };
