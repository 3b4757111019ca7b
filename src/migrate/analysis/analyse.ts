/**
 * The analysis of one SQL text: its top-level statements, each walked node by node through
 * the rule handlers (bodies of DO blocks and functions too), findings placed at their
 * statement's line and column, and the normalised content hash.
 */
import { createHash } from 'node:crypto';
import { cut } from '../../text.js';
import { analyseBody } from './bodies.js';
import { loadParser, type Parser } from './parser.js';
import { HANDLERS, needsAck, RULES, type RawFinding, type RuleContext } from './rules/index.js';
import type { Analyser, Position, Scope, StatementInput } from './scope.js';
import { SourceText } from './source.js';
import { topStatements } from './statements.js';
import { canonical, relationName, unwrap, walk } from './tree.js';
import type { AnalyseOptions, SqlAnalysis, SqlFinding, SqlPart, SqlUnanalysable } from './types.js';

/** How much of a statement a finding shows. */
const STATEMENT_CHARS = 300;

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** The table a top-level statement creates (and that did not exist before it, so no IF NOT EXISTS). */
function createdTable(type: string, body: object): string | undefined {
  if (type === 'CreateStmt') {
    const create = body as { relation?: { relname?: string }; if_not_exists?: boolean };
    return create.if_not_exists ? undefined : relationName(create.relation);
  }
  if (type === 'CreateTableAsStmt') {
    const create = body as { into?: { rel?: { relname?: string } }; if_not_exists?: boolean };
    return create.if_not_exists ? undefined : relationName(create.into?.rel);
  }
  return undefined;
}

class Analysis implements Analyser {
  readonly findings: SqlFinding[] = [];
  readonly notAnalysable: SqlUnanalysable[] = [];
  /** Tables created earlier in this text: dropping or emptying them loses nothing that existed before. */
  private readonly created = new Set<string>();

  constructor(readonly parser: Parser) {}

  unanalysable(position: Position, reason: string): void {
    this.notAnalysable.push({ ...position, reason });
  }

  statement(input: StatementInput, scope: Scope): string {
    const [rootType, root] = unwrap(input.node) ?? ['', {}];
    const end = input.length ? input.start + input.length : undefined;
    const statementText = scope.text.slice(input.start, end).trim();
    const raw: RawFinding[] = [];
    const forms = new Map<object, unknown>();
    const context: RuleContext = {
      report: (finding) => raw.push(finding),
      isStatement: (node) => node === root,
      counts: scope.counts,
      statementText,
      parser: this.parser,
    };
    walk(input.node, (type, body) => {
      for (const handler of HANDLERS.get(type) ?? []) handler(body, context);
      if (type !== 'DoStmt' && type !== 'CreateFunctionStmt') return true;
      analyseBody(this, type, body, input, scope, forms);
      return false;
    });
    const position = scope.position(scope.text.index(input.start));
    for (const finding of raw) {
      if (scope.topLevel && finding.table !== undefined && this.created.has(finding.table)) continue;
      const { severity } = RULES[finding.code];
      this.findings.push({
        code: finding.code,
        severity,
        needsAck: needsAck(severity),
        message: finding.message,
        statement: cut(statementText, STATEMENT_CHARS),
        ...position,
        ...(finding.table !== undefined ? { table: finding.table } : {}),
        ...(finding.countSql !== undefined ? { countSql: finding.countSql } : {}),
        ...(scope.context !== undefined ? { context: scope.context } : {}),
      });
    }
    const created = scope.topLevel ? createdTable(rootType, root) : undefined;
    if (created) this.created.add(created);
    return canonical(input.node, forms);
  }
}

/**
 * Analyses SQL (one migration's text) for changes that lose data, weaken security, break
 * clients or may fail on existing data, with the real PostgreSQL parser (loaded on the first
 * call). Never throws on bad SQL: what does not parse is listed in `unanalysable`.
 */
export async function analyseSql(sql: string, options: AnalyseOptions = {}): Promise<SqlAnalysis> {
  const parser = await loadParser();
  const source = new SourceText(sql.replaceAll('\r\n', '\n'));
  const firstLine = options.startLine ?? 1;
  const top: Scope = {
    text: source,
    position: (index) => {
      const { line, column } = source.lineColumn(index);
      return { line: line + firstLine, column: column + 1 };
    },
    counts: 'any',
    topLevel: true,
  };
  const analysis = new Analysis(parser);
  const parts: SqlPart[] = [];
  for (const item of topStatements(parser, source)) {
    const end = item.length ? item.start + item.length : undefined;
    const text = source.slice(item.start, end).trim();
    const { line } = top.position(source.index(item.start));
    if (item.parsed) {
      parts.push({ hash: sha256(analysis.statement(item, top)), text, line });
    } else {
      analysis.unanalysable(top.position(source.index(item.at)), item.reason);
      parts.push({ hash: sha256(`not parsed\n${item.normal}`), text, line });
    }
  }
  return {
    statements: parts.length,
    findings: analysis.findings,
    unanalysable: analysis.notAnalysable,
    hash: sha256(parts.map((part) => part.hash).join('\n')),
    parts,
  };
}
