/**
 * Turns zod issues into config problems people can act on: a position, what is wrong,
 * what was expected, and a "did you mean" for a misspelt key.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { ConfigProblem } from '../errors.js';
import { cut, joinList } from '../text.js';
import { formatPath, type ConfigPath, type ConfigSource } from './source.js';

type Issue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };
type AnySchema = z.core.$ZodType;

/** A described issue: a final message, its path, and the key it is about (if any). */
export interface DescribedIssue {
  path: (string | number)[];
  message: string;
  /** Set when the problem is an unknown key: its position is the key's, not the value's. */
  key?: string;
}

/** The keys an object schema accepts at `path`, or [] when it is not an object. */
export function keysAt(schema: AnySchema, path: ConfigPath): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return keysAt(def.innerType as AnySchema, path);
    case 'pipe':
      return keysAt(def.in as AnySchema, path);
    case 'lazy':
      return keysAt((def.getter as () => AnySchema)(), path);
    case 'union':
      return [...new Set((def.options as AnySchema[]).flatMap((option) => keysAt(option, path)))];
    case 'array':
      return path.length === 0 ? [] : keysAt(def.element as AnySchema, path.slice(1));
    case 'record':
      return path.length === 0 ? [] : keysAt(def.valueType as AnySchema, path.slice(1));
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      if (path.length === 0) return Object.keys(shape);
      const next = shape[String(path[0])];
      return next ? keysAt(next, path.slice(1)) : [];
    }
    default:
      return [];
  }
}

/** `did you mean "retry"?` when `key` is close to one of `known`. */
export function suggestion(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(key, [...known]);
  return distance(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function typeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(cut(value, 41))}`;
  if (typeof value === 'number') return `number ${String(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Like {@link typeOf}, naming a mapping's keys: what a union was actually given. */
function inputOf(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return typeOf(value);
  const keys = Object.keys(value);
  return keys.length === 0 ? 'an empty mapping' : `a mapping with keys: ${keys.join(', ')}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  array: 'a list',
  set: 'a list',
  tuple: 'a list',
  string: 'a string',
  number: 'a number',
  nan: 'a number',
  bigint: 'a whole number',
  boolean: 'true or false',
  int: 'a whole number',
  null: 'null',
  undefined: 'nothing',
  date: 'a date',
};

/** What a schema expects, in words: a custom message of the schema, else its type's name. */
function expectedOf(issue: Issue & { expected: string }): string {
  if (!isDefaultMessage(issue.message)) return issue.message.replace(/^expected /, '');
  return EXPECTED_NAMES[issue.expected] ?? 'a value of another kind';
}

/** True for zod's own wording (`Invalid input: expected string, received number`), never shown. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)\b/.test(message);
}

/** True when an alternative of a union failed only because the value has another type. */
function isTypeMismatch(issues: readonly Issue[]): boolean {
  return (
    issues.length > 0 &&
    issues.every(
      (issue) =>
        issue.path.length === 0 &&
        (issue.code === 'invalid_type' || (issue.code === 'invalid_union' && (issue.errors as Issue[][]).every(isTypeMismatch))),
    )
  );
}

/** The types a union accepts, from its alternatives' type mismatches: `a string or a mapping`. */
function expectedTypes(alternatives: readonly (readonly Issue[])[]): string[] {
  const names = alternatives.flatMap((issues) =>
    issues.flatMap((issue) =>
      issue.code === 'invalid_type'
        ? [EXPECTED_NAMES[issue.expected] ?? 'a value of another kind']
        : issue.code === 'invalid_union'
          ? expectedTypes(issue.errors as Issue[][])
          : [],
    ),
  );
  return [...new Set(names)];
}

/** `at least 1`, `more than 0`, `at most 256`: the bound of a too_small / too_big issue. */
function bound(issue: SizeIssue, more = 'more than', less = 'less than'): string {
  const small = issue.code === 'too_small';
  const limit = String(small ? issue.minimum : issue.maximum);
  if (issue.inclusive === false) return `${small ? more : less} ${limit}`;
  return `${small ? 'at least' : 'at most'} ${limit}`;
}

type SizeIssue = Issue & { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean };

/** Describes a too_small / too_big issue by what was measured. */
function sizeMessage(issue: SizeIssue): string {
  const input = issue.input;
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `expected ${bound(issue)} ${limit === 1 && issue.inclusive !== false ? 'item' : 'items'}, got ${Array.isArray(input) ? input.length : typeOf(input)}`;
    case 'string':
      return issue.code === 'too_small' && issue.minimum === 1
        ? 'expected a non-empty string'
        : `expected ${bound(issue)} characters, got ${typeof input === 'string' ? input.length : typeOf(input)}`;
    default: {
      const text = bound(issue, 'greater than', 'less than');
      return `expected a number ${text.startsWith('at') ? `of ${text}` : text}, got ${typeOf(input)}`;
    }
  }
}

/** Describes one zod issue against `schema` (used to list the keys an object accepts). */
export function describeIssue(issue: Issue, schema: AnySchema): DescribedIssue[] {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(schema, path);
      return issue.keys.map((key) => {
        const near = suggestion(key, known);
        const hint = near ? `did you mean "${near}"?` : `expected one of: ${known.join(', ')}`;
        return { path, key, message: `unknown key "${key}" (${hint})` };
      });
    }
    case 'invalid_type': {
      const expected = expectedOf(issue);
      if (issue.input === undefined && path.length > 0) {
        const key = String(path[path.length - 1]);
        return [{ path: path.slice(0, -1), message: `missing required key "${key}" (expected ${expected})` }];
      }
      return [{ path, message: `expected ${expected}, got ${typeOf(issue.input)}` }];
    }
    case 'invalid_value': {
      const expected =
        issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      if (issue.input === undefined && path.length > 0) {
        const key = String(path[path.length - 1]);
        const wanted = issue.values.length === 1 ? `${key}: ${expected}` : expected;
        return [{ path: path.slice(0, -1), message: `missing required key "${key}" (expected ${wanted})` }];
      }
      return [{ path, message: `expected ${expected}, got ${typeOf(issue.input)}` }];
    }
    case 'too_small':
    case 'too_big':
      return [{ path, message: sizeMessage(issue) }];
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      // A message written for the key (an invalid JSONPath) names it already.
      const own = (issue.issues as Issue[]).filter((sub) => sub.code === 'custom');
      if (own.length > 0) return own.map((sub) => ({ path: path.slice(0, -1), key, message: sub.message }));
      const inner = (issue.issues as Issue[]).map((sub) =>
        isDefaultMessage(sub.message) ? describeIssue({ ...sub, path: [] }, schema)[0]?.message : sub.message,
      );
      return [{ path: path.slice(0, -1), key, message: `invalid key "${key}" (${inner.join('; ')})` }];
    }
    case 'custom':
      return [
        {
          path,
          message: issue.message,
          ...(typeof issue.params?.key === 'string' ? { key: issue.params.key } : {}),
        },
      ];
    case 'invalid_union': {
      // Describe the one alternative the value was meant to be, when there is one: an
      // alternative that failed only on the value's type was not meant, nor (when another
      // alternative fits the keys) one that rejects a key of the value.
      const custom = !isDefaultMessage(issue.message);
      const alternatives = (issue.errors as Issue[][]).filter((issues) => !isTypeMismatch(issues));
      const fitting = alternatives.filter((issues) => !issues.some((sub) => sub.path.length === 0 && sub.code === 'unrecognized_keys'));
      const candidates = fitting.length > 0 ? fitting : alternatives;
      const best = candidates.length === 1 ? candidates[0] : undefined;
      // A message written for the union says more than a root issue of one alternative.
      const wholeValue = best?.every((sub) => sub.path.length === 0 && sub.code !== 'unrecognized_keys') ?? true;
      if (best && !(custom && wholeValue)) {
        return best.flatMap((sub) => describeIssue({ ...sub, path: [...path, ...sub.path] }, schema));
      }
      if (custom) return [{ path, message: `${issue.message}, got ${inputOf(issue.input)}` }];
      const expected = expectedTypes(issue.errors as Issue[][]);
      return [
        {
          path,
          message: expected.length
            ? `expected ${joinList(expected, 'or')}, got ${typeOf(issue.input)}`
            : `unexpected value ${typeOf(issue.input)}`,
        },
      ];
    }
    case 'invalid_format':
      return [
        {
          path,
          message: isDefaultMessage(issue.message)
            ? `unexpected ${typeOf(issue.input)} (expected text of the form this field takes; see release-gates schema)`
            : `${issue.message}, got ${typeOf(issue.input)}`,
        },
      ];
    case 'not_multiple_of':
      return [{ path, message: `expected a multiple of ${String(issue.divisor)}, got ${typeOf(issue.input)}` }];
    case 'invalid_element':
      return (issue.issues as Issue[]).flatMap((sub) => describeIssue({ ...sub, path: [...path, ...sub.path] }, schema));
    default: {
      // Every code of zod 4 is handled above; a future one still gets our words.
      const other = issue as Issue;
      return [{ path, message: isDefaultMessage(other.message) ? `unexpected ${typeOf(other.input)}` : other.message }];
    }
  }
}

/** Positions and path labels for described issues. */
export function toProblems(described: readonly DescribedIssue[], source: ConfigSource, prefix: ConfigPath = []): ConfigProblem[] {
  return described.map((issue) => {
    const path = [...prefix, ...issue.path];
    const location = issue.key === undefined ? source.locate(path) : source.locateKey(path, issue.key);
    const label = issue.key === undefined ? formatPath(path) : formatPath([...path, issue.key]);
    return { location, message: `${label}: ${issue.message}` };
  });
}

/** Sorts problems by line and column, so they read top to bottom. */
export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}
