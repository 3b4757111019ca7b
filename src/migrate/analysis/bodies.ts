/**
 * Destructive SQL inside DO blocks and function bodies (issue #9). A plpgsql body is parsed
 * with the real plpgsql parser; each SQL statement in it is analysed like a top-level one,
 * at its line. An EXECUTE of a constant string is analysed as that SQL; an EXECUTE of a
 * built string cannot be, and is reported "not analysable". A `LANGUAGE sql` body is parsed
 * as SQL. Each body's normal form (its trees without locations or line numbers) stands in
 * for its text in the hash, so its whitespace and comments do not count.
 */
import { cut } from '../../text.js';
import { errorMessage, errorOffset, type Node } from './parser.js';
import type { Analyser, Position, Scope, StatementInput } from './scope.js';
import { SourceText } from './source.js';
import { canonical, names } from './tree.js';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

interface BodyLiteral {
  /** The `{ sval }` object of the body's String node, replaced by the normal form in the hash. */
  node: { sval?: string };
  text: string;
  /** String index of the literal (its opening quote or dollar tag) in the scope's text. */
  index: number;
}

/** The scope of a body: its text, positioned past the literal's opening quote or `$tag$`. */
function bodyScope(parent: Scope, literal: BodyLiteral, context: string, counts: Scope['counts']): Scope {
  const source = parent.text.text;
  const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(source.slice(literal.index, literal.index + 200))?.[0];
  const open = tag ?? (/^[eE]'/.test(source.slice(literal.index, literal.index + 2)) ? "E'" : "'");
  const start = literal.index + open.length;
  return { text: new SourceText(literal.text), position: (index) => parent.position(start + index), context, counts, topLevel: false };
}

/** The string index just past `AS` and any blanks or comments after it. */
function afterKeyword(text: string, index: number): number {
  let at = index + 2;
  for (;;) {
    const rest = text.slice(at, at + 2);
    if (/^\s/.test(rest)) at++;
    else if (rest === '--') at = text.includes('\n', at) ? text.indexOf('\n', at) + 1 : text.length;
    else if (rest === '/*') at = text.includes('*/', at) ? text.indexOf('*/', at) + 2 : text.length;
    else return at;
  }
}

function stringArg(arg: Node | undefined): { sval?: string } | undefined {
  if (arg && 'String' in arg) return arg.String;
  if (arg && 'List' in arg && arg.List.items?.length === 1) return stringArg(arg.List.items[0]);
  return undefined;
}

/** Parses SQL text and analyses its statements in `scope`; their canonical forms, or a collapsed text when it does not parse. */
function sqlStatements(analyser: Analyser, text: string, scope: Scope, fallback: Position): string {
  try {
    const stmts = analyser.parser.parse(text).stmts ?? [];
    return stmts
      .map((raw) =>
        raw.stmt ? analyser.statement({ node: raw.stmt, start: raw.stmt_location ?? 0, length: raw.stmt_len ?? 0, base: 0 }, scope) : '',
      )
      .join('\n');
  } catch (error) {
    const at = errorOffset(error);
    analyser.unanalysable(
      at === undefined ? fallback : scope.position(scope.text.index(at)),
      `${scope.context ?? 'SQL'}: ${errorMessage(error)}`,
    );
    return collapse(text);
  }
}

/** The value of a plpgsql expression that is one string constant (`'TRUNCATE t'`), else undefined. */
function constantString(analyser: Analyser, expression: string): string | undefined {
  try {
    const node = analyser.parser.parse(`SELECT ${expression}`).stmts?.[0]?.stmt;
    const targets = node && 'SelectStmt' in node ? (node.SelectStmt.targetList ?? []) : [];
    const value = targets.length === 1 && targets[0] && 'ResTarget' in targets[0] ? targets[0].ResTarget.val : undefined;
    return value && 'A_Const' in value ? value.A_Const.sval?.sval : undefined;
  } catch {
    return undefined;
  }
}

/** The normal form of a plpgsql expression: its parse tree (`SELECT <expr>`), or its collapsed text. */
function expressionForm(analyser: Analyser, expression: string, parseMode: number): string {
  const assignment = parseMode >= 3 ? /^([^=:]*?)\s*:?=([\s\S]*)$/.exec(expression) : null;
  if (assignment) return `${collapse(assignment[1] ?? '')} := ${expressionForm(analyser, assignment[2] ?? '', 2)}`;
  try {
    return canonical(analyser.parser.parse(`SELECT ${expression}`).stmts);
  } catch {
    return collapse(expression);
  }
}

interface PlpgsqlExpr {
  query?: string;
  parseMode?: number;
}

/** Calls `visit` for each PLpgSQL_expr with the line of its statement, and whether it is an EXECUTE's string. */
function plpgsqlExpressions(tree: unknown, visit: (expr: PlpgsqlExpr, lineno: number, dynamic: boolean) => void): void {
  const dynamic = new Set<unknown>();
  const walkTree = (value: unknown, lineno: number): void => {
    if (Array.isArray(value)) return value.forEach((item) => walkTree(item, lineno));
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (child === null || typeof child !== 'object') continue;
      const body = child as Record<string, unknown>;
      const line = typeof body.lineno === 'number' ? body.lineno : lineno;
      if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors')
        dynamic.add((body.query as { PLpgSQL_expr?: unknown } | undefined)?.PLpgSQL_expr);
      else if (key === 'dynquery') dynamic.add(body.PLpgSQL_expr);
      else if (key === 'PLpgSQL_expr') visit(body, line, dynamic.has(body));
      walkTree(child, line);
    }
  };
  walkTree(tree, 1);
}

/** Analyses a plpgsql body; returns its normal form. `createText` is a CREATE FUNCTION whose body is `scope.text`. */
function plpgsqlBody(analyser: Analyser, createText: string, scope: Scope): string {
  let tree: unknown;
  try {
    tree = analyser.parser.parsePlpgsql(createText);
  } catch (error) {
    analyser.unanalysable(scope.position(0), `${scope.context ?? 'plpgsql'}: ${errorMessage(error)}`);
    return collapse(scope.text.text);
  }
  const forms = new Map<unknown, string>();
  plpgsqlExpressions(tree, (expr, lineno, dynamic) => {
    const query = expr.query ?? '';
    const lineStart = scope.text.lineIndent(lineno - 1);
    const at = scope.position(lineStart);
    if (dynamic) {
      const constant = constantString(analyser, query);
      if (constant === undefined)
        analyser.unanalysable(
          at,
          `${scope.context ?? 'plpgsql'}: EXECUTE of a built string (${cut(collapse(query), 80)}) is not analysable`,
        );
      else
        sqlStatements(
          analyser,
          constant,
          { ...scope, text: new SourceText(constant), position: () => at, context: `${scope.context ?? ''}, EXECUTE` },
          at,
        );
      forms.set(expr, expressionForm(analyser, query, 2));
    } else if (expr.parseMode === 0) {
      const found = scope.text.text.indexOf(query, lineStart);
      const position = found === -1 ? () => at : (index: number) => scope.position(found + index);
      forms.set(expr, sqlStatements(analyser, query, { ...scope, text: new SourceText(query), position }, at));
    } else {
      forms.set(expr, expressionForm(analyser, query, expr.parseMode ?? 2));
    }
  });
  return JSON.stringify(tree, (key, value: unknown) => (key === 'lineno' ? undefined : (forms.get(value) ?? value)));
}

/** A dollar tag that does not occur in `text`. */
function dollarTag(text: string): string {
  let tag = '$release_gates$';
  for (let n = 1; text.includes(tag); n++) tag = `$release_gates_${n}$`;
  return tag;
}

/**
 * Analyses the body of a DO block or CREATE FUNCTION/PROCEDURE node, recording its normal form
 * in `forms` (body String → normal form). Other nodes are left alone.
 */
export function analyseBody(
  analyser: Analyser,
  type: string,
  body: object,
  input: StatementInput,
  scope: Scope,
  forms: Map<object, unknown>,
): void {
  const locate = (location: number | undefined): number => scope.text.index(input.base + (location ?? 0));
  if (type === 'DoStmt') {
    const args = (body as { args?: Node[] }).args ?? [];
    const option = (name: string) => args.flatMap((arg) => ('DefElem' in arg && arg.DefElem.defname === name ? [arg.DefElem] : []))[0];
    const as = option('as');
    const literal = stringArg(as?.arg);
    const language = stringArg(option('language')?.arg)?.sval ?? 'plpgsql';
    if (!as || !literal || language !== 'plpgsql') return;
    const text = literal.sval ?? '';
    const counts = scope.counts === 'none' ? 'none' : 'names';
    const inner = bodyScope(scope, { node: literal, text, index: locate(as.location) }, 'DO block', counts);
    const tag = dollarTag(text);
    forms.set(
      literal,
      plpgsqlBody(analyser, `CREATE FUNCTION pg_temp.do_block() RETURNS void LANGUAGE plpgsql AS ${tag}${text}${tag}`, inner),
    );
    return;
  }
  if (type !== 'CreateFunctionStmt') return;
  const fn = body as { funcname?: Node[]; parameters?: Node[]; options?: Node[]; sql_body?: Node; is_procedure?: boolean };
  const params = (fn.parameters ?? []).flatMap((p) =>
    'FunctionParameter' in p
      ? [
          names(p.FunctionParameter.argType?.names)
            .filter((n) => n !== 'pg_catalog')
            .join('.'),
        ]
      : [],
  );
  const context = `${fn.is_procedure ? 'procedure' : 'function'} ${names(fn.funcname).join('.')}(${params.join(', ')})`;
  if (fn.sql_body) {
    walkSqlBody(fn.sql_body, (node) => analyser.statement({ ...input, node }, { ...scope, context, counts: 'none', topLevel: false }));
    return;
  }
  const options = fn.options ?? [];
  const option = (name: string) => options.flatMap((o) => ('DefElem' in o && o.DefElem.defname === name ? [o.DefElem] : []))[0];
  const as = option('as');
  const literal = stringArg(as?.arg);
  const language = stringArg(option('language')?.arg)?.sval?.toLowerCase();
  if (!as || !literal || (language !== 'plpgsql' && language !== 'sql')) return;
  const text = literal.sval ?? '';
  const index = afterKeyword(scope.text.text, locate(as.location));
  const inner = bodyScope(scope, { node: literal, text, index }, context, 'none');
  if (language === 'sql') forms.set(literal, sqlStatements(analyser, text, inner, inner.position(0)));
  else
    forms.set(literal, plpgsqlBody(analyser, scope.text.slice(input.start, input.length ? input.start + input.length : undefined), inner));
}

/** The statements of a SQL-standard body (`BEGIN ATOMIC … END`, `RETURN …`). */
function walkSqlBody(node: Node, visit: (statement: Node) => void): void {
  if ('List' in node) for (const item of node.List.items ?? []) walkSqlBody(item, visit);
  else visit(node);
}
