/**
 * `{{name}}` in a step's `expect:`: a value captured by an earlier step of the flow is
 * compared as the value it was (runbook 000 reads a URL from one response and expects it
 * in the next). A reference that is the whole value keeps the captured type (a number
 * stays a number); inside `matches:` the captured text is matched literally.
 */
import { captureReferences, fillCaptures } from './request.js';
import type { ExpectConfig } from './schema.js';

/** Captured values with their JSON types, beside the text `captures` map a flow keeps. */
const typedValues = new WeakMap<ReadonlyMap<string, string>, Map<string, unknown>>();

/** Records a captured value with its type, for whole-value references in `expect:`. */
export function rememberTyped(captures: ReadonlyMap<string, string>, name: string, value: unknown): void {
  let typed = typedValues.get(captures);
  if (!typed) typedValues.set(captures, (typed = new Map<string, unknown>()));
  typed.set(name, value);
}

const WHOLE = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function fill(value: unknown, key: string | undefined, captures: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    if (captureReferences(value).length === 0) return value;
    const whole = WHOLE.exec(value)?.[1];
    const typed = whole === undefined ? undefined : typedValues.get(captures)?.get(whole);
    if (typed !== undefined && key !== 'matches') return typed;
    if (key !== 'matches') return fillCaptures(value, captures);
    return value.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (match, name: string) => {
      const text = captures.get(name);
      return text === undefined ? match : escapeRegex(text);
    });
  }
  if (Array.isArray(value)) return value.map((item: unknown) => fill(item, key, captures));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, fill(item, name, captures)]));
  }
  return value;
}

/** `expect:` with every `{{name}}` in its values filled from `captures`. */
export function fillExpect(expect: ExpectConfig | undefined, captures: ReadonlyMap<string, string>): ExpectConfig | undefined {
  if (!expect || captures.size === 0) return expect;
  return {
    ...expect,
    ...(fill(
      { headers: expect.headers, json: expect.json, body: expect.body, 'csv-header': expect['csv-header'] },
      undefined,
      captures,
    ) as object),
  };
}
