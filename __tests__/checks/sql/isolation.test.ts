/**
 * Runbook 003's RLS checks as written, against real row level security: "SET LOCAL
 * app.current_org_id = '<org_uuid>'; SELECT COUNT(*) FROM leads — returns only the
 * tenant's rows; same query without SET LOCAL should return 0". Isolation binds only a
 * non-superuser role with SET LOCAL in the query's transaction; these tests show the
 * check passes there, and fails (with the reason) where RLS does not bind.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ORG_A, useSqlServer } from './sql-postgres.js';

const { pg, preflight } = useSqlServer();

/** Only the tenant's rows: none of another org, and some of its own. */
const ISOLATION = `      sql: SELECT count(*) FILTER (WHERE org_id <> $1::uuid) AS other_tenants, count(*) AS visible FROM leads
      params: ["\${ORG_ID}"]
      set: { app.current_org_id: "\${ORG_ID}" }
      expect:
        json:
          $[0].other_tenants: 0
          $[0].visible: { gte: 1 }
`;

describe('tenant isolation (runbook 003)', () => {
  it('as the application role with SET LOCAL: only the tenant’s rows', async () => {
    const { check } = await preflight(`    - name: tenant isolation holds on leads\n      role: app_user\n${ISOLATION}`, {
      env: { ORG_ID: ORG_A },
    });
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.measured).toBe('$[0].other_tenants = 0, $[0].visible = 3');
    expect(result.details[0]).toMatch(new RegExp(`, SET LOCAL ROLE app_user, SET LOCAL app.current_org_id = "${ORG_A}"$`));
    expect(result.data).toMatchObject({
      role: 'app_user',
      settings: { 'app.current_org_id': ORG_A },
      user: { name: 'app_user', superuser: false, bypassRls: false, ownsUnforced: [] },
      rows: [{ other_tenants: 0, visible: 3 }],
    });
    expect(result.details.some((line) => line.startsWith('⚠'))).toBe(false);
  });

  it('without SET LOCAL the same query returns 0 rows', async () => {
    const result = (
      await preflight(`    - name: no tenant, no leads
      sql: SELECT count(*) FROM leads
      role: app_user
      expect: { value: 0 }
`)
    ).check();
    expect(result).toMatchObject({ status: 'passed', measured: 'count = 0' });
  });

  it('as the superuser RLS does not bind: the check fails, and says why', async () => {
    const { check } = await preflight(`    - name: tenant isolation as the superuser\n${ISOLATION}`, { env: { ORG_ID: ORG_A } });
    const result = check();
    expect(result).toMatchObject({ status: 'failed', summary: '$[0].other_tenants: measured 2, expected == 0' });
    expect(result.details).toContain(
      "⚠ runs as postgres, a superuser: row level security does not apply (set role: to the application's role)",
    );
    expect(result.data).toMatchObject({ user: { name: 'postgres', superuser: true } });
  });

  it("runbook 003's own pg_policies query fails on polname; policyname works", async () => {
    const asWritten = (
      await preflight(
        `    - sql: SELECT polname FROM pg_policies WHERE polname LIKE '%org_isolation%'\n      expect: { rows: { gte: 2 } }\n`,
      )
    ).check();
    expect(asWritten).toMatchObject({ status: 'failed', measured: 'SQLSTATE 42703' });
    expect(asWritten.summary).toMatch(/^ERROR 42703: column "polname" does not exist/);

    const fixed = (
      await preflight(
        `    - sql: SELECT policyname FROM pg_policies WHERE policyname LIKE '%org_isolation%'\n      expect: { rows: { gte: 2 } }\n`,
      )
    ).check();
    expect(fixed).toMatchObject({ status: 'passed', measured: 'rows = 3' });
  });

  describe("a table's owner", () => {
    const OWNER_PASSWORD = 'owner-Pw-71c3';
    beforeAll(async () => {
      await pg().sql(
        'app',
        `CREATE ROLE notes_owner LOGIN PASSWORD '${OWNER_PASSWORD}';
         GRANT CREATE, USAGE ON SCHEMA public TO notes_owner;
         SET ROLE notes_owner;
         CREATE TABLE notes (id serial PRIMARY KEY, org_id uuid NOT NULL);
         INSERT INTO notes (org_id) VALUES ('${ORG_A}'), (gen_random_uuid());
         ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
         CREATE POLICY notes_org_isolation ON notes USING (org_id = nullif(current_setting('app.current_org_id', true), '')::uuid);
         RESET ROLE;`,
      );
    });

    it('bypasses RLS unless it is forced: the check fails, and the owner is named', async () => {
      const url = pg().url('app', { user: 'notes_owner', password: OWNER_PASSWORD });
      const result = (
        await preflight(
          `    - sql: SELECT count(*) FROM notes WHERE org_id <> $1::uuid
      params: ["\${ORG_ID}"]
      set: { app.current_org_id: "\${ORG_ID}" }
      expect: { value: 0 }
`,
          { env: { ORG_ID: ORG_A, DATABASE_URL: url } },
        )
      ).check();
      expect(result).toMatchObject({ status: 'failed', summary: 'count: measured 1, expected == 0' });
      expect(result.details).toContain(
        "⚠ notes_owner owns notes: row level security does not apply to a table's owner unless FORCE ROW LEVEL SECURITY is set",
      );
    });
  });
});
