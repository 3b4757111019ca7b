/**
 * JSONPath queries, shared by every kind that reads JSON: responses, command output,
 * captures, restore-drill rows. Queries run on jsonpath-plus (Goessner's syntax,
 * https://goessner.net/articles/JsonPath/, with its safe evaluator for filters).
 *
 * jsonpath-plus reads any text as some path: `$.items[0` quietly becomes `$.items[0]`
 * and `$.items[?(@ > )]` fails only when it is evaluated. {@link jsonPathProblem} checks
 * the syntax when the config is loaded instead, with the filter expressions parsed by
 * jsonpath-plus's own expression parser, so that a mistake is a config error at its line.
 */
import { z } from 'zod';
import { JSONPath } from 'jsonpath-plus';

/** The result of a query: the values matched, or why the path could not be evaluated. */
export type JsonPathResult = { ok: true; values: unknown[] } | { ok: false; reason: string };

/**
 * Values matched by a JSONPath (an empty list when there is no match). A filter that
 * fails on one value (`@.a.b` where `a` is absent) does not match that value.
 */
export function queryJson(path: string, json: unknown): JsonPathResult {
  try {
    const result: unknown = JSONPath({ path, json: json as object, wrap: true, eval: 'safe', ignoreEvalErrors: true });
    return { ok: true, values: Array.isArray(result) ? result : [] };
  } catch (error) {
    return { ok: false, reason: `JSONPath ${path} could not be evaluated: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * True when a JSONPath names at most one value (no wildcard, recursive descent, filter,
 * union or slice), so that `count` on it means the length of the array it names.
 */
export function isSingularPath(path: string): boolean {
  return JSONPath.toPathArray(path).every((part) => !/^(\*|\.\.|\?\(|.*[,:])/.test(part) && part !== '*');
}

type SafeScriptClass = new (code: string) => { ast: { type: string } };
const SafeScript = (JSONPath.prototype as unknown as { safeVm: { Script: SafeScriptClass } }).safeVm.Script;

const EXAMPLE = 'e.g. $.status, $.items[0].id, $.items[?(@.state == "ok")]';

/** Why a filter's expression does not parse, in words; undefined when it does. */
function expressionProblem(expression: string): string | undefined {
  // The same substitutions jsonpath-plus makes before it evaluates a filter.
  const script = expression
    .replaceAll('@parentProperty', '_$_parentProperty')
    .replaceAll('@parent', '_$_parent')
    .replaceAll('@property', '_$_property')
    .replaceAll('@root', '_$_root')
    .replaceAll('@path', '_$_path')
    .replace(/@([.\s)[]|$)/gu, '_$_v$1');
  if (script.trim() === '') return 'it is empty';
  try {
    const { ast } = new SafeScript(script);
    if (ast.type === 'Compound') return 'it holds several expressions (expected one, joined with && or ||)';
    return undefined;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/ at character \d+$/, '').replaceAll('_$_v', '@');
    const after = /^Expected expression after (.+)$/.exec(message)?.[1];
    if (after !== undefined) return `expected an expression after "${after}"`;
    return message.charAt(0).toLowerCase() + message.slice(1);
  }
}

/** The index after the `)` that closes the `(` at `open`, skipping quoted text; -1 when none does. */
function closingParen(path: string, open: number): number {
  let depth = 0;
  for (let i = open; i < path.length; i++) {
    const char = path[i];
    if (char === "'" || char === '"') {
      const end = path.indexOf(char, i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

const NAME = /^[^.[\]\s'"()?,]+/;
const INDEX = /^-?\d+$/;
const SLICE = /^(-?\d+)?:(-?\d+)?(:(-?\d+)?)?$/;

/** Why the inside of `[…]` is not a selector; undefined when it is one. */
function selectorProblem(inside: string): string | undefined {
  const text = inside.trim();
  if (text === '') return '"[]" is empty (expected an index, a quoted name, *, a slice or a filter ?(…))';
  if (text === '*' || INDEX.test(text) || SLICE.test(text)) return undefined;
  if (/^'[^']*'$|^"[^"]*"$/.test(text)) return undefined;
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > 1 && parts.every((part) => INDEX.test(part) || NAME.test(part))) return undefined;
  if (/^['"]/.test(text)) return `[${inside}] is not one quoted name (expected ['name'], one name per step)`;
  return `[${inside}] is not a selector (expected an index like [0], a quoted name like ['a b'], *, a slice like [0:2] or a filter like [?(@.ok)])`;
}

/**
 * Why `path` is not a JSONPath we can evaluate, in words; undefined when it is one.
 * Checked: it starts at `$`, brackets and quotes close, each step is a name, `*`, an
 * index, a slice, a union or a filter, and each filter's expression parses.
 */
export function jsonPathProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return `it does not start with $ (${EXAMPLE})`;
  for (let i = 1; i < path.length;) {
    const rest = path.slice(i);
    if (rest.startsWith('..')) {
      i += 2;
      const name = NAME.exec(path.slice(i))?.[0];
      if (name) i += name.length;
      else if (path[i] === '*') i++;
      else if (path[i] !== '[') return `".." at character ${i - 1} is not followed by a name, * or [ (${EXAMPLE})`;
      continue;
    }
    if (rest.startsWith('.')) {
      const name = path[i + 1] === '*' ? '*' : NAME.exec(path.slice(i + 1))?.[0];
      if (!name) {
        const next = path[i + 1];
        return next === undefined
          ? `it ends with "." (expected a name after it)`
          : `"." at character ${i + 1} is followed by ${JSON.stringify(next)} (expected a name; write ['${next}…'] for a name with spaces or symbols)`;
      }
      i += 1 + name.length;
      continue;
    }
    if (rest.startsWith('[')) {
      if (rest.startsWith('[?(') || rest.startsWith('[(')) {
        const open = rest.startsWith('[?(') ? i + 2 : i + 1;
        const end = closingParen(path, open);
        if (end === -1) return `the "(" at character ${open + 1} is not closed (expected ")" and then "]")`;
        if (path[end] !== ']') return `the filter at character ${i + 1} is not closed (expected "]" after ")")`;
        if (open === i + 1) return `script steps [(…)] are not supported (expected a filter [?(…)] or a slice like [-1:])`;
        const problem = expressionProblem(path.slice(open + 1, end - 1));
        if (problem) return `the filter ${path.slice(i, end + 1)} does not parse: ${problem}`;
        i = end + 1;
        continue;
      }
      let end = -1;
      for (let k = i + 1; k < path.length; k++) {
        const char = path[k];
        if (char === "'" || char === '"') {
          const close = path.indexOf(char, k + 1);
          if (close === -1) return `the quote at character ${k + 1} is not closed (expected ${char})`;
          k = close;
        } else if (char === ']') {
          end = k;
          break;
        } else if (char === '[') break;
      }
      if (end === -1) return `the "[" at character ${i + 1} is not closed (expected "]")`;
      const problem = selectorProblem(path.slice(i + 1, end));
      if (problem) return problem;
      i = end + 1;
      continue;
    }
    if (rest.startsWith('^') || rest.startsWith('~')) {
      i++;
      continue;
    }
    const char = path[i] ?? '';
    return char === ']'
      ? `the "]" at character ${i + 1} closes no "[" (expected [ before it)`
      : `unexpected ${JSON.stringify(char)} at character ${i + 1} (expected ".", "[" or the end; ${EXAMPLE})`;
  }
  return undefined;
}

/** Issue text of a JSONPath problem; the config error adds where it is. */
function problemMessage(path: string, problem: string): string {
  return `invalid JSONPath ${JSON.stringify(path)}: ${problem}`;
}

/** Adds an issue for a JSONPath that does not parse (one not starting with `$` is left to `missingDollar`). */
function checkPath(path: string, ctx: z.RefinementCtx): void {
  const problem = path.startsWith('$') ? jsonPathProblem(path) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: problemMessage(path, problem) });
}

/**
 * A JSONPath in the config (a key of `expect.json`, a capture, a restore drill's row
 * matcher), checked when the config is loaded. `missingDollar` is the message for a
 * path that does not start with `$`.
 */
export function jsonPathSource(missingDollar: string) {
  return z.string().regex(/^\$/, { error: missingDollar }).superRefine(checkPath);
}

/** Issues of a JSONPath key in a mapping of other keys (a restore drill's `expect:`). */
export function jsonPathKeyIssue(path: string): string | undefined {
  const problem = jsonPathProblem(path);
  return problem ? problemMessage(path, problem) : undefined;
}
