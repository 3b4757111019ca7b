/**
 * Runbook 004's "Performance verification (query timing, index usage)": `explain:
 * { uses-index: … }` read from the real planner, and `max-duration` measured by the
 * server (`EXPLAIN ANALYZE`). A slow query is made slow on the server (`pg_sleep`), never
 * by the speed of this machine.
 */
import { describe, expect, it } from '@jest/globals';
import { useSqlServer } from './sql-postgres.js';

const { pg, preflight } = useSqlServer();

describe('explain: { uses-index }', () => {
  it('passes when the named index is used, and keeps the plan', async () => {
    const { check } = await preflight(`    - name: alias search by index
      sql: SELECT id FROM employer_aliases WHERE normalized_name = $1
      params: [alias 42]
      expect: { rows: 1 }
      explain: { uses-index: idx_employer_aliases_normalized }
`);
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.measured).toBe('rows = 1, index uses idx_employer_aliases_normalized');
    expect(result.details).toContain('✓ index: uses idx_employer_aliases_normalized (expected uses idx_employer_aliases_normalized)');
    expect(result.details.at(-1)).toMatch(
      /^plan: Index Scan using idx_employer_aliases_normalized on employer_aliases \(planning \d+\.\dms, execution \d+\.\dms\)$/,
    );
    expect(result.data).toMatchObject({
      plan: {
        nodes: ['Index Scan using idx_employer_aliases_normalized on employer_aliases'],
        indexes: ['idx_employer_aliases_normalized'],
        seqScans: [],
        analyzed: true,
      },
    });
  });

  it('fails on a sequential scan and shows the plan’s nodes', async () => {
    const result = (
      await preflight(`    - sql: SELECT count(*) FROM employer_aliases WHERE alias = $1
      params: [Alias 42]
      explain: { uses-index: true }
`)
    ).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /^index: measured no index: Aggregate → (Gather → )?(Partial Aggregate → )?(Parallel )?Seq Scan on employer_aliases, expected an index is used$/,
    );
  });

  it('fails when another index than the named one is used', async () => {
    const result = (
      await preflight(`    - sql: SELECT alias FROM employer_aliases WHERE id = $1
      params: [42]
      explain: { uses-index: public.idx_employer_aliases_normalized }
`)
    ).check();
    expect(result).toMatchObject({
      status: 'failed',
      summary:
        'index: measured uses employer_aliases_pkey; plan: Index Scan using employer_aliases_pkey on employer_aliases, expected uses public.idx_employer_aliases_normalized',
    });
  });

  it('a write is planned, not analysed: it runs once', async () => {
    const result = (
      await preflight(`    - sql: INSERT INTO scratch (note) VALUES ('explained write')
      write: true
      explain: { uses-index: true }
`)
    ).check();
    expect(result.status).toBe('failed');
    expect(result.data).toMatchObject({ plan: { nodes: ['Insert on scratch', 'Result'], analyzed: false } });
    expect(await pg().sql('app', "SELECT count(*)::int AS n FROM scratch WHERE note = 'explained write'")).toEqual([{ n: 1 }]);
  });
});

describe('expect: { max-duration }', () => {
  it('passes within the limit, measured by the server, and says so', async () => {
    const result = (
      await preflight(`    - sql: SELECT id FROM employer_aliases WHERE normalized_name = $1
      params: [alias 7]
      expect: { max-duration: 500ms }
`)
    ).check();
    expect(result.status).toBe('passed');
    expect(result.measured).toMatch(/^duration \d+\.\dms \(server\)$/);
    expect(result.expected).toBe('duration ≤ 500ms');
    expect(result.data).toMatchObject({ serverMs: expect.any(Number), roundTripMs: expect.any(Number) });
  });

  it('fails a statement the server took longer than the limit over', async () => {
    const result = (
      await preflight(`    - sql: SELECT pg_sleep(0.3)
      expect: { max-duration: 100ms }
`)
    ).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^duration: measured (\d{3,})ms \(server\), expected ≤ 100ms$/);
    expect(Number(/measured (\d+)ms/.exec(result.summary)?.[1])).toBeGreaterThanOrEqual(300);
  });

  it('a statement EXPLAIN cannot take is timed by its round trip, with the reason', async () => {
    const result = (
      await preflight(`    - sql: SHOW server_version
      expect: { max-duration: 5s }
`)
    ).check();
    expect(result.status).toBe('passed');
    expect(result.measured).toMatch(/^duration \d+(\.\d)?ms \(round trip\)$/);
    expect(result.details.at(-1)).toMatch(/^⚠ EXPLAIN failed: ERROR 42601: syntax error at or near "SHOW"/);
  });
});
