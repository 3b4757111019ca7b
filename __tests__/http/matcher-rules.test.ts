/**
 * Two matcher rules the review found untested (issue #7, item 9), in every kind that
 * reads JSON (HTTP `expect.json`, a command's `expect.json`, the restore drill's rows):
 * - `count` on `$.x[*]` counts the matches, even when a match is itself an array;
 * - `not-contains` (and `contains`) on an array tests its elements, not a substring of
 *   its JSON.
 */
import { describe, expect, it } from '@jest/globals';
import { evaluateExpect } from '../../src/checks/http/assertions.js';
import { Expect } from '../../src/checks/http/schema.js';
import { drillAssertions } from '../../src/checks/backup/drill.js';
import { DrillExpect } from '../../src/checks/backup/schema.js';
import { jsonAssertions } from '../../src/checks/output-expect.js';
import type { Assertion } from '../../src/matchers/matchers.js';
import { SecretRegistry } from '../../src/secrets/registry.js';

const BODY = {
  batches: [[1, 2, 3]],
  pairs: [
    [1, 2],
    [3, 4],
    [5, 6],
  ],
  tags: ['production', 'staging'],
};

/** The same `json:` expectations, read by each kind from the same document. */
const KINDS: [string, (json: Record<string, unknown>) => Assertion[]][] = [
  [
    'http',
    (json) =>
      evaluateExpect(Expect.parse({ json }), {
        status: 200,
        headers: {},
        body: Buffer.from(JSON.stringify(BODY)),
        truncated: false,
        url: 'http://127.0.0.1/x',
        redirects: [],
        elapsedMs: 1,
      }).slice(1),
  ],
  ['command', (json) => jsonAssertions(JSON.stringify(BODY), Expect.parse({ json }).json ?? {}, new SecretRegistry())],
  // The drill's rows are a list: the same document is its one row.
  [
    'restore drill',
    (json) =>
      drillAssertions(
        [BODY],
        DrillExpect.parse(Object.fromEntries(Object.entries(json).map(([path, m]) => [path.replace(/^\$/, '$[0]'), m]))),
      ),
  ],
];

describe.each(KINDS)('%s', (_kind, assert) => {
  const one = (path: string, matcher: unknown): Assertion => {
    const [assertion, ...rest] = assert({ [path]: matcher });
    expect(rest).toEqual([]);
    return assertion!;
  };

  it('count on a wildcard path counts the matches, even when one match is an array', () => {
    expect(one('$.batches[*]', { count: 1 })).toMatchObject({ ok: true, measured: 'count 1' });
    expect(one('$.batches[*]', { count: 3 })).toMatchObject({ ok: false, measured: 'count 1', expected: 'count 3' });
    expect(one('$.pairs[*]', { count: { gte: 3 } })).toMatchObject({ ok: true, measured: 'count 3' });
  });

  it('count on a path naming one array is its length', () => {
    expect(one('$.batches[0]', { count: 3 })).toMatchObject({ ok: true, measured: 'count 3' });
    expect(one('$.tags', { count: 2 })).toMatchObject({ ok: true, measured: 'count 2' });
  });

  it('not-contains on an array tests its elements, not a substring of its JSON', () => {
    expect(one('$.tags', { 'not-contains': 'prod' })).toMatchObject({ ok: true, expected: 'does not contain "prod"' });
    expect(one('$.tags', { 'not-contains': 'staging' })).toMatchObject({ ok: false });
    expect(one('$.tags', { 'not-contains': '"production","staging"' })).toMatchObject({ ok: true });
    expect(one('$.tags', { contains: 'prod' })).toMatchObject({ ok: false });
    expect(one('$.tags', { contains: 'production' })).toMatchObject({ ok: true });
  });
});
