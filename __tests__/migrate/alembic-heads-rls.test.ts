/**
 * Runbook 003's migration steps with the real alembic and PostgreSQL: a history with a
 * branch (two heads) fails the gate naming each head with its file; `0044` adds the RLS
 * policies `*_org_isolation` on two tables, and the verify checks find them and see
 * tenant isolation hold for the application's role with `app.current_org_id` set.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, phase, projectCopy, runMigrate } from './helpers.js';

const RLS = 'migrations/versions/0044_postgres_rls_org_isolation.py';
const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

const pg = postgresForFile();

function branch(id: string): string {
  return `"""A branch.\n\nRevision ID: ${id}\nRevises: 0044_postgres_rls_org_isolation\n"""\nfrom alembic import op\n\nrevision = "${id}"\ndown_revision = "0044_postgres_rls_org_isolation"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n    op.execute("CREATE TABLE ${id.replace(/^\d+_/, '')} (id int)")\n\n\ndef downgrade() -> None:\n    pass\n`;
}

describe('runbook 003 migrations with the real alembic', () => {
  it('applies the RLS policies, and the verify checks see tenants isolated', async () => {
    await pg.createDatabase('rls');
    await pg.sql('rls', 'CREATE ROLE app_user NOLOGIN; ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app_user;');
    const project = projectCopy('go-no-go', [RLS]);
    const env = { DATABASE_URL: pg.url('rls'), ORG_ID: ORG_A };
    const first = await runMigrate({ dir: project.dir, environment: 'local', env, inputs: { mode: 'apply' } });
    expect(phase(first, 'apply').status).toBe('passed');
    expect(phase(first, 'rls-policies-present').status).toBe('failed');
    await pg.sql('rls', `INSERT INTO leads (org_id, name) VALUES ('${ORG_A}', 'a1'), ('${ORG_A}', 'a2'), ('${ORG_B}', 'b1')`);
    project.addHeld();

    const run = await runMigrate({ dir: project.dir, environment: 'local', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'plan').summary).toContain('current 0043_leads_and_bookings → head 0044_postgres_rls_org_isolation: 1 pending');
    // Enabling RLS and adding policies narrows access: nothing to acknowledge.
    expect(phase(run, 'acknowledge').summary).toBe('no pending migration needs an acknowledgement');
    expect(phase(run, 'apply').status).toBe('passed');
    expect(phase(run, 'rls-policies-present').status).toBe('passed');
    expect(phase(run, 'tenant-isolation-on-leads').status).toBe('passed');
    expect(phase(run, 'no-rows-without-a-tenant').status).toBe('passed');
    expect(run.status).toBe('passed');
    const policies = await pg.sql('rls', "SELECT policyname FROM pg_policies WHERE policyname LIKE '%org_isolation%' ORDER BY 1");
    expect(policies.map((row) => row.policyname)).toEqual(['bookings_org_isolation', 'leads_org_isolation']);
  }, 240_000);

  it('fails on two heads, naming each with its file, before anything runs', async () => {
    await pg.createDatabase('heads');
    const project = projectCopy('go-no-go');
    writeFileSync(join(project.dir, 'migrations/versions/0045_invoices.py'), branch('0045_invoices'));
    writeFileSync(join(project.dir, 'migrations/versions/0045_quotes.py'), branch('0045_quotes'));
    commitAll(project.dir, 'two branches');
    const run = await runMigrate({
      dir: project.dir,
      environment: 'local',
      env: { DATABASE_URL: pg.url('heads'), ORG_ID: ORG_A },
      inputs: { mode: 'apply' },
    });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('failed');
    expect(plan.measured).toBe('2 heads');
    expect(plan.summary).toContain('0045_invoices (migrations/versions/0045_invoices.py)');
    expect(plan.summary).toContain('0045_quotes (migrations/versions/0045_quotes.py)');
    expect(phase(run, 'apply').status).toBe('skipped');
    expect(await pg.sql('heads', "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  }, 240_000);
});
