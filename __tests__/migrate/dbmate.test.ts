/**
 * The real dbmate (npm) against a real PostgreSQL: runbook 000's migrations as dbmate
 * files. A rehearsal applies the pending migrations to a scratch database on the
 * configured server, one at a time with the down/up round-trip, reports their timings,
 * and always drops the scratch database; the target is untouched. An acknowledgement in
 * the config lets the apply run, one file at a time.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/bundle.js';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, phase, projectCopy, runMigrate } from './helpers.js';

const pg = postgresForFile();

const PATH = `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;
const url = (database: string) => `${pg.url(database)}?sslmode=disable`;

function withSection(dir: string, lines: string): void {
  const file = join(dir, 'release-gates.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('migrate:\n  tool: dbmate\n', `migrate:\n  tool: dbmate\n${lines}`));
  commitAll(dir, 'config');
}

describe('dbmate', () => {
  it('rehearses on a scratch database with the round-trip, and drops it', async () => {
    await pg.createDatabase('target');
    const { dir } = projectCopy('taali-pre-pilot/dbmate');
    withSection(dir, '  rehearsal: { server: "${REHEARSAL_SERVER}" }\n');
    const env = { PATH, DATABASE_URL: url('target'), REHEARSAL_SERVER: url('postgres') };
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'rehearse' } });
    const rehearse = phase(run, 'rehearse');
    expect(rehearse.status).toBe('passed');
    expect(rehearse.summary).toMatch(/^rehearsed 4 migrations on a scratch database in .+, each round-tripped down and up$/);
    const migrations = (rehearse.data as { migrations: { id: string; applyMs: number; downMs?: number; upMs?: number }[] }).migrations;
    expect(migrations.map((m) => m.id)).toEqual(['001', '013', '014', '015']);
    for (const m of migrations) expect([typeof m.applyMs, typeof m.downMs, typeof m.upMs]).toEqual(['number', 'number', 'number']);
    expect(rehearse.details.join('\n')).toMatch(/✓ dropped scratch database release_gates_rehearsal_/);
    expect((await pg.databases()).filter((name) => name.startsWith('release_gates_'))).toEqual([]);
    // The rehearsal does not need the acknowledgement; the real apply will.
    expect(phase(run, 'acknowledge').status).toBe('failed');
    expect(phase(run, 'candidates-emptied').status).toBe('skipped');
    expect(await pg.sql('target', "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  }, 300_000);

  it('applies one file at a time with an acknowledgement from the config', async () => {
    await pg.createDatabase('applied');
    const { dir } = projectCopy('taali-pre-pilot/dbmate');
    const env = { PATH, DATABASE_URL: url('applied') };
    const first = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    const missing = (phase(first, 'acknowledge').data as { missing: { migration: string; hash: string }[] }).missing;
    expect(missing.map((m) => m.migration)).toEqual(['015']);
    withSection(
      dir,
      `  acknowledgements:\n    - { migration: "015", hash: "${missing[0]?.hash ?? ''}", environment: staging, by: Dana }\n`,
    );
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'acknowledge').summary).toBe('015 acknowledged by Dana (config)');
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual(['001', '013', '014', '015']);
    expect(run.status).toBe('passed');
    const versions = await pg.sql('applied', 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(['001', '013', '014', '015']);
  }, 300_000);
});
