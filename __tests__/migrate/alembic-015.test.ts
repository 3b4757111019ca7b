/**
 * Runbook 000's migration 015 with the real alembic (Debian's, run by /usr/bin/python3)
 * against a real PostgreSQL: refused without an acknowledgement, with the database
 * proven untouched by a full schema and data dump; applied with one, after which the
 * verify checks find the three tables empty; an edit after the acknowledgement voids it
 * and the gate shows the statements that differ.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsIn, migrationsMarker, type AppliedMigrationRecord } from '../../src/evidence/identity.js';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, fullDump, phase, projectCopy, runMigrate } from './helpers.js';

const MIGRATION = 'backend/alembic/versions/015_role_first_applications_pause_reset.py';
const ID = '015_role_first_applications_pause_reset';

const pg = postgresForFile();

/** A database at 014 with rows in the three tables, and a project copy with 015 pending. */
async function prepared(name: string): Promise<{ dir: string; env: Record<string, string> }> {
  await pg.createDatabase(name);
  const { dir, addHeld } = projectCopy('taali-pre-pilot', [MIGRATION]);
  const env = { DATABASE_URL: pg.url(name) };
  // 001–014 create tables only: no acknowledgement needed.
  const setup = await runMigrate({ dir, environment: 'local', env, inputs: { mode: 'apply' } });
  expect(phase(setup, 'apply').status).toBe('passed');
  await pg.sql(
    name,
    `INSERT INTO roles (title) VALUES ('r');
     INSERT INTO candidates (full_name, email) SELECT 'c' || n, 'c' || n || '@x' FROM generate_series(1, 1204) n;
     INSERT INTO candidate_applications (role_id, candidate_id) SELECT 1, id FROM candidates;
     INSERT INTO assessments (candidate_id) SELECT id FROM candidates WHERE id <= 10;`,
  );
  addHeld();
  return { dir, env };
}

describe('runbook 000 migration 015 with the real alembic', () => {
  it('is refused without an acknowledgement, and the database is untouched', async () => {
    const { dir, env } = await prepared('refused');
    const before = fullDump(pg, 'refused');
    const run = await runMigrate({ dir, environment: 'local', env, inputs: { mode: 'apply' } });
    const after = fullDump(pg, 'refused');
    expect(after).toBe(before);
    expect(before).toContain('alembic_version');
    expect(run.status).toBe('failed');
    expect(phase(run, 'plan').summary).toContain(`current 014_role_tasks → head ${ID}: 1 pending`);
    const analyse = phase(run, 'analyse');
    expect(analyse.status).toBe('passed');
    const acknowledge = phase(run, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    const text = acknowledge.details.join('\n');
    expect(text).toContain('would delete 1,204 rows from candidates');
    expect(text).toContain('would delete 1,204 rows from candidate_applications');
    expect(text).toContain('would delete 10 rows from assessments');
    expect(text).toMatch(/versions\/015_role_first_applications_pause_reset\.py:2\d\) delete-without-where: DELETE FROM candidates/);
    const token = (acknowledge.data as { missing: { token: string }[] }).missing[0]?.token ?? '';
    expect(token.length).toBeLessThanOrEqual(50);
    expect(acknowledge.summary).toContain(`add the label ${token}`);
    expect(phase(run, 'apply')).toMatchObject({ status: 'skipped', measured: 'not run' });
  }, 180_000);

  it('applies with an acknowledgement bound to id, hash and environment; counts are then 0', async () => {
    const { dir, env } = await prepared('applied');
    const first = await runMigrate({ dir, environment: 'local', env, inputs: { mode: 'apply' } });
    const { token } = (phase(first, 'acknowledge').data as { missing: { token: string }[] }).missing[0] ?? { token: '' };
    // A token for another environment does not count.
    const other = await runMigrate({
      dir,
      environment: 'staging',
      env: { ...env, STAGING_API_BASE: 'http://127.0.0.1:1' },
      inputs: { mode: 'apply', acknowledge: token },
    });
    expect(phase(other, 'acknowledge').status).toBe('failed');

    const run = await runMigrate({
      dir,
      environment: 'local',
      env: { ...env, GITHUB_ACTOR: 'octo-release' },
      inputs: { mode: 'apply', acknowledge: token },
    });
    expect(phase(run, 'acknowledge')).toMatchObject({ status: 'passed' });
    expect(phase(run, 'acknowledge').summary).toContain(`${ID} acknowledged by octo-release (dispatch)`);
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect(apply.summary).toContain(`current = head ${ID}`);
    for (const id of ['candidates-emptied', 'assessments-emptied', 'candidate-applications-emptied', 'schema-objects-exist']) {
      expect({ id, status: phase(run, id).status }).toEqual({ id, status: 'passed' });
    }
    expect(run.status).toBe('passed');
    const rows = await pg.sql('applied', 'SELECT (SELECT count(*) FROM candidates) AS c, (SELECT version_num FROM alembic_version) AS v');
    expect(rows[0]).toEqual({ c: '0', v: ID });
    // The record the rollback gate reads.
    const applied = (apply.data as { appliedMigrations: AppliedMigrationRecord[] }).appliedMigrations;
    expect(applied).toEqual([
      {
        id: ID,
        hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        destructive: true,
        compatible: true,
        findings: expect.arrayContaining(['delete-without-where']),
      },
    ]);
    expect(migrationsIn(`text\n${migrationsMarker(applied)}`)).toEqual(applied);
  }, 240_000);

  it('voids the acknowledgement when 015 is edited, and shows what changed', async () => {
    const { dir, env } = await prepared('edited');
    const first = await runMigrate({ dir, environment: 'local', env, inputs: { mode: 'apply' } });
    const { hash } = (phase(first, 'acknowledge').data as { missing: { hash: string }[] }).missing[0] ?? { hash: '' };
    const acks = `- migration: ${ID}\n  hash: "${hash}"\n  environment: local\n  reason: pre-pilot reset\n`;
    const config = join(dir, 'release-gates.yml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('acknowledgements-file: .github/migration-acks.yml', 'acknowledgements-file: acks.yml'),
    );
    writeFileSync(join(dir, 'acks.yml'), acks);
    commitAll(dir, 'acknowledge 015');
    const file = join(dir, MIGRATION);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'op.execute("DELETE FROM candidates")',
        'op.execute("DELETE FROM candidates")\n    op.execute("DELETE FROM role_tasks")',
      ),
    );
    commitAll(dir, '015 also resets role tasks');
    const before = fullDump(pg, 'edited');
    const run = await runMigrate({ dir, environment: 'local', env, inputs: { mode: 'apply' } });
    expect(fullDump(pg, 'edited')).toBe(before);
    const acknowledge = phase(run, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    expect(acknowledge.summary).toContain(`${ID} changed since it was acknowledged`);
    const text = acknowledge.details.join('\n');
    expect(text).toContain(`acknowledged ${hash}`);
    expect(text).toContain('by Test Author <author@example.com>');
    expect(text).toContain('+ op.execute("DELETE FROM role_tasks")');
  }, 240_000);
});
