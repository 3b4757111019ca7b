/**
 * Value comparisons shared by JSON fields and headers: equals, not-equals, one-of,
 * matches, contains, type, exists, count and numeric bounds.
 */
import { isDeepStrictEqual } from 'node:util';
import { cut } from '../text.js';
import { isSingularPath } from './jsonpath.js';
import type { MatcherConfig } from './schema.js';

/** One assertion's verdict, with what was measured and what was expected. */
export interface Assertion {
  /** What was checked, e.g. `status` or `$.database.ok`. */
  label: string;
  ok: boolean;
  measured: string;
  expected: string;
}

const SHOW_MAX = 80;

/** Shows a value briefly: strings quoted, long values cut with `…`. */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : ((JSON.stringify(value) as string | undefined) ?? typeof value);
  return cut(text, SHOW_MAX);
}

/**
 * The start of a text (a body, a line of output), shown as it is: its first `max`
 * characters, `…` when there is more, line breaks as `\n`. Not quoted as a JSON string,
 * so a JSON body reads as JSON, not with every quote escaped.
 */
export function preview(text: string, max = 60): string {
  if (text === '') return '(empty)';
  return cut(text, max + 1).replace(/\r?\n/g, '\\n');
}

/** The type name `type:` compares against. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, expected: string): boolean {
  const actual = typeName(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

function asNumber(value: unknown, coerce: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (coerce && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function equal(actual: unknown, expected: unknown, coerce: boolean): boolean {
  if (coerce && typeof actual === 'string' && expected !== null && typeof expected !== 'object') {
    return actual === (typeof expected === 'string' ? expected : JSON.stringify(expected));
  }
  return isDeepStrictEqual(actual, expected);
}

const BOUNDS = [
  ['gt', '>', (a: number, b: number) => a > b],
  ['gte', '≥', (a: number, b: number) => a >= b],
  ['lt', '<', (a: number, b: number) => a < b],
  ['lte', '≤', (a: number, b: number) => a <= b],
] as const;

type Bounds = Partial<Record<'equals' | 'gt' | 'gte' | 'lt' | 'lte', unknown>>;

function checkBounds(label: string, measuredText: string, value: number | undefined, bounds: Bounds): Assertion[] {
  const out: Assertion[] = [];
  for (const [key, symbol, test] of BOUNDS) {
    const bound = bounds[key];
    if (typeof bound !== 'number') continue;
    out.push({ label, ok: value !== undefined && test(value, bound), measured: measuredText, expected: `${symbol} ${bound}` });
  }
  return out;
}

/**
 * Applies a matcher to the values found at `label` (JSONPath matches, or a header).
 * Every comparison other than `exists` and `count` must hold for every value found, and
 * fails with "not found" when there is none.
 *
 * @param label what was read: a JSONPath (`$.items[*]`), or a name such as `header X`.
 * @param coerce compare as text where the source is text (headers): `200` equals `"200"`.
 * @param singular the values come from a path naming one value (`$.items`, not
 *   `$.items[*]`): then `count` is the length of that value when it is an array. Default:
 *   whether `label` is a singular JSONPath; a label that is not a JSONPath names one value.
 */
export function applyMatcher(
  label: string,
  values: readonly unknown[],
  matcher: MatcherConfig,
  coerce = false,
  singular = !label.startsWith('$') || isSingularPath(label),
): Assertion[] {
  const spec = matcher !== null && typeof matcher === 'object' ? matcher : { equals: matcher };
  const out: Assertion[] = [];
  const found = values.length > 0;

  if (spec.exists !== undefined) {
    out.push({
      label,
      ok: found === spec.exists,
      measured: found ? `present (${show(values[0])})` : 'absent',
      expected: spec.exists ? 'present' : 'absent',
    });
  }
  if (spec.count !== undefined) {
    const only = values[0];
    const count = singular && values.length === 1 && Array.isArray(only) ? only.length : values.length;
    const bounds: Bounds = typeof spec.count === 'number' ? { equals: spec.count } : spec.count;
    const measured = `count ${count}`;
    if (typeof bounds.equals === 'number') {
      out.push({ label, ok: count === bounds.equals, measured, expected: `count ${bounds.equals}` });
    }
    out.push(...checkBounds(label, measured, count, bounds).map((a) => ({ ...a, expected: `count ${a.expected}` })));
  }

  const valueChecks: [string, (value: unknown) => boolean][] = [];
  if ('equals' in spec && spec.equals !== undefined) valueChecks.push([`== ${show(spec.equals)}`, (v) => equal(v, spec.equals, coerce)]);
  if (spec['not-equals'] !== undefined) valueChecks.push([`!= ${show(spec['not-equals'])}`, (v) => !equal(v, spec['not-equals'], coerce)]);
  if (spec['one-of'] !== undefined) {
    const options = spec['one-of'];
    valueChecks.push([`one of ${show(options)}`, (v) => options.some((option) => equal(v, option, coerce))]);
  }
  if (spec.matches !== undefined) {
    const pattern = new RegExp(spec.matches);
    valueChecks.push([`matches /${spec.matches}/`, (v) => pattern.test(asText(v))]);
  }
  if (spec.contains !== undefined) {
    const needle = spec.contains;
    valueChecks.push([`contains ${show(needle)}`, (v) => (Array.isArray(v) ? v.includes(needle) : asText(v).includes(needle))]);
  }
  if (spec['not-contains'] !== undefined) {
    const needle = spec['not-contains'];
    valueChecks.push([`does not contain ${show(needle)}`, (v) => !(Array.isArray(v) ? v.includes(needle) : asText(v).includes(needle))]);
  }
  if (spec.type !== undefined) {
    const type = spec.type;
    valueChecks.push([`is ${type}`, (v) => typeMatches(v, type)]);
  }

  for (const [expected, test] of valueChecks) {
    const badIndex = values.findIndex((value) => !test(value));
    const ok = found && badIndex === -1;
    // The failing value is shown (it may be null); the first value when all hold.
    const shown = found ? values[badIndex === -1 ? 0 : badIndex] : undefined;
    const measured = !found ? 'not found' : expected.startsWith('is ') ? `is ${typeName(shown)}` : show(shown);
    out.push({ label, ok, measured, expected });
  }

  const numeric: Bounds = { gt: spec.gt, gte: spec.gte, lt: spec.lt, lte: spec.lte };
  if (Object.values(numeric).some((bound) => bound !== undefined)) {
    if (!found) {
      for (const assertion of checkBounds(label, 'not found', undefined, numeric)) out.push(assertion);
    } else {
      for (const value of values) {
        const number = asNumber(value, coerce);
        const measured = number === undefined ? `${show(value)} (not a number)` : String(number);
        out.push(...checkBounds(label, measured, number, numeric));
      }
    }
  }
  return out;
}
