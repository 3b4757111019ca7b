/**
 * Config problems of `sql` checks: each at file:line:col with what was expected, found
 * when the file is loaded (`release-gates validate`) or when the check is planned, and
 * never printing a database URL.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/errors.js';
import { highestPlaceholder } from '../../../src/checks/sql/placeholders.js';
import { preflightYaml } from '../junit/run-preflight.js';
import { runSql } from './sql-postgres.js';
import { withConfigFile } from '../../support/gate-run.js';

/** The problems of loading `checks`, as `file:line:col: message` lines with the folder cut off. */
async function loadProblems(checks: string): Promise<string[]> {
  try {
    await withConfigFile(preflightYaml(checks), 'rg-sql-config-', () => Promise.resolve());
  } catch (error) {
    if (error instanceof ConfigurationError)
      return error.message.split('\n').map((line) => line.replace(/^\S*\/release-gates\.yml/, 'release-gates.yml'));
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

/** The problems of planning `checks` (after `${VAR}` expansion), the same way. */
async function planProblems(checks: string, env: Record<string, string>): Promise<string[]> {
  try {
    await runSql(checks, { env });
  } catch (error) {
    if (error instanceof ConfigurationError)
      return error.message.split('\n').map((line) => line.replace(/^\S*\/release-gates\.yml/, 'release-gates.yml'));
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('problems found when the config is loaded', () => {
  it('a missing or empty query', async () => {
    expect(await loadProblems('    - name: counts\n      sql:\n      expect: { value: 0 }\n')).toEqual([
      'release-gates.yml:5:11: preflight.checks[0].sql: expected a query, e.g. sql: SELECT count(*) FROM candidates, or sql: { exists: { tables: [roles] } }, got null',
    ]);
    expect(await loadProblems('    - sql: "  "\n')).toEqual([
      'release-gates.yml:4:12: preflight.checks[0].sql: expected a non-empty string',
    ]);
  });

  it('a bad matcher, and an unknown expectation with a suggestion', async () => {
    const problems = await loadProblems(
      '    - sql: SELECT count(*) FROM candidates\n      expect:\n        value: { gte: many }\n        max-durration: 500ms\n',
    );
    expect(problems).toEqual([
      'release-gates.yml:6:23: preflight.checks[0].expect.value.gte: expected a number, got the string "many"',
      'release-gates.yml:7:9: preflight.checks[0].expect.max-durration: unknown key "max-durration" (did you mean "max-duration"?)',
    ]);
  });

  it('params that do not match the query’s $n', async () => {
    expect(await loadProblems('    - sql: SELECT * FROM leads WHERE org_id = $1 AND name = $2\n      params: [a]\n')).toEqual([
      'release-gates.yml:5:15: preflight.checks[0].params: the query uses $1…$2 bind parameters but params: gives 1 (expected params: with 2 values ($1…$2))',
    ]);
    expect(await loadProblems("    - sql: SELECT count(*) FROM leads WHERE name = '$1'\n      params: [a]\n")).toEqual([
      'release-gates.yml:5:15: preflight.checks[0].params: the query uses no bind parameters but params: gives 1 (expected no params: (the query has no $1))',
    ]);
  });

  it('query-only fields on an exists check', async () => {
    expect(await loadProblems('    - sql: { exists: { tables: [roles] } }\n      expect: { rows: 1 }\n      write: true\n')).toEqual([
      'release-gates.yml:5:15: preflight.checks[0].expect: only a query takes expect: (expected sql: "SELECT …" with expect:, or sql: { exists: … } without it)',
      'release-gates.yml:6:14: preflight.checks[0].write: only a query takes write: (expected sql: "SELECT …" with write:, or sql: { exists: … } without it)',
    ]);
  });

  it('an empty exists:, and a name that is not one', async () => {
    expect(await loadProblems('    - sql: { exists: {} }\n')).toEqual([
      'release-gates.yml:4:22: preflight.checks[0].sql.exists: expected at least one of tables, views, functions, indexes, columns, rls, policies',
    ]);
    expect(await loadProblems('    - sql: { exists: { tables: ["roles; DROP TABLE roles"] } }\n')).toEqual([
      'release-gates.yml:4:33: preflight.checks[0].sql.exists.tables[0]: expected a name like roles or public.roles (double-quote other names: "Roles"), got the string "roles; DROP TABLE roles"',
    ]);
  });
});

describe('problems found when the check is planned', () => {
  it('no database at all', async () => {
    expect(await planProblems('    - sql: SELECT 1\n', {})).toEqual([
      'release-gates.yml:4:7: preflight.checks[0]: no database to query (expected database: "${DATABASE_URL}" on the check, database: on the environment, or DATABASE_URL in the environment)',
    ]);
  });

  it('a value that is not a PostgreSQL URL, without printing it', async () => {
    const problems = await planProblems('    - sql: SELECT 1\n', { DATABASE_URL: 'host=db password=Hunter2-secret' });
    expect(problems).toEqual([
      'release-gates.yml:4:7: preflight.checks[0]: DATABASE_URL is not a PostgreSQL URL (expected postgresql://user:password@host:5432/database; the value is not shown)',
    ]);
    expect(problems.join('\n')).not.toContain('Hunter2');
  });
});

describe('highestPlaceholder', () => {
  it.each([
    ['SELECT $1, $2', 2],
    ["SELECT '$1' || $1", 1],
    ['SELECT "$3" FROM t WHERE a = $2', 2],
    ['SELECT 1 -- $4\n', 0],
    ['SELECT /* $5 /* $6 */ */ $1', 1],
    ['SELECT $$ $7 $$, $tag$ $8 $tag$, $2', 2],
    ["SELECT E'\\' $9', $1", 1],
    ['SELECT $10', 10],
  ])('%s → %i', (text, highest) => {
    expect(highestPlaceholder(text)).toBe(highest);
  });
});
