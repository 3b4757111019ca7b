/**
 * The restore drill (runbook 003) against a throwaway PostgreSQL server: the real
 * `pg_dump`, `pg_restore` and `psql`, a scratch database created and dropped, the query
 * run read-only, and the expectation compared.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pgDatabase } from '../../../src/io/database.js';
import { useSeededPostgres } from './seeded-postgres.js';

const run = promisify(execFile);

const { pg, cwd, preflight } = useSeededPostgres('rg-drill-');

/** Scratch databases a drill left behind. */
async function leftovers(): Promise<string[]> {
  return (await pg().databases()).filter((name) => name.startsWith('release_gates_drill_'));
}

const DUMP = 'backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }';

function drill(body: string, env: Record<string, string> = {}) {
  return preflight('backup and drill', body, env);
}

/** A dump made outside the check, as a team's nightly job would. */
async function dumpFile(name: string, format: 'c' | 'p', extra: string[] = []): Promise<void> {
  await run(
    'pg_dump',
    [`-F${format}`, '--no-password', `--file=${join(cwd(), name)}`, ...extra, `--dbname=${pg().url('app', { password: null })}`],
    {
      env: { ...process.env, PGPASSWORD: pg().password },
    },
  );
}

describe('restore drill into a scratch database on the source server', () => {
  it('restores, queries read-only, compares, and drops the scratch database', async () => {
    const { check, text } = await drill(
      `${DUMP}\n      restore-drill:\n        query: SELECT count(*) AS n FROM alembic_version\n        expect: { rows: 1, "$[0].n": { gte: 1 } }`,
    );
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.summary).toMatch(/^backups\/pre-release\.dump, [\d.]+ KiB, \d+s old; restored in \d+ms, rows 1, \$\[0\]\.n 1$/);
    expect(result.expected).toBe('non-empty; restore drill: rows == 1, $[0].n');
    const lines = result.details.join('\n');
    expect(lines).toMatch(/✓ created scratch database release_gates_drill_\w+ on postgresql:\/\/postgres@127\.0\.0\.1:\d+/);
    expect(lines).toMatch(
      /✓ restored backups\/pre-release\.dump into postgresql:\/\/postgres@127\.0\.0\.1:\d+\/release_gates_drill_\w+ in \d+ms \(pg_restore\)/,
    );
    expect(lines).toContain('  query SELECT count(*) AS n FROM alembic_version → 1 row: [{"n":1}]');
    expect(lines).toContain('✓ rows: 1 (expected == 1)');
    expect(lines).toContain('✓ $[0].n: 1 (expected ≥ 1)');
    expect(result.details.at(-1)).toMatch(/^✓ dropped scratch database release_gates_drill_\w+$/);
    expect(await leftovers()).toEqual([]);
    expect(text).not.toContain(pg().password);
  });

  it('the restored data is the seeded data', async () => {
    const result = (
      await drill(
        `${DUMP}\n      restore-drill:\n        query: SELECT string_agg(name, ',' ORDER BY id) AS names FROM leads\n        expect: { "$[0].names": "a,b,c" }`,
      )
    ).check();
    expect(result.status).toBe('passed');
  });

  it('a wrong expectation fails with measured and expected, and the scratch database is still dropped', async () => {
    const result = (
      await drill(`${DUMP}\n      restore-drill:\n        query: SELECT count(*) AS n FROM leads\n        expect: { rows: 1, "$[0].n": 5 }`)
    ).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('restore drill: $[0].n: measured 3, expected == 5');
    expect(result.details).toContain('✗ $[0].n: measured 3, expected == 5');
    expect(result.details.at(-1)).toMatch(/^✓ dropped scratch database /);
    expect(await leftovers()).toEqual([]);
  });

  it('a query that fails is a failed drill with the server error; the scratch database is dropped', async () => {
    const result = (
      await drill(`${DUMP}\n      restore-drill: { query: SELECT count(*) FROM alembic_versions, expect: { rows: 1 } }`)
    ).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('restore drill: the query failed: ERROR 42P01: relation "alembic_versions" does not exist');
    expect(await leftovers()).toEqual([]);
  });

  it('the query runs read-only: a write is refused and nothing is written', async () => {
    const result = (await drill(`${DUMP}\n      restore-drill: { query: "DELETE FROM leads RETURNING id" }`)).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('restore drill: the query failed: ERROR 25006: cannot execute DELETE in a read-only transaction');
  });

  it('a drill with no query passes when the restore does', async () => {
    const result = (await drill(`${DUMP}\n      restore-drill: {}`)).check();
    expect(result).toMatchObject({ status: 'passed', expected: 'non-empty; restore succeeds' });
  });
});

describe('drills of backups made elsewhere', () => {
  it('command form with server: restores the newest dump the script wrote', async () => {
    await writeFile(join(cwd(), 'backup_pg.sh'), '#!/bin/sh\nset -eu\npg_dump -Fc --dbname="$DATABASE_URL" --file=app.dump\n', {
      mode: 0o755,
    });
    const { check, text } = await drill(
      'backup: { command: [./backup_pg.sh], file: "*.dump", env: { DATABASE_URL: "${DATABASE_URL}" } }\n      restore-drill: { server: "${DATABASE_URL}", query: SELECT version_num FROM alembic_version, expect: { "$[0].version_num": 0044_rls } }',
    );
    expect(check().status).toBe('passed');
    expect(await leftovers()).toEqual([]);
    expect(text).not.toContain(pg().password);
  });

  it('a plain SQL dump is restored with psql', async () => {
    await dumpFile('nightly.sql', 'p');
    const result = (
      await drill(
        `backup: { file: nightly.sql }\n      restore-drill: { server: "\${DATABASE_URL}", query: SELECT count(*) AS n FROM leads, expect: { rows: 1, "$[0].n": 3 } }`,
      )
    ).check();
    expect(result.status).toBe('passed');
    expect(result.details.join('\n')).toMatch(/restored nightly\.sql into .* \(psql\)/);
    expect(await leftovers()).toEqual([]);
  });

  it('a plain SQL dump made with --create is refused: psql would restore into the source database', async () => {
    await dumpFile('created.sql', 'p', ['--create']);
    const result = (
      await drill(`backup: { file: created.sql }\n      restore-drill: { server: "\${DATABASE_URL}", query: SELECT 1 }`)
    ).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^restore drill: the plain SQL dump created\.sql switches database \("CREATE DATABASE app/);
    expect(await leftovers()).toEqual([]);
  });

  it("a dump that does not restore fails with pg_restore's reason, and the scratch database is dropped", async () => {
    await writeFile(join(cwd(), 'broken.dump'), Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(64, 7)]));
    const result = (await drill(`backup: { file: broken.dump }\n      restore-drill: { server: "\${DATABASE_URL}" }`)).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^restore drill: pg_restore failed \(exit 1\): /);
    expect(await leftovers()).toEqual([]);
  });
});

describe('Database (src/io/database.ts)', () => {
  it('runs one statement per read-only query: COMMIT; DELETE cannot escape', async () => {
    const db = await pgDatabase.connect(pg().url('app'));
    try {
      await expect(db.query('COMMIT; DELETE FROM leads')).rejects.toThrow(/cannot insert multiple commands into a prepared statement/);
      expect((await db.query('SELECT count(*) AS n FROM leads WHERE id > $1', [1])).rows).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
    expect(await pg().sql('app', 'SELECT count(*)::int AS n FROM leads')).toEqual([{ n: 3 }]);
  });

  it('a refused login names the reason, not the URL', async () => {
    const attempt = pgDatabase.connect(pg().url('app', { password: 'Wrong-pass-123' }));
    await expect(attempt).rejects.toThrow('FATAL 28P01: password authentication failed for user "postgres"');
  });
});
