/**
 * What `expect:` means: `applyMatcher` (JSON fields and headers) and `evaluateExpect`
 * (status, headers, JSONPath, body, CSV header, latency) on hand-built responses. The
 * measured and expected texts are what a reviewer reads, so they are asserted too.
 */
import { describe, expect, it } from '@jest/globals';
import { evaluateExpect } from '../../src/checks/http/assertions.js';
import { applyMatcher, type Assertion } from '../../src/matchers/matchers.js';
import { Expect } from '../../src/checks/http/schema.js';
import type { HttpResponse } from '../../src/io/http.js';

function response(init: Partial<Omit<HttpResponse, 'body'>> & { body?: string | object } = {}): HttpResponse {
  const { body = '', ...rest } = init;
  return {
    status: 200,
    headers: {},
    truncated: false,
    url: 'http://127.0.0.1/x',
    redirects: [],
    elapsedMs: 12,
    ...rest,
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

/** `expect:` as the config would give it (parsed by the real schema: durations, numbers). */
function check(expectConfig: unknown, res: HttpResponse): Assertion[] {
  return evaluateExpect(expectConfig === undefined ? undefined : Expect.parse(expectConfig), res);
}

const failing = (assertions: Assertion[]) => assertions.filter((a) => !a.ok);
const oks = (assertions: Assertion[]) => assertions.map((a) => a.ok);

describe('status', () => {
  it('defaults to 2xx, as curl -f would', () => {
    expect(check({}, response({ status: 204 }))).toEqual([{ label: 'status', ok: true, measured: '204', expected: '2xx' }]);
    expect(check(undefined, response({ status: 500 }))).toEqual([{ label: 'status', ok: false, measured: '500', expected: '2xx' }]);
  });

  it('a value, a list, a class', () => {
    expect(oks(check({ status: 200 }, response({ status: 201 })))).toEqual([false]);
    expect(check({ status: [200, 202] }, response({ status: 202 }))[0]).toMatchObject({ ok: true, expected: '200 or 202' });
    expect(check({ status: '4xx' }, response({ status: 404 }))[0]).toMatchObject({ ok: true, expected: '4xx' });
    expect(check({ status: '4xx' }, response({ status: 500 }))[0]).toMatchObject({ ok: false, measured: '500' });
    expect(check({ status: '201' }, response({ status: 201 }))[0]!.ok).toBe(true);
  });

  it('expected 423 and 409 pass when configured, and only then', () => {
    expect(check({ status: 423 }, response({ status: 423 }))[0]!.ok).toBe(true);
    expect(check({ status: [200, 409] }, response({ status: 409 }))[0]!.ok).toBe(true);
    expect(check({}, response({ status: 409 }))[0]!.ok).toBe(false);
  });

  it('an unfollowed redirect says where it went', () => {
    const [status] = check({ status: 200 }, response({ status: 301, headers: { location: 'https://elsewhere/x' } }));
    expect(status!.measured).toBe('301 (redirect to https://elsewhere/x not followed; set follow-redirects: true)');
  });
});

describe('headers', () => {
  const res = response({ headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': '10' } });

  it('names are case-insensitive', () => {
    expect(check({ headers: { 'Content-Type': { contains: 'text/csv' } } }, res)).toContainEqual({
      label: 'header Content-Type',
      ok: true,
      measured: '"text/csv; charset=utf-8"',
      expected: 'contains "text/csv"',
    });
  });

  it('values compare as text, so 10 equals "10"', () => {
    expect(oks(check({ headers: { 'CONTENT-LENGTH': 10 } }, res))).toEqual([true, true]);
  });

  it('a missing header is "not found"', () => {
    expect(failing(check({ headers: { 'x-request-id': { matches: '^[a-f0-9]+$' } } }, res))).toEqual([
      { label: 'header x-request-id', ok: false, measured: 'not found', expected: 'matches /^[a-f0-9]+$/' },
    ]);
  });
});

describe('applyMatcher on JSONPath values', () => {
  it('equals (a bare scalar) and not-equals', () => {
    expect(applyMatcher('$.status', ['ok'], 'ok')).toEqual([{ label: '$.status', ok: true, measured: '"ok"', expected: '== "ok"' }]);
    expect(applyMatcher('$.status', ['degraded'], 'ok')[0]).toMatchObject({ ok: false, measured: '"degraded"' });
    expect(applyMatcher('$.ok', [true], true)[0]!.ok).toBe(true);
    expect(applyMatcher('$.ok', ['true'], true)[0]!.ok).toBe(false); // JSON is not coerced
    expect(applyMatcher('$.env', ['prod'], { 'not-equals': 'dev' })[0]).toMatchObject({ ok: true, expected: '!= "dev"' });
    expect(applyMatcher('$.env', ['dev'], { 'not-equals': 'dev' })[0]!.ok).toBe(false);
  });

  it('equals compares objects deeply', () => {
    expect(applyMatcher('$.db', [{ ok: true, n: 1 }], { equals: { ok: true, n: 1 } })[0]!.ok).toBe(true);
    expect(applyMatcher('$.db', [{ ok: true, n: 2 }], { equals: { ok: true, n: 1 } })[0]!.ok).toBe(false);
  });

  it('one-of, matches, contains', () => {
    expect(applyMatcher('$.s', ['b'], { 'one-of': ['a', 'b'] })[0]).toMatchObject({ ok: true, expected: 'one of ["a","b"]' });
    expect(applyMatcher('$.s', ['c'], { 'one-of': ['a', 'b'] })[0]!.ok).toBe(false);
    expect(applyMatcher('$.id', ['9f1c'], { matches: '^[0-9a-f]+$' })[0]!.ok).toBe(true);
    expect(applyMatcher('$.id', ['XYZ'], { matches: '^[0-9a-f]+$' })[0]).toMatchObject({ ok: false, measured: '"XYZ"' });
    expect(applyMatcher('$.tags', [['a', 'b']], { contains: 'b' })[0]!.ok).toBe(true);
    expect(applyMatcher('$.tags', [['abc']], { contains: 'b' })[0]!.ok).toBe(false); // an element, not a substring
    expect(applyMatcher('$.msg', ['all good'], { contains: 'good' })[0]!.ok).toBe(true);
  });

  it('type tells integer from number', () => {
    expect(applyMatcher('$.n', [3], { type: 'integer' })[0]!.ok).toBe(true);
    expect(applyMatcher('$.n', [3], { type: 'number' })[0]!.ok).toBe(true);
    expect(applyMatcher('$.n', [1.5], { type: 'integer' })[0]).toEqual({
      label: '$.n',
      ok: false,
      measured: 'is number',
      expected: 'is integer',
    });
    expect(applyMatcher('$.n', ['3'], { type: 'number' })[0]).toMatchObject({ ok: false, measured: 'is string' });
    expect(applyMatcher('$', [[]], { type: 'array' })[0]!.ok).toBe(true);
    expect(applyMatcher('$.x', [null], { type: 'null' })[0]!.ok).toBe(true);
  });

  it('every match must hold, and the failing one is shown, even null', () => {
    const [assertion] = applyMatcher('$.items[*].name', ['a', null, 'c'], { type: 'string' });
    expect(assertion).toEqual({ label: '$.items[*].name', ok: false, measured: 'is null', expected: 'is string' });
    expect(applyMatcher('$.items[*].n', [1, null], { equals: 1 })[0]!.measured).toBe('null');
  });

  it('exists', () => {
    expect(applyMatcher('$.a', [1], { exists: true })[0]).toEqual({ label: '$.a', ok: true, measured: 'present (1)', expected: 'present' });
    expect(applyMatcher('$.a', [], { exists: true })[0]).toMatchObject({ ok: false, measured: 'absent' });
    expect(applyMatcher('$.a', [], { exists: false })[0]!.ok).toBe(true);
    expect(applyMatcher('$.a', [null], { exists: true })[0]!.ok).toBe(true);
  });

  it('count is the length of one matched array, or the number of matches', () => {
    expect(applyMatcher('$.items', [[1, 2, 3]], { count: 3 })).toEqual([
      { label: '$.items', ok: true, measured: 'count 3', expected: 'count 3' },
    ]);
    expect(applyMatcher('$.items[*]', [1, 2], { count: 2 })[0]!.ok).toBe(true);
    expect(applyMatcher('$.missing', [], { count: 0 })[0]!.ok).toBe(true);
    expect(applyMatcher('$.items', [[1]], { count: { gte: 2 } })).toEqual([
      { label: '$.items', ok: false, measured: 'count 1', expected: 'count ≥ 2' },
    ]);
    expect(oks(applyMatcher('$.items', [[1, 2, 3]], { count: { gt: 1, lt: 5 } }))).toEqual([true, true]);
  });

  it('gt, gte, lt, lte', () => {
    expect(applyMatcher('$.t', [10], { gt: 0 })[0]).toEqual({ label: '$.t', ok: true, measured: '10', expected: '> 0' });
    expect(applyMatcher('$.t', [0], { gt: 0 })[0]!.ok).toBe(false);
    expect(applyMatcher('$.t', [0], { gte: 0 })[0]!.ok).toBe(true);
    expect(applyMatcher('$.t', [5], { lt: 5 })[0]!.ok).toBe(false);
    expect(applyMatcher('$.t', [5], { lte: 5 })[0]).toMatchObject({ ok: true, expected: '≤ 5' });
    expect(applyMatcher('$.t', ['7'], { gt: 1 })[0]).toMatchObject({ ok: false, measured: '"7" (not a number)' });
    expect(applyMatcher('h', ['7'], { gt: 1 }, true)[0]!.ok).toBe(true); // header text is a number
  });

  it('a missing path is "not found" for every value comparison', () => {
    const all = applyMatcher('$.gone', [], { equals: 1, 'not-equals': 2, type: 'integer', matches: 'x', gt: 0 });
    expect(all).toHaveLength(5);
    expect(all.every((a) => !a.ok && a.measured === 'not found')).toBe(true);
  });
});

describe('JSON, body, CSV and latency through evaluateExpect', () => {
  const body = { status: 'ok', database: { ok: true, migrations_current: false }, items: [{ id: 1 }, { id: 2 }] };

  it('JSONPath expectations read the body', () => {
    const result = check(
      { json: { '$.status': 'ok', '$.database.migrations_current': true, '$.items[*].id': { count: 2 } } },
      response({ body }),
    );
    expect(failing(result)).toEqual([{ label: '$.database.migrations_current', ok: false, measured: 'false', expected: '== true' }]);
  });

  it('a JSONPath with no match is "not found"', () => {
    expect(failing(check({ json: { '$.database.version': { exists: true }, '$.jobs.ok': true } }, response({ body })))).toEqual([
      { label: '$.database.version', ok: false, measured: 'absent', expected: 'present' },
      { label: '$.jobs.ok', ok: false, measured: 'not found', expected: '== true' },
    ]);
  });

  it('a body that is not JSON fails every JSON expectation with the reason', () => {
    const [, field] = check({ json: { '$.status': 'ok' } }, response({ body: '<html>502 Bad Gateway</html>' }));
    expect(field).toMatchObject({ ok: false, expected: 'a JSON body' });
    expect(field!.measured).toMatch(/^body is not valid JSON \(.*\); it starts: <html>502 Bad Gateway<\/html>$/);
  });

  it('a cut body is not parsed as JSON', () => {
    const [, field] = check({ json: { '$.status': 'ok' } }, response({ body: '{"status":"ok"}', truncated: true }));
    expect(field!.measured).toBe('body cut at 15 B (the max-body cap), so it cannot be read as JSON');
  });

  it('body contains, not-contains and matches', () => {
    const res = response({ body: 'line one\nversion: 1.4.2\n' });
    expect(check({ body: 'version' }, res)[1]).toMatchObject({ ok: true, expected: 'contains "version"' });
    expect(oks(check({ body: { 'not-contains': 'ERROR', matches: '^version: \\d+\\.\\d+\\.\\d+$' } }, res))).toEqual([true, true, true]);
    expect(check({ body: { matches: '^2\\.' } }, res)[1]).toEqual({
      label: 'body',
      ok: false,
      measured: 'line one\\nversion: 1.4.2\\n',
      expected: 'matches /^2\\./',
    });
  });

  const csv = (text: string) => check({ 'csv-header': ['metric', 'from', 'to', 'value'] }, response({ body: text }))[1]!;

  it('csv-header reads the first row, with quotes and a BOM', () => {
    expect(csv('metric,from,to,value\nx,1,2,3\n')).toEqual({
      label: 'CSV header',
      ok: true,
      measured: 'metric,from,to,value',
      expected: 'metric,from,to,value',
    });
    expect(csv('"metric","from","to","value"\r\n"x","1","2","3"\r\n').ok).toBe(true);
    expect(csv('\uFEFFmetric,from,to,value\n').ok).toBe(true);
  });

  it('csv-header fails on a wrong or empty header', () => {
    expect(csv('metric,from,value\n')).toMatchObject({ ok: false, measured: 'metric,from,value' });
    expect(csv('metric,to,from,value\n').ok).toBe(false);
    expect(csv('')).toMatchObject({ ok: false, measured: '(empty body)' });
  });

  it('max-latency', () => {
    expect(check({ 'max-latency': '500ms' }, response({ elapsedMs: 120 }))[1]).toEqual({
      label: 'latency',
      ok: true,
      measured: '120ms',
      expected: '≤ 500ms',
    });
    expect(check({ 'max-latency': '500ms' }, response({ elapsedMs: 1500 }))[1]).toMatchObject({ ok: false, measured: '1.5s' });
  });
});
