/**
 * The counts of the rows at stake, run against a real PostgreSQL in a READ ONLY transaction
 * as the migrate gate runs them: each one equals what its statement really does (the
 * statement run in a transaction that is rolled back), or the number the seed data says.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { analyseSql, type SqlFinding } from '../../../src/migrate/analysis/index.js';
import { startPostgres, type Postgres } from '../../support/postgres.js';

const SEED = `
CREATE TABLE roles (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO roles VALUES (1, 'engineer'), (2, 'intern'), (3, 'designer');
CREATE TABLE candidates (id int PRIMARY KEY, role_id int, email text, status text, note text);
INSERT INTO candidates VALUES
  (1, 1, 'a@x.io', 'active', NULL), (2, 2, 'b@x.io', 'archived', 'it''s; -- not a comment'),
  (3, 2, 'b@x.io', 'archived', NULL), (4, 3, NULL, 'active', 'n'), (5, 2, 'c@x.io', 'active', NULL),
  (6, 1, NULL, 'archived', 'n'), (7, 3, 'c@x.io', 'active', NULL), (8, 2, 'c@x.io', 'active', 'n');
CREATE TABLE candidate_applications (id int PRIMARY KEY, candidate_id int);
INSERT INTO candidate_applications SELECT g, g FROM generate_series(1, 5) g;
CREATE TABLE assessments (id int PRIMARY KEY, application_id int);
INSERT INTO assessments SELECT g, g FROM generate_series(1, 12) g;
CREATE TABLE sessions (id int PRIMARY KEY, expires_at timestamptz);
INSERT INTO sessions SELECT g, now() - g * interval '1 day' FROM generate_series(1, 40) g;
CREATE SCHEMA "Tenant A";
CREATE TABLE "Tenant A"."Mixed Case" ("Col" int);
INSERT INTO "Tenant A"."Mixed Case" SELECT g FROM generate_series(1, 9) g;
CREATE TABLE "Tenant A"."Mixed Child" () INHERITS ("Tenant A"."Mixed Case");
INSERT INTO "Tenant A"."Mixed Child" SELECT g FROM generate_series(1, 4) g;
`;

// Undefined until the server started (and when it did not).
let server: Postgres | undefined;
let client: pg.Client | undefined;

function connected(): pg.Client {
  if (!client) throw new Error('PostgreSQL is not started');
  return client;
}

beforeAll(async () => {
  server = await startPostgres();
  await server.createDatabase('counts', SEED);
  client = new pg.Client({ connectionString: server.url('counts') });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await server?.stop();
});

/** Runs a count as the gate does: READ ONLY, then rolled back. */
async function readOnlyCount(sql: string): Promise<number> {
  const client = connected();
  await client.query('BEGIN TRANSACTION READ ONLY');
  try {
    const result = await client.query<{ count: string }>(sql);
    return Number(result.rows[0]?.count);
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The rows a DELETE or UPDATE really touches: run it, then roll it back. */
async function rowsTouched(statement: string): Promise<number> {
  const client = connected();
  await client.query('BEGIN');
  try {
    return (await client.query(statement)).rowCount ?? -1;
  } finally {
    await client.query('ROLLBACK');
  }
}

async function only(sql: string, code?: string): Promise<SqlFinding> {
  const { findings, unanalysable } = await analyseSql(sql);
  expect(unanalysable).toEqual([]);
  const matching = code ? findings.filter((f) => f.code === code) : findings;
  expect(matching).toHaveLength(1);
  return matching[0]!;
}

describe('counts of the rows at stake, on a real PostgreSQL, read-only', () => {
  const writes: [string, string, number][] = [
    ['DELETE … WHERE', "DELETE FROM candidates WHERE status = 'archived'", 3],
    ['DELETE … USING … WHERE', "DELETE FROM candidates c USING roles r WHERE c.role_id = r.id AND r.name = 'intern'", 4],
    [
      'a WHERE with a quote, a semicolon and -- in a string, then a comment',
      "DELETE FROM candidates WHERE note = 'it''s; -- not a comment' -- trailing comment",
      1,
    ],
    [
      'a WITH clause and RETURNING',
      'WITH old AS (SELECT id FROM candidates WHERE id < 4) DELETE FROM candidates WHERE id IN (SELECT id FROM old) RETURNING id',
      3,
    ],
    [
      'a subquery in WHERE, ending in a comment',
      "DELETE FROM candidates WHERE role_id IN (SELECT id FROM roles WHERE name <> 'engineer') /* interns and designers */",
      6,
    ],
    ['quoted names, ONLY and an alias', 'DELETE FROM ONLY "Tenant A"."Mixed Case" AS m WHERE m."Col" > 6', 3],
    ['inheritance without ONLY', 'DELETE FROM "Tenant A"."Mixed Case" WHERE "Col" > 2', 9],
    ['DELETE without WHERE', 'DELETE FROM sessions', 40],
    ['DELETE … WHERE true', 'DELETE FROM sessions WHERE true', 40],
    ['UPDATE without WHERE', "UPDATE candidates SET status = 'x'", 8],
    ['a DELETE in a DO block (whole table)', 'DO $$ BEGIN DELETE FROM assessments; END $$', 12],
  ];

  it.each(writes)('%s: the count equals the rows the statement touches', async (_what, statement, rows) => {
    const finding = await only(`${statement};`);
    expect(finding.countSql).toBeDefined();
    const counted = await readOnlyCount(finding.countSql!);
    expect(counted).toBe(rows);
    if (!statement.startsWith('DO')) expect(await rowsTouched(statement)).toBe(rows);
  });

  const others: [string, string, string, number][] = [
    ['TRUNCATE', 'TRUNCATE assessments', 'truncate', 12],
    ['TRUNCATE ONLY', 'TRUNCATE ONLY "Tenant A"."Mixed Case"', 'truncate', 9],
    ['DROP TABLE', 'DROP TABLE candidate_applications', 'drop-table', 5],
    ['DROP COLUMN: rows with a value', 'ALTER TABLE candidates DROP COLUMN note', 'drop-column', 4],
    ['a type change: rows with a value', 'ALTER TABLE candidates ALTER COLUMN email TYPE varchar(3)', 'alter-column-type', 6],
    ['SET NOT NULL: rows that would fail', 'ALTER TABLE candidates ALTER COLUMN email SET NOT NULL', 'set-not-null', 2],
    ['a new UNIQUE: rows sharing a key', 'ALTER TABLE candidates ADD CONSTRAINT u UNIQUE (email)', 'add-unique-constraint', 5],
    ['a new PRIMARY KEY: duplicates and NULLs', 'ALTER TABLE candidates ADD PRIMARY KEY (email)', 'add-unique-constraint', 7],
    ['a new unique index on two columns', 'CREATE UNIQUE INDEX ON candidates (role_id, status)', 'add-unique-index', 6],
    ['ADD COLUMN NOT NULL without DEFAULT: any row', 'ALTER TABLE roles ADD COLUMN level int NOT NULL', 'add-column-not-null', 3],
  ];

  it.each(others)('%s', async (_what, statement, code, rows) => {
    const finding = await only(`${statement};`, code);
    expect(await readOnlyCount(finding.countSql!)).toBe(rows);
  });

  it('the UNIQUE count is 0 exactly when the constraint can be added', async () => {
    const fits = await only('ALTER TABLE candidates ADD CONSTRAINT u UNIQUE (id, email);');
    expect(await readOnlyCount(fits.countSql!)).toBe(0);
    const client = connected();
    await client.query('BEGIN');
    await expect(client.query('ALTER TABLE candidates ADD CONSTRAINT u UNIQUE (id, email)')).resolves.toBeDefined();
    await client.query('ROLLBACK');
  });

  it('gives no count where none can be built safely', async () => {
    const cases = [
      // a data-modifying CTE: the count would have to run it, and could not read-only
      'WITH gone AS (DELETE FROM sessions WHERE id < 3 RETURNING id) DELETE FROM candidates WHERE id IN (SELECT id FROM gone);',
      // a function body does not run now, and its WHERE may use its parameters
      'CREATE FUNCTION purge(p int) RETURNS void LANGUAGE sql AS $$ DELETE FROM candidates WHERE role_id = p $$;',
      // a DO block's WHERE may use its variables
      'DO $$ DECLARE r int := 2; BEGIN DELETE FROM candidates WHERE role_id = r; END $$;',
      'DELETE FROM candidates WHERE CURRENT OF c;',
    ];
    for (const sql of cases) {
      const { findings } = await analyseSql(sql);
      expect(findings.filter((f) => f.table === 'candidates')).toHaveLength(1);
      for (const finding of findings) expect(finding.countSql).toBeUndefined();
    }
  });
});
