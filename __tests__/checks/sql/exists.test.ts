/**
 * The `exists` form of the `sql` kind against a real server: runbook 000's `\d` checks,
 * runbook 004's tables, views, functions and indexes, and runbook 003's
 * `*_org_isolation` policies. Each missing object is named.
 */
import { describe, expect, it } from '@jest/globals';
import { useSqlServer } from './sql-postgres.js';

const { preflight } = useSqlServer();

describe('sql: { exists: … }', () => {
  it("runbook 000's \\d checks pass when every table is there", async () => {
    const { check } = await preflight(`    - name: schema objects exist
      sql: { exists: { tables: [roles, candidate_applications, role_tasks, assessments] } }
`);
    const result = check();
    expect(result).toMatchObject({
      status: 'passed',
      summary: 'every object exists: tables 4 of 4 present',
      measured: 'tables 4 of 4 present',
      expected: 'tables roles, candidate_applications, role_tasks, assessments',
    });
    expect(result.details.slice(1)).toEqual([
      '✓ table roles: table',
      '✓ table candidate_applications: table',
      '✓ table role_tasks: table',
      '✓ table assessments: table',
    ]);
  });

  it('names each missing object, per category, and what a wrong kind of object is', async () => {
    const { check } = await preflight(`    - name: alias objects exist (runbook 004)
      sql:
        exists:
          tables: [employer_aliases, employer_alias_decisions, public.roles]
          views: [v_employer_alias_coverage, employer_aliases]
          functions: [normalize_employer_name, "normalize_employer_name(text)", "normalize_employer_name(integer)", search_employer_aliases]
          indexes: [idx_employer_aliases_normalized, idx_employer_aliases_alias]
          columns: { roles: [id, name, job_spec], candidate_applications: [cv] }
`);
    const result = check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe(
      'missing: table employer_alias_decisions, view employer_aliases (is a table, not a view) and function normalize_employer_name(integer) (+3 more)',
    );
    expect(result.measured).toBe('tables missing employer_alias_decisions');
    expect(result.details.slice(1)).toEqual([
      '✓ table employer_aliases: table',
      '✗ table employer_alias_decisions: not found',
      '✓ table public.roles: table',
      '✓ view v_employer_alias_coverage: view',
      '✗ view employer_aliases: is a table, not a view',
      '✓ function normalize_employer_name: found',
      '✓ function normalize_employer_name(text): found',
      '✗ function normalize_employer_name(integer): not found',
      '✗ function search_employer_aliases: not found',
      '✓ index idx_employer_aliases_normalized: index',
      '✗ index idx_employer_aliases_alias: not found',
      '✓ columns of roles: id, name and job_spec',
      '✗ columns of candidate_applications: missing cv',
    ]);
    expect(result.data).toMatchObject({
      exists: {
        tables: [
          { kind: 'table', name: 'employer_aliases', ok: true },
          { kind: 'table', name: 'employer_alias_decisions', ok: false, note: 'not found' },
          { kind: 'table', name: 'public.roles', ok: true },
        ],
        indexes: [{ ok: true }, { name: 'idx_employer_aliases_alias', ok: false }],
      },
    });
  });

  it("runbook 003's RLS policies: each *_org_isolation pattern by table, with row level security on", async () => {
    const { check } = await preflight(`    - name: RLS policies present
      sql:
        exists:
          rls: [leads, bookings, invoices]
          policies: { leads: "*_org_isolation", bookings: ["*_org_isolation"], invoices: "*_org_isolation", roles: "*_org_isolation" }
`);
    const result = check();
    expect(result.status).toBe('failed');
    expect(result.details.slice(1)).toEqual([
      '✓ row level security on leads: enabled',
      '✓ row level security on bookings: enabled',
      '✗ row level security on invoices: row level security is disabled',
      '✓ policy *_org_isolation on leads: leads_org_isolation',
      '✓ policy *_org_isolation on bookings: bookings_org_isolation',
      '✗ policy *_org_isolation on invoices: invoices_org_isolation exists, but row level security is disabled on invoices, so it binds no one',
      '✗ policy *_org_isolation on roles: none matches (the table has no policies)',
    ]);
    expect(result.summary).toMatch(
      /^missing: row level security on invoices \(row level security is disabled\), policy \*_org_isolation on invoices/,
    );
  });

  it('passes on the policies that are there', async () => {
    const result = (
      await preflight(`    - sql: { exists: { policies: { leads: "*_org_isolation", bookings: "bookings_org_isolation" } } }\n`)
    ).check();
    expect(result).toMatchObject({ status: 'passed', measured: 'policies 2 of 2 present' });
    expect(result.name).toBe('exists: policies leads, bookings');
  });
});
