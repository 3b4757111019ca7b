/**
 * Any kind can be monitored: the `sql` kind sampled against a throwaway PostgreSQL, as
 * runbook 004's "Canonical review backlog > 50" reads in SQL. A backlog under the limit
 * passes; one that grows past it breaches; a database that cannot be reached is a source
 * error (not verified), never a breach.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { monitorDataOf } from '../../../src/evidence/monitor.js';
import { startPostgres, type Postgres } from '../../support/postgres.js';
import { closedPortUrl } from '../../support/targets/index.js';
import { runConfig } from './helpers.js';

let pg: Postgres;

beforeAll(async () => {
  pg = await startPostgres();
  await pg.createDatabase(
    'alias',
    `CREATE TABLE employers (id serial PRIMARY KEY, canonical_status text NOT NULL);
     INSERT INTO employers (canonical_status) SELECT CASE WHEN i <= 12 THEN 'pending' ELSE 'canonical' END FROM generate_series(1, 100) AS i;`,
  );
}, 60_000);
afterAll(async () => {
  await pg.stop();
});

const CONFIG = `version: 1
environments:
  local: { database: "\${DATABASE_URL}" }
monitor:
  window: 1s
  interval: 200ms
  on-breach: { dispatch: rollback.yml }
  checks:
    - name: canonical review backlog at most 50
      sql: SELECT count(*) FROM employers WHERE canonical_status = 'pending'
      timeout: 1s
      expect: { value: { lte: 50 } }
`;

describe('a monitored sql check', () => {
  it('passes while the backlog is under the limit, recording the query of every sample', async () => {
    const { run, check } = await runConfig(CONFIG, { env: { DATABASE_URL: pg.url('alias') } });
    expect(run.status).toBe('passed');
    const samples = monitorDataOf(check().data)?.samples ?? [];
    expect(samples).toHaveLength(5);
    expect(samples.every((s) => s.status === 'ok' && s.query === "SELECT count(*) FROM employers WHERE canonical_status = 'pending'")).toBe(
      true,
    );
  });

  it('breaches when the backlog grows past it', async () => {
    await pg.sql('alias', `UPDATE employers SET canonical_status = 'pending' WHERE id <= 64`);
    try {
      const { check } = await runConfig(CONFIG, { env: { DATABASE_URL: pg.url('alias') } });
      expect(check().status).toBe('failed');
      expect(check().summary).toMatch(/^breach at 0:00 of 0:01, ending the window: 1 of 1 failed \(expected every sample passes\)/);
    } finally {
      await pg.sql('alias', `UPDATE employers SET canonical_status = 'canonical' WHERE id > 12`);
    }
  });

  it('counts an unreachable database as source errors, not a breach', async () => {
    const closed = new URL(await closedPortUrl());
    const { check } = await runConfig(CONFIG, { env: { DATABASE_URL: `postgresql://postgres:x@${closed.host}/alias` } });
    expect(check().status).toBe('unverified');
    expect(check().summary).toMatch(/the source, not the service, is the problem/);
    expect(monitorDataOf(check().data)?.breach).toBeUndefined();
  });
});
