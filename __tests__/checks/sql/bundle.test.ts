/**
 * `release-gates run preflight` through the real bundle (built from today's src/) with
 * `sql` checks against a real server: runbook 000's post-migration verification. The
 * table a person reads, the exit code, the evidence record, and no password anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../config/helpers.js';
import { useSqlServer } from './sql-postgres.js';

const { pg } = useSqlServer();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-sql-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = `version: 1
environments:
  staging: { database: "\${STAGING_DATABASE_URL}" }
preflight:
  checks:
    # Runbook 000, 5. Post-Migration Verification: SELECT COUNT(*) FROM candidates; … Expected: all 0
    - name: candidates emptied by migration 015
      sql: SELECT count(*) FROM candidates
      expect: { value: 0 }
    - name: assessments emptied by migration 015
      sql: SELECT count(*) FROM assessments
      expect: { value: 0 }
    # \\d roles, \\d candidate_applications, \\d role_tasks, \\d assessments
    - name: schema objects exist
      sql: { exists: { tables: [roles, candidate_applications, role_tasks, assessments] } }
`;

describe('release-gates run preflight with sql checks (bundle)', () => {
  it('fails on the count, passes the rest, and writes the evidence without the password', async () => {
    const config = join(dir, 'release-gates.yml');
    const evidence = join(dir, 'evidence.json');
    await writeFile(config, CONFIG);
    const { code, stdout, stderr } = await runCli(['run', 'preflight', '--config', config, '--env', 'staging', '--json', evidence], {
      STAGING_DATABASE_URL: pg().url('app'),
    });
    const out = stdout + stderr;
    expect(out).toMatch(/candidates emptied by migration 015\s*│ ✗ failed\s*│ count = 3\s*│ count == 0/);
    expect(out).toMatch(/assessments emptied by migration 015\s*│ ✓ passed\s*│ count = 0/);
    expect(out).toMatch(/schema objects exist\s*│ ✓ passed\s*│ tables 4 of 4 present/);
    expect(out).toContain('count: measured 3, expected == 0');
    expect(out).not.toContain(pg().password);
    expect(code).toBe(1);

    const record = await readFile(evidence, 'utf8');
    expect(record).not.toContain(pg().password);
    const checks = (JSON.parse(record) as { gates: { checks: { name: string; kind: string; data: unknown }[] }[] }).gates[0]?.checks;
    expect(checks?.[0]).toMatchObject({
      kind: 'sql',
      data: { target: `127.0.0.1:${pg().port}/app`, from: 'environments.staging.database', rows: [{ count: 3 }] },
    });
  }, 60_000);
});
