/**
 * `${{ }}` expressions, evaluated with GitHub's own evaluator (`@actions/expressions`),
 * as the runner evaluates them in a composite action's `env:`, `with:`, `if:` and
 * `outputs:`. Status functions (`success()`, `always()`, …) exist only in `if:`, as on
 * GitHub; anywhere else they are a parse error.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';

/** Plain JSON values of the contexts (`github`, `inputs`, `steps`, …) by name. */
export type Contexts = Record<string, unknown>;

/** What the status functions of an `if:` answer. */
export interface JobStatus {
  /** A previous step failed (without `continue-on-error`). */
  failed: boolean;
  cancelled: boolean;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'] as const;

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function falsy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return true;
    case data.Kind.Boolean:
      return !value.value;
    case data.Kind.Number:
      return value.value === 0 || Number.isNaN(value.value);
    case data.Kind.String:
      return value.value === '';
    default:
      return false;
  }
}

function statusFunctions(
  status: JobStatus,
): Map<string, { name: string; minArgs: number; maxArgs: number; call: () => data.ExpressionData }> {
  const answers: Record<(typeof STATUS_FUNCTIONS)[number], boolean> = {
    success: !status.failed && !status.cancelled,
    failure: status.failed,
    always: true,
    cancelled: status.cancelled,
  };
  return new Map(STATUS_FUNCTIONS.map((name) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answers[name]) }]));
}

/**
 * Evaluates one expression (without `${{ }}`).
 * @throws Error naming the expression when it does not parse or evaluate.
 */
export function evaluate(expression: string, contexts: Contexts, status?: JobStatus): data.ExpressionData {
  try {
    const { tokens } = new Lexer(expression).lex();
    const functions = status ? statusFunctions(status) : undefined;
    const expr = new Parser(tokens, Object.keys(contexts), functions ? [...functions.values()] : []).parse();
    const dictionary = new data.Dictionary(...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })));
    return new Evaluator(expr, dictionary, functions).evaluate();
  } catch (error) {
    throw new Error(`cannot evaluate \${{ ${expression} }}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A string value as the runner gives it to `env:` and `with:`: scalars only. */
function asString(value: data.ExpressionData, expression: string): string {
  if (value.kind === data.Kind.Dictionary || value.kind === data.Kind.Array) {
    throw new Error(`\${{ ${expression} }} is ${value.kind === data.Kind.Array ? 'an array' : 'a mapping'}, where a string was expected`);
  }
  return value.coerceString();
}

/** Index just past the `}}` closing an expression that starts at `from`, skipping quoted strings. */
function closingIndex(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/**
 * Replaces every `${{ expr }}` of a template with its value as a string. YAML scalars
 * that are not strings (`true`, `3`) become their text, as on GitHub.
 */
export function interpolate(template: unknown, contexts: Contexts): string {
  if (template === null || template === undefined) return '';
  if (typeof template !== 'string') {
    if (typeof template === 'number' || typeof template === 'boolean') return String(template);
    throw new Error(`expected a string, got ${JSON.stringify(template)}`);
  }
  let out = '';
  let at = 0;
  for (;;) {
    const open = template.indexOf('${{', at);
    if (open < 0) return out + template.slice(at);
    const close = closingIndex(template, open + 3);
    if (close < 0) throw new Error(`unclosed \${{ in ${JSON.stringify(template)}`);
    const expression = template.slice(open + 3, close).trim();
    out += template.slice(at, open) + asString(evaluate(expression, contexts), expression);
    at = close + 2;
  }
}

/**
 * Evaluates an `if:` condition as the runner does: `${{ }}` optional, and an implicit
 * `success() && (…)` unless the condition calls a status function. No condition means
 * `success()`.
 */
export function condition(value: unknown, contexts: Contexts, status: JobStatus): boolean {
  if (value === undefined || value === null || value === '') return !status.failed && !status.cancelled;
  if (typeof value === 'boolean') return value && !status.failed && !status.cancelled;
  if (typeof value !== 'string') throw new Error(`if: must be a string or a boolean, got ${JSON.stringify(value)}`);
  let expression = value.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(expression);
  if (wrapped?.[1] !== undefined && !wrapped[1].includes('${{')) expression = wrapped[1].trim();
  else if (expression.includes('${{')) expression = `'${interpolate(expression, contexts).replace(/'/g, "''")}'`;
  const callsStatus = new RegExp(`\\b(${STATUS_FUNCTIONS.join('|')})\\s*\\(`, 'i').test(expression);
  if (!callsStatus) expression = `success() && (${expression})`;
  return !falsy(evaluate(expression, contexts, status));
}
