/**
 * What the backup tests share: one throwaway PostgreSQL server per test file with the
 * database `app` seeded by {@link SEED}, a fresh working directory per test, and a
 * preflight run in it with `DATABASE_URL` pointing at `app`.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type Postgres } from '../../support/postgres.js';
import { runPreflight, type PreflightOptions, type PreflightRun } from '../junit/run-preflight.js';

/** The database `app`: a migration version and three leads (a, b, c). */
export const SEED = `
  CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
  INSERT INTO alembic_version VALUES ('0044_rls');
  CREATE TABLE leads (id serial PRIMARY KEY, name text NOT NULL);
  INSERT INTO leads (name) VALUES ('a'), ('b'), ('c');
`;

export interface SeededPostgres {
  /** The server, started before the file's tests and stopped after them. */
  pg: () => Postgres;
  /** This test's working directory: a new temp folder per test, removed after it. */
  cwd: () => string;
  /**
   * Runs one preflight check named `name` (its `body` as YAML at 6 spaces) in `cwd()`,
   * with `DATABASE_URL` set to the URL of `app`, overridden or extended by `env`.
   */
  preflight: (name: string, body: string, env?: Record<string, string>, io?: PreflightOptions['io']) => Promise<PreflightRun>;
}

/** Registers the hooks (call at the top of a test file); `prefix` names the temp folders. */
export function useSeededPostgres(prefix: string): SeededPostgres {
  let pg: Postgres | undefined;
  let cwd: string | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
    await pg.createDatabase('app', SEED);
  });
  afterAll(async () => {
    // Undefined when the server did not start.
    await pg?.stop();
  });
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
  });

  const server = (): Postgres => {
    if (!pg) throw new Error('PostgreSQL is not started: use it inside a test or hook');
    return pg;
  };
  const folder = (): string => {
    if (cwd === undefined) throw new Error('no working directory: use it inside a test');
    return cwd;
  };
  return {
    pg: server,
    cwd: folder,
    preflight: (name, body, env = {}, io = {}) =>
      runPreflight(`    - name: ${name}\n      ${body}\n`, { cwd: folder(), env: { DATABASE_URL: server().url('app'), ...env }, io }),
  };
}
