/**
 * Which database a `sql` check reaches, and what happens when it cannot: refused, a
 * wrong password, an unknown host are "not verified" (a gate is green only when it
 * verified), never passed, and the URL's password is never in any output.
 */
import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { runSql, useSqlServer } from './sql-postgres.js';

const { pg, preflight } = useSqlServer();

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const COUNT = `    - name: candidates emptied
      sql: SELECT count(*) FROM candidates
      expect: { value: 0 }
`;

describe('a database that cannot be reached is not verified', () => {
  it('connection refused', async () => {
    const port = await closedPort();
    const { check, run } = await runSql(COUNT, { env: { DATABASE_URL: `postgresql://postgres:Refused-pw-99@127.0.0.1:${port}/app` } });
    const result = check();
    expect(result).toMatchObject({
      status: 'unverified',
      summary: `cannot connect to 127.0.0.1:${port}/app: connect ECONNREFUSED 127.0.0.1:${port}`,
      measured: 'not connected',
    });
    expect(result.data).toMatchObject({ target: `127.0.0.1:${port}/app`, error: { stage: 'connect' } });
    // Not verified blocks the gate.
    expect(run.status).toBe('failed');
  });

  it('a wrong password: not verified, with the server’s reason and without either password', async () => {
    const wrong = 'Wrong-pw-4d1e';
    const { check, text, secrets } = await preflight(COUNT, { env: { DATABASE_URL: pg().url('app', { password: wrong }) } });
    const result = check();
    expect(result.status).toBe('unverified');
    expect(result.summary).toBe(
      `cannot connect to 127.0.0.1:${pg().port}/app: FATAL 28P01: password authentication failed for user "postgres"`,
    );
    expect(text).not.toContain(wrong);
    expect(secrets.redact(`x ${wrong} y`)).toBe('x *** y');
  });

  it('an unknown host', async () => {
    const result = (
      await runSql(COUNT, { env: { DATABASE_URL: 'postgresql://postgres:Dns-pw-1234@db.release-gates.invalid:5432/app' } })
    ).check();
    expect(result.status).toBe('unverified');
    expect(result.summary).toMatch(
      /^cannot connect to db\.release-gates\.invalid:5432\/app: getaddrinfo (ENOTFOUND|EAI_AGAIN) db\.release-gates\.invalid$/,
    );
  });

  it('optional: true keeps an unreachable database from blocking the gate, still not verified', async () => {
    const port = await closedPort();
    const { check, run } = await runSql(`${COUNT}      optional: true\n`, {
      env: { DATABASE_URL: `postgresql://u@127.0.0.1:${port}/app` },
    });
    expect(check()).toMatchObject({ status: 'unverified', optional: true });
    expect(run.status).toBe('passed');
  });
});

describe('the database a check queries', () => {
  it("the URL's password is never in any output, passing or failing; evidence names host:port/database", async () => {
    const { text, secrets, check } = await preflight(`${COUNT}    - sql: SELECT nope FROM candidates\n`);
    expect(check('candidates emptied').status).toBe('failed');
    expect(text).toContain(`127.0.0.1:${pg().port}/app`);
    expect(text).not.toContain(pg().password);
    expect(text).not.toContain(encodeURIComponent(pg().password));
    expect(text).not.toContain('postgresql://');
    expect(secrets.redact(pg().url('app'))).not.toContain(pg().password);
  });

  it("the environment's database: wins over DATABASE_URL, and its password is a secret", async () => {
    await pg().createDatabase('staging_app', 'CREATE TABLE candidates (id int); INSERT INTO candidates VALUES (1);');
    const { check, text } = await runSql(COUNT, {
      head: 'environments:\n  staging: { database: "${STAGING_DATABASE_URL}" }\n',
      environment: 'staging',
      env: { STAGING_DATABASE_URL: pg().url('staging_app'), DATABASE_URL: pg().url('app') },
    });
    const result = check();
    expect(result).toMatchObject({ status: 'failed', summary: 'count: measured 1, expected == 0' });
    expect(result.data).toMatchObject({ target: `127.0.0.1:${pg().port}/staging_app`, from: 'environments.staging.database' });
    expect(text).not.toContain(pg().password);
  });

  it("the check's database: wins over both", async () => {
    const result = (
      await runSql(`${COUNT}      database: "\${ASSESSMENTS_DB}"\n`, {
        head: 'environments:\n  staging: { database: "${STAGING_DATABASE_URL}" }\n',
        environment: 'staging',
        env: { ASSESSMENTS_DB: pg().url('app'), STAGING_DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' },
      })
    ).check();
    expect(result.data).toMatchObject({ target: `127.0.0.1:${pg().port}/app`, from: 'database:' });
  });
});
