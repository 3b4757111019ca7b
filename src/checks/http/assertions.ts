/**
 * Evaluates a step's `expect:` against a response: status, headers, JSON fields by
 * JSONPath, body text, CSV header row and latency.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { formatDuration, formatSize } from '../../config/units.js';
import type { HttpResponse } from '../../io/http.js';
import { queryJson } from '../../matchers/jsonpath.js';
import { applyMatcher, preview, show, type Assertion } from '../../matchers/matchers.js';
import { isStatusClass, type ExpectConfig } from './schema.js';

/** The status expected when `expect.status` is not given, as `curl -f` would. */
export const DEFAULT_STATUS = '2xx';

/** The response body parsed as JSON once, or why it could not be. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a body as JSON, explaining a cut or malformed body. */
export function parseJsonBody(response: HttpResponse): JsonBody {
  if (response.truncated) {
    return { ok: false, reason: `body cut at ${formatSize(response.body.length)} (the max-body cap), so it cannot be read as JSON` };
  }
  const text = response.body.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // V8's message quotes the body itself after a comma: keep the first clause.
    const message = (error instanceof Error ? error.message : String(error)).split(/, "|\n/)[0];
    return { ok: false, reason: `body is not valid JSON (${message}); it starts: ${preview(text)}` };
  }
}

function statusMatches(status: number, spec: string | number): boolean {
  if (isStatusClass(spec)) return String(status)[0] === String(spec)[0];
  return status === Number(spec);
}

/** Text of an expected status, e.g. `200`, `2xx`, `200 or 409`. */
export function describeStatus(spec: ExpectConfig['status'] | undefined): string {
  const list = spec === undefined ? [DEFAULT_STATUS] : Array.isArray(spec) ? spec : [spec];
  return list.join(' or ');
}

function statusAssertion(response: HttpResponse, spec: ExpectConfig['status']): Assertion {
  const list = spec === undefined ? [DEFAULT_STATUS] : Array.isArray(spec) ? spec : [spec];
  const ok = list.some((one) => statusMatches(response.status, one));
  let measured = String(response.status);
  const location = response.headers.location;
  if (response.status >= 300 && response.status < 400 && location) {
    measured +=
      response.redirects.length > 0
        ? ` (redirect to ${location} not followed: stopped after ${response.redirects.length} redirects, the follow-redirects limit)`
        : ` (redirect to ${location} not followed; set follow-redirects: true)`;
  }
  return { label: 'status', ok, measured, expected: describeStatus(spec) };
}

function bodyAssertions(text: string, spec: NonNullable<ExpectConfig['body']>): Assertion[] {
  const object = typeof spec === 'string' ? { contains: spec } : spec;
  const start = preview(text);
  const out: Assertion[] = [];
  if (object.contains !== undefined) {
    out.push({ label: 'body', ok: text.includes(object.contains), measured: start, expected: `contains ${show(object.contains)}` });
  }
  if (object['not-contains'] !== undefined) {
    out.push({
      label: 'body',
      ok: !text.includes(object['not-contains']),
      measured: start,
      expected: `does not contain ${show(object['not-contains'])}`,
    });
  }
  if (object.matches !== undefined) {
    out.push({ label: 'body', ok: new RegExp(object.matches, 'm').test(text), measured: start, expected: `matches /${object.matches}/` });
  }
  return out;
}

/** A header row as written: cells joined by `,`, a cell with a comma, quote or line break quoted. */
function csvRow(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? show(cell) : cell)).join(',');
}

function csvHeaderAssertion(text: string, expected: readonly string[]): Assertion {
  let header: string[] | undefined;
  let problem: string | undefined;
  try {
    // The first record, which may span lines (a quoted cell with a line break).
    const rows: string[][] = parseCsv(text, { to: 1, relax_column_count: true, bom: true, skip_empty_lines: true });
    header = rows[0]?.map((cell) => cell.trim());
  } catch (error) {
    problem = `not CSV (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  const ok = problem === undefined && header?.length === expected.length && header.every((cell, i) => cell === expected[i]);
  const measured = problem ?? (header ? csvRow(header) : text.trim() === '' ? '(empty body)' : '(no header row)');
  return { label: 'CSV header', ok, measured, expected: csvRow(expected) };
}

/**
 * Every assertion of `expect` against `response`. The status is always asserted
 * (default {@link DEFAULT_STATUS}).
 */
export function evaluateExpect(expect: ExpectConfig | undefined, response: HttpResponse): Assertion[] {
  const spec = expect ?? {};
  const out: Assertion[] = [statusAssertion(response, spec.status)];
  for (const [name, matcher] of Object.entries(spec.headers ?? {})) {
    const value = response.headers[name.toLowerCase()];
    out.push(...applyMatcher(`header ${name}`, value === undefined ? [] : [value], matcher, true));
  }
  if (spec.json) {
    const json = parseJsonBody(response);
    for (const [path, matcher] of Object.entries(spec.json)) {
      const found = json.ok ? queryJson(path, json.value) : { ok: false as const, reason: json.reason };
      if (found.ok) out.push(...applyMatcher(path, found.values, matcher));
      else out.push({ label: path, ok: false, measured: found.reason, expected: json.ok ? 'a JSONPath that evaluates' : 'a JSON body' });
    }
  }
  const text = spec.body !== undefined || spec['csv-header'] ? response.body.toString('utf8') : '';
  // A failing assertion on a cut body says so in its own line: what it looks for may be in the rest.
  const cut = (assertion: Assertion): Assertion =>
    response.truncated && !assertion.ok
      ? {
          ...assertion,
          measured: `${assertion.measured} (body cut at ${formatSize(response.body.length)} by max-body; the rest was not read)`,
        }
      : assertion;
  if (spec.body !== undefined) out.push(...bodyAssertions(text, spec.body).map(cut));
  if (spec['csv-header']) out.push(cut(csvHeaderAssertion(text, spec['csv-header'])));
  if (spec['max-latency'] !== undefined) {
    out.push({
      label: 'latency',
      ok: response.elapsedMs <= spec['max-latency'],
      measured: formatDuration(response.elapsedMs),
      expected: `≤ ${formatDuration(spec['max-latency'])}`,
    });
  }
  return out;
}
