/**
 * What the `sql` tests share: one throwaway PostgreSQL server per test file with the
 * database `app` seeded by {@link SEED} (the objects of runbooks 000, 003 and 004), and
 * preflight runs of `sql` checks against it through the real config path.
 */
import { afterAll, beforeAll } from '@jest/globals';
import type { GateEvent } from '../../../src/engine/run-gate.js';
import { preflightGate } from '../../../src/gates/preflight/index.js';
import { runGates } from '../../../src/gates/run.js';
import { SecretRegistry } from '../../../src/secrets/registry.js';
import { checkFinder, noHttp, withConfigFile } from '../../support/gate-run.js';
import { startPostgres, type Postgres } from '../../support/postgres.js';
import { preflightYaml, type PreflightRun } from '../junit/run-preflight.js';

/** Two tenants, as runbook 003's `app.current_org_id` names them. */
export const ORG_A = '11111111-1111-4111-8111-111111111111';
export const ORG_B = '22222222-2222-4222-8222-222222222222';

/**
 * Runbook 000's tables (candidates holds 3 rows: the reset has not run), runbook 003's
 * tenant tables with `*_org_isolation` policies (leads: 3 rows of A, 2 of B) and the
 * non-superuser role `app_user` they bind, and runbook 004's alias objects (5000 rows,
 * an index, a function, a view).
 */
export const SEED = `
  CREATE TABLE roles (id serial PRIMARY KEY, name text NOT NULL, job_spec text);
  CREATE TABLE role_tasks (id serial PRIMARY KEY, role_id int REFERENCES roles (id), title text);
  CREATE TABLE candidates (id serial PRIMARY KEY, email text);
  CREATE TABLE candidate_applications (id serial PRIMARY KEY, role_id int REFERENCES roles (id), candidate_id int REFERENCES candidates (id));
  CREATE TABLE assessments (id serial PRIMARY KEY, application_id int REFERENCES candidate_applications (id));
  INSERT INTO roles (name) VALUES ('engineer');
  INSERT INTO candidates (email) VALUES ('a@example.com'), ('b@example.com'), ('c@example.com');

  CREATE ROLE app_user NOLOGIN;
  CREATE TABLE leads (id serial PRIMARY KEY, org_id uuid NOT NULL, name text NOT NULL);
  INSERT INTO leads (org_id, name) VALUES
    ('${ORG_A}', 'a1'), ('${ORG_A}', 'a2'), ('${ORG_A}', 'a3'), ('${ORG_B}', 'b1'), ('${ORG_B}', 'b2');
  ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
  CREATE POLICY leads_org_isolation ON leads USING (org_id = nullif(current_setting('app.current_org_id', true), '')::uuid);
  CREATE TABLE bookings (id serial PRIMARY KEY, org_id uuid NOT NULL);
  ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;
  CREATE POLICY bookings_org_isolation ON bookings USING (org_id = nullif(current_setting('app.current_org_id', true), '')::uuid);
  CREATE TABLE invoices (id serial PRIMARY KEY, org_id uuid NOT NULL);
  CREATE POLICY invoices_org_isolation ON invoices USING (org_id = nullif(current_setting('app.current_org_id', true), '')::uuid);
  GRANT SELECT ON leads, bookings, invoices TO app_user;

  CREATE TABLE employer_aliases (id serial PRIMARY KEY, employer_id int NOT NULL, alias text NOT NULL, normalized_name text NOT NULL);
  INSERT INTO employer_aliases (employer_id, alias, normalized_name)
    SELECT i % 500, 'Alias ' || i, 'alias ' || i FROM generate_series(1, 5000) AS i;
  CREATE INDEX idx_employer_aliases_normalized ON employer_aliases (normalized_name);
  CREATE FUNCTION normalize_employer_name(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim($1)) $$;
  CREATE VIEW v_employer_alias_coverage AS SELECT employer_id, count(*) AS aliases FROM employer_aliases GROUP BY employer_id;
  ANALYZE;

  CREATE TABLE scratch (id serial PRIMARY KEY, note text);
`;

export interface SqlRunOptions {
  /** The process environment; `DATABASE_URL` points at `app` unless this sets it (to '' for none). */
  env?: Record<string, string>;
  /** Top-level config lines before `preflight:`, e.g. an `environments:` section. */
  head?: string;
  /** The environment to run, when `head` defines one. */
  environment?: string;
}

/** Runs `checks` (YAML list items at 4 spaces) in the preflight gate through the real config path. */
export function runSql(checks: string, options: SqlRunOptions = {}): Promise<PreflightRun> {
  return withConfigFile(preflightYaml(checks, options.head), 'rg-sql-', async (loaded, dir) => {
    const events: GateEvent[] = [];
    const secrets = new SecretRegistry();
    const env = Object.fromEntries(Object.entries(options.env ?? {}).filter(([, value]) => value !== ''));
    const run = await runGates({
      loaded,
      gates: [preflightGate],
      environment: options.environment,
      env,
      secrets,
      io: { http: noHttp },
      scope: { cwd: dir, env },
      onEvent: (_gate, event) => events.push(event),
    });
    return { run, events, secrets, check: checkFinder(run), text: JSON.stringify({ run, events }) };
  });
}

export interface SqlServer {
  pg: () => Postgres;
  /** {@link runSql} with `DATABASE_URL` pointing at `app` (unless `options.env` sets it). */
  preflight: (checks: string, options?: SqlRunOptions) => Promise<PreflightRun>;
}

/** Registers the hooks (call at the top of a test file). */
export function useSqlServer(): SqlServer {
  let pg: Postgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
    await pg.createDatabase('app', SEED);
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });
  const server = (): Postgres => {
    if (!pg) throw new Error('PostgreSQL is not started: use it inside a test or hook');
    return pg;
  };
  return {
    pg: server,
    preflight: (checks, options = {}) => runSql(checks, { ...options, env: { DATABASE_URL: server().url('app'), ...options.env } }),
  };
}
