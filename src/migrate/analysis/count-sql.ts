/**
 * The read-only counts of the rows at stake (issue #9, "Data-aware severity"), built from
 * the parse tree: names are quoted identifiers, never spliced text. A DELETE's or UPDATE's
 * WHERE (and its USING/FROM list and WITH clause) is cut from the statement's own text at
 * the tokens the real scanner finds, and the count is parsed back: it is used only when its
 * clauses parse to the very trees of the statement's. The migrate gate runs each count in a
 * READ ONLY transaction.
 */
import type { Node, Parser, RangeVar } from './parser.js';
import { SourceText } from './source.js';
import { quoteIdent, quoteRelation, sameTree } from './tree.js';

/** `SELECT count(*) FROM t`: every row of the table. */
export function countAll(relation: RangeVar): string {
  return `SELECT count(*) FROM ${quoteRelation(relation)}`;
}

/** The rows where `column` is (or is not) NULL. */
export function countColumn(relation: RangeVar, column: string, is: 'NULL' | 'NOT NULL'): string {
  return `${countAll(relation)} WHERE ${quoteIdent(column)} IS ${is}`;
}

/** The rows whose key is shared with another row (and, for a primary key, those with a NULL in it). */
export function countDuplicates(relation: RangeVar, columns: readonly string[], primaryKey: boolean): string {
  const key = columns.map(quoteIdent).join(', ');
  const nulls = columns.map((column) => `${quoteIdent(column)} IS NULL`).join(' OR ');
  const keyed = primaryKey ? '' : ` WHERE ${columns.map((column) => `${quoteIdent(column)} IS NOT NULL`).join(' AND ')}`;
  const inner = `SELECT count(*) OVER (PARTITION BY ${key}) AS n${primaryKey ? `, (${nulls}) AS has_null` : ''} FROM ${quoteRelation(relation)}${keyed}`;
  return `SELECT count(*) FROM (${inner}) AS keyed WHERE n > 1${primaryKey ? ' OR has_null' : ''}`;
}

interface Span {
  start: number;
  end: number;
}

/** Byte spans of the top-level keywords of a DELETE or UPDATE (outside parentheses). */
function clauseKeywords(parser: Parser, text: string, verb: 'delete' | 'update'): Map<string, Span> | undefined {
  const wanted = verb === 'delete' ? ['using', 'where', 'returning'] : ['set', 'from', 'where', 'returning'];
  const found = new Map<string, Span>();
  let depth = 0;
  let previous = '';
  for (const token of parser.scan(text)) {
    const word = token.text.toLowerCase();
    if (word === '(' || word === '[') depth++;
    else if (word === ')' || word === ']') depth--;
    else if (depth === 0 && token.keywordKind !== 0) {
      if (!found.has(verb)) {
        if (word === verb) found.set(verb, token);
      } else if (wanted.includes(word) && !found.has(word) && !(word === 'from' && (previous === 'distinct' || !found.has('set')))) {
        found.set(word, token);
      }
    }
    if (token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT') previous = word;
  }
  return found.has(verb) ? found : undefined;
}

/** A slice of text that may end in a `--` comment, made safe to follow with more SQL. */
function clause(text: string): string {
  const trimmed = text.trim();
  return trimmed.includes('--') ? `${trimmed}\n` : trimmed;
}

/**
 * `SELECT count(*)` of the rows a DELETE … WHERE removes or an UPDATE … WHERE rewrites, or
 * undefined when the statement's clauses cannot be cut out and verified.
 */
export function countMatching(
  parser: Parser,
  statementText: string,
  verb: 'delete' | 'update',
  statement: { relation?: RangeVar; whereClause?: Node; withClause?: { ctes?: Node[] }; from?: Node[] },
): string | undefined {
  const { relation, whereClause } = statement;
  if (!relation || !whereClause || 'CurrentOfExpr' in whereClause || writesInWith(statement.withClause)) return undefined;
  const keywords = clauseKeywords(parser, statementText, verb);
  const where = keywords?.get('where');
  if (!keywords || !where) return undefined;
  const source = new SourceText(statementText);
  const end = keywords.get('returning')?.start;
  const listKeyword = keywords.get(verb === 'delete' ? 'using' : 'from');
  const withText = statement.withClause ? clause(source.slice(0, keywords.get(verb)?.start ?? 0)) : '';
  const condition = clause(source.slice(where.end, end));
  const alias = relation.alias?.aliasname ? ` AS ${quoteIdent(relation.alias.aliasname)}` : '';
  const target = `${quoteRelation(relation)}${alias}`;
  const from = listKeyword ? clause(source.slice(listKeyword.end, where.start)) : undefined;
  const count = from
    ? `${withText ? `${withText} ` : ''}SELECT count(*) FROM ${target} WHERE EXISTS (SELECT FROM ${from} WHERE ${condition})`
    : `${withText ? `${withText} ` : ''}SELECT count(*) FROM ${target} WHERE ${condition}`;
  return verified(parser, count, statement) ? count : undefined;
}

/** True when a WITH clause has a data-modifying CTE (`WITH d AS (DELETE …)`): its count could not run read-only. */
function writesInWith(withClause: { ctes?: Node[] } | undefined): boolean {
  return (withClause?.ctes ?? []).some((cte) => {
    const query = 'CommonTableExpr' in cte ? cte.CommonTableExpr.ctequery : undefined;
    return query !== undefined && !('SelectStmt' in query);
  });
}

/** True when the count parses to one SELECT whose clauses are the statement's own trees. */
function verified(parser: Parser, count: string, statement: { whereClause?: Node; withClause?: unknown; from?: Node[] }): boolean {
  let stmts;
  try {
    stmts = parser.parse(count).stmts ?? [];
  } catch {
    return false;
  }
  const node = stmts.length === 1 ? stmts[0]?.stmt : undefined;
  if (!node || !('SelectStmt' in node)) return false;
  const outer = node.SelectStmt;
  let inner = outer;
  if (statement.from?.length) {
    const link = outer.whereClause && 'SubLink' in outer.whereClause ? outer.whereClause.SubLink : undefined;
    const sub = link?.subLinkType === 'EXISTS_SUBLINK' ? link.subselect : undefined;
    if (!sub || !('SelectStmt' in sub) || !sameTree(sub.SelectStmt.fromClause, statement.from)) return false;
    inner = sub.SelectStmt;
  }
  return sameTree(inner.whereClause, statement.whereClause) && sameTree(outer.withClause, statement.withClause);
}
