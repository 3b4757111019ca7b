/**
 * The query form of the `sql` kind against a real PostgreSQL server, through the real
 * config path: runbook 000's counts, the shared matchers, bind parameters, the read-only
 * transaction, the statement timeout and the server's errors.
 */
import { describe, expect, it } from '@jest/globals';
import { useSqlServer } from './sql-postgres.js';

const { pg, preflight } = useSqlServer();

describe('runbook 000: counts after the reset', () => {
  it('fails with the count measured against the count expected', async () => {
    const { check } = await preflight(`    - name: candidates emptied by migration 015
      sql: SELECT count(*) FROM candidates
      expect: { value: 0 }
`);
    const result = check();
    expect(result).toMatchObject({
      kind: 'sql',
      status: 'failed',
      summary: 'count: measured 3, expected == 0',
      measured: 'count = 3',
      expected: 'count == 0',
    });
    expect(result.details).toEqual([
      `on 127.0.0.1:${pg().port}/app: read-only transaction, rolled back, statement_timeout 10s`,
      '  | SELECT count(*) FROM candidates',
      expect.stringMatching(/^→ 1 row in \d+ms \(round trip\)$/),
      '  | count=3',
      '✗ count: measured 3, expected == 0',
    ]);
    expect(result.data).toMatchObject({
      target: `127.0.0.1:${pg().port}/app`,
      from: 'DATABASE_URL',
      transaction: 'read-only transaction, rolled back',
      statementTimeoutMs: 10_000,
      query: 'SELECT count(*) FROM candidates',
      columns: ['count'],
      rowCount: 1,
      rows: [{ count: 3 }],
    });
  });

  it('passes on an empty table', async () => {
    const result = (
      await preflight(`    - name: assessments emptied by migration 015
      sql: SELECT count(*) FROM assessments
      expect: { value: 0 }
`)
    ).check();
    expect(result).toMatchObject({ status: 'passed', measured: 'count = 0', expected: 'count == 0' });
    expect(result.summary).toBe('SELECT count(*) FROM assessments → 1 row: count = 0');
  });
});

describe('expectations with the shared matchers', () => {
  it('rows, value and JSONPath over the rows, each reported', async () => {
    const { check } = await preflight(`    - name: aliases
      sql: SELECT id, alias FROM employer_aliases WHERE employer_id = 7 ORDER BY id
      expect:
        rows: { gte: 5, lt: 20 }
        value: { type: integer, gt: 0 }
        json:
          $[0].alias: { matches: "^Alias \\\\d+$" }
          $[*].id: { type: integer }
          $: { count: 10 }
`);
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.measured).toBe('rows = 10, id = 7, $[0].alias = "Alias 7" (+2 more)');
    expect(result.details).toEqual(
      expect.arrayContaining([
        '✓ rows: 10 (expected ≥ 5)',
        '✓ rows: 10 (expected < 20)',
        '✓ id: is integer (expected is integer)',
        '✓ $[0].alias: "Alias 7" (expected matches /^Alias \\d+$/)',
        '✓ $: count 10 (expected count 10)',
      ]),
    );
  });

  it('a failing row count says what it counted', async () => {
    const result = (
      await preflight(`    - sql: SELECT * FROM candidates
      expect: { rows: 0 }
`)
    ).check();
    expect(result).toMatchObject({ status: 'failed', summary: 'rows: measured 3, expected == 0', measured: 'rows = 3' });
    // The default name is the query.
    expect(result.name).toBe('SELECT * FROM candidates');
  });

  it('value: on a query that returns no rows fails with "no rows"', async () => {
    const result = (
      await preflight(`    - sql: SELECT id FROM candidates WHERE email = 'nobody@example.com'
      expect: { value: 1 }
`)
    ).check();
    expect(result).toMatchObject({ status: 'failed', summary: 'id: measured no rows, expected a first row to read the value from' });
  });

  it('with no expectations the query need only succeed', async () => {
    const result = (await preflight(`    - sql: SELECT 1 AS one\n`)).check();
    expect(result).toMatchObject({ status: 'passed', summary: 'SELECT 1 AS one → 1 row', expected: 'the query succeeds' });
  });
});

describe('bind parameters', () => {
  it('a value holding SQL stays data: it is compared, never run', async () => {
    const hostile = "x'; DROP TABLE candidates; --";
    const { check } = await preflight(
      `    - name: echo
      sql: SELECT $1::text AS v, (SELECT count(*) FROM candidates WHERE email = $1) AS matches
      params: ["\${HOSTILE}"]
      expect:
        json:
          $[0].v: { equals: "\${HOSTILE}" }
          $[0].matches: 0
`,
      { env: { HOSTILE: hostile } },
    );
    expect(check().status).toBe('passed');
    expect(check().details).toContain(`params: $1 = ${JSON.stringify(hostile)}`);
    expect(await pg().sql('app', 'SELECT count(*)::int AS n FROM candidates')).toEqual([{ n: 3 }]);
  });

  it('the query text is never ${}-expanded: ${VAR} in it reaches the server as written', async () => {
    const { check } = await preflight(
      `    - sql: "SELECT '\${HOME}' AS v, $1::text AS p"
      params: ["\${WHO}"]
      expect:
        json:
          $[0].v: "$\${HOME}"
          $[0].p: expanded
`,
      { env: { WHO: 'expanded', HOME: '/root' } },
    );
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.details[1]).toBe("  | SELECT '${HOME}' AS v, $1::text AS p");
  });
});

describe('transactions', () => {
  it("a write without write: true fails with the server's read-only error and changes nothing", async () => {
    const result = (await preflight(`    - sql: DELETE FROM candidates\n`)).check();
    expect(result).toMatchObject({
      status: 'failed',
      summary:
        'ERROR 25006: cannot execute DELETE in a read-only transaction (the check runs in a READ ONLY transaction; write: true allows writes)',
      measured: 'SQLSTATE 25006',
    });
    expect(result.data).toMatchObject({ error: { stage: 'statement', sqlstate: '25006' } });
    expect(await pg().sql('app', 'SELECT count(*)::int AS n FROM candidates')).toEqual([{ n: 3 }]);
  });

  it('write: true commits, and the evidence says so', async () => {
    const result = (
      await preflight(`    - sql: INSERT INTO scratch (note) VALUES ($1) RETURNING id
      params: [from the gate]
      write: true
      expect: { rows: 1 }
`)
    ).check();
    expect(result.status).toBe('passed');
    expect(result.details[0]).toMatch(/: read-write transaction, committed \(write: true\), statement_timeout 10s$/);
    expect(result.data).toMatchObject({ transaction: 'read-write transaction, committed (write: true)' });
    expect(await pg().sql('app', "SELECT count(*)::int AS n FROM scratch WHERE note = 'from the gate'")).toEqual([{ n: 1 }]);
  });

  it('a read-only query cannot COMMIT its way out of the transaction', async () => {
    const result = (await preflight(`    - sql: "COMMIT; DELETE FROM candidates"\n`)).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^ERROR 42601: cannot insert multiple commands into a prepared statement/);
    expect(await pg().sql('app', 'SELECT count(*)::int AS n FROM candidates')).toEqual([{ n: 3 }]);
  });

  it('statement_timeout (timeout:) ends a slow statement on the server: failed with SQLSTATE 57014', async () => {
    const result = (
      await preflight(`    - sql: SELECT pg_sleep(30)
      timeout: 200ms
`)
    ).check();
    expect(result).toMatchObject({
      status: 'failed',
      summary: 'ERROR 57014: canceling statement due to statement timeout (statement_timeout 200ms; timeout: sets it)',
      measured: 'SQLSTATE 57014',
    });
    expect(result.details[0]).toMatch(/statement_timeout 200ms$/);
  });

  it("a query error fails with the server's message and SQLSTATE", async () => {
    const result = (await preflight(`    - sql: SELECT count(*) FROM role_taskz\n`)).check();
    expect(result).toMatchObject({
      status: 'failed',
      summary: 'ERROR 42P01: relation "role_taskz" does not exist',
      measured: 'SQLSTATE 42P01',
      expected: 'the query succeeds',
    });
  });
});
