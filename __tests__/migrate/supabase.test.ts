/**
 * The real Supabase CLI (npm `supabase`, CLI 3) against a real PostgreSQL, without
 * Docker: runbook 000's migrations as `supabase/migrations/<version>_<name>.sql`. The
 * versions are pending in file order; 015's deletes without WHERE stop the gate without
 * an acknowledgement and the database is untouched (not even Supabase's history table);
 * with one in the config each file is pushed alone and recorded in
 * `supabase_migrations.schema_migrations`, under the config's timeouts; a file older than
 * an applied version, or an applied version without its file, is refused before anything
 * runs; a rehearsal applies on a scratch database, with no round-trip (supabase has no down).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMigrationList, supabaseTarget } from '../../src/migrate/tools/supabase.js';
import { REPO_ROOT } from '../support/bundle.js';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, fullDump, phase, projectCopy, runMigrate } from './helpers.js';

const pg = postgresForFile();

const PATH = `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;
const url = (database: string) => `${pg.url(database)}?sslmode=disable`;
const VERSIONS = ['001', '013', '014', '015'];
const FILES = ['001_initial_schema', '013_candidate_applications', '014_role_tasks', '015_role_first_applications_pause_reset'].map(
  (name) => `supabase/migrations/${name}.sql`,
);

function withSection(dir: string, lines: string): void {
  const file = join(dir, 'release-gates.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('migrate:\n  tool: supabase\n', `migrate:\n  tool: supabase\n${lines}`));
  commitAll(dir, 'config');
}

/** Acknowledges 015 in the config with the hash a first run asked for. */
async function acknowledge015(dir: string, env: Record<string, string>): Promise<void> {
  const first = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
  const missing = (phase(first, 'acknowledge').data as { missing: { migration: string; hash: string }[] }).missing;
  expect(missing.map((m) => m.migration)).toEqual(['015']);
  withSection(dir, `  acknowledgements:\n    - { migration: "015", hash: "${missing[0]?.hash ?? ''}", environment: staging, by: Dana }\n`);
}

describe('supabase', () => {
  it('lists the pending versions in file order, and refuses 015 without an acknowledgement', async () => {
    await pg.createDatabase('refused');
    const before = fullDump(pg, 'refused');
    const { dir } = projectCopy('taali-pre-pilot/supabase');
    const run = await runMigrate({ dir, environment: 'staging', env: { PATH, DATABASE_URL: url('refused') }, inputs: { mode: 'apply' } });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('passed');
    expect(plan.data).toMatchObject({ tool: 'supabase', current: [], heads: [{ id: '015', file: FILES[3] }] });
    const pending = (plan.data as { pending: { id: string; file: string; parents: string[] }[] }).pending;
    expect(pending.map((m) => [m.id, m.file, m.parents])).toEqual(VERSIONS.map((id, i) => [id, FILES[i], i ? [VERSIONS[i - 1]] : []]));
    const analysed = (
      phase(run, 'analyse').data as { migrations: { id: string; findings: { code: string; table?: string; line: number }[] }[] }
    ).migrations;
    expect(analysed.map((m) => m.id)).toEqual(VERSIONS);
    // The file's lines 4-6: the three deletes without WHERE.
    expect(analysed[3]?.findings.filter((f) => f.code === 'delete-without-where').map((f) => [f.table, f.line])).toEqual([
      ['assessments', 4],
      ['candidate_applications', 5],
      ['candidates', 6],
    ]);
    const acknowledge = phase(run, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    expect((acknowledge.data as { missing: { migration: string }[] }).missing.map((m) => m.migration)).toEqual(['015']);
    expect(phase(run, 'apply').status).toBe('skipped');
    expect(run.status).toBe('failed');
    // Not even supabase_migrations: the database is as it was.
    expect(fullDump(pg, 'refused')).toBe(before);
    // Nothing of the password in what the gate shows.
    expect(JSON.stringify(run)).not.toContain(pg.password);
  }, 300_000);

  it('pushes one file at a time with an acknowledgement from the config, and is at the head afterwards', async () => {
    await pg.createDatabase('applied');
    const { dir } = projectCopy('taali-pre-pilot/supabase');
    const env = { PATH, DATABASE_URL: url('applied') };
    await acknowledge015(dir, env);
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'acknowledge').summary).toBe('015 acknowledged by Dana (config)');
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual(VERSIONS);
    expect(JSON.stringify(apply)).not.toContain(pg.password);
    expect(run.status).toBe('passed');
    // Supabase's own history: one row per version, each with its name.
    const rows = await pg.sql('applied', 'SELECT version, name FROM supabase_migrations.schema_migrations ORDER BY version');
    expect(rows.map((row) => [row.version, row.name])).toEqual([
      ['001', 'initial_schema'],
      ['013', 'candidate_applications'],
      ['014', 'role_tasks'],
      ['015', 'role_first_applications_pause_reset'],
    ]);
    expect(await pg.sql('applied', "SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'paused_at'")).toEqual([
      { n: 1 },
    ]);
    // A second run: nothing pending, current equals the head.
    const again = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(again, 'plan').data).toMatchObject({ current: ['015'], heads: [{ id: '015' }], pending: [] });
    expect(again.status).toBe('passed');
    // A file the database has applied is gone: db push would refuse this history, and so does the plan.
    rmSync(join(dir, FILES[2] ?? ''));
    commitAll(dir, 'drop 014');
    const gone = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect([phase(gone, 'plan').status, phase(gone, 'plan').summary]).toEqual([
      'failed',
      'supabase could not list the migrations: supabase: the database has applied 014, which supabase/migrations lacks (supabase db push refuses this history; bring the files back or run supabase migration repair)',
    ]);
  }, 300_000);

  it("pushes under the config's lock-timeout and statement-timeout (PGOPTIONS reaches the CLI)", async () => {
    await pg.createDatabase('settings');
    const { dir } = projectCopy('taali-pre-pilot/supabase');
    // Fails the push unless the session has the config's timeouts (lock-timeout: 5s, statement-timeout: 10m).
    writeFileSync(
      join(dir, 'supabase/migrations/016_settings.sql'),
      "DO $$ BEGIN IF current_setting('lock_timeout') <> '5s' OR current_setting('statement_timeout') <> '10min' THEN " +
        "RAISE EXCEPTION 'lock_timeout=% statement_timeout=%', current_setting('lock_timeout'), current_setting('statement_timeout'); END IF; END $$;\n",
    );
    commitAll(dir, '016');
    const env = { PATH, DATABASE_URL: url('settings') };
    await acknowledge015(dir, env);
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    const apply = phase(run, 'apply');
    expect([apply.status, apply.summary]).toEqual(['passed', expect.any(String)]);
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual([...VERSIONS, '016']);
  }, 300_000);

  it('refuses a file older than an applied version before anything runs, as db push would', async () => {
    await pg.createDatabase('late');
    const { dir, addHeld } = projectCopy('taali-pre-pilot/supabase', [FILES[2] ?? '']);
    const env = { PATH, DATABASE_URL: url('late') };
    await acknowledge015(dir, env);
    const first = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect((phase(first, 'apply').data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual(['001', '013', '015']);
    addHeld();
    const before = fullDump(pg, 'late');
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('failed');
    expect(plan.summary).toContain(
      'supabase could not list the migrations: supabase: supabase/migrations/014_role_tasks.sql is older than 015, which the database has applied; supabase db push refuses it without --include-all',
    );
    expect(phase(run, 'apply').status).toBe('skipped');
    expect(fullDump(pg, 'late')).toBe(before);
  }, 300_000);

  it('rehearses on a scratch database without a round-trip (no down), and drops it', async () => {
    await pg.createDatabase('target');
    const { dir } = projectCopy('taali-pre-pilot/supabase');
    withSection(dir, '  rehearsal: { server: "${REHEARSAL_SERVER}" }\n');
    const env = { PATH, DATABASE_URL: url('target'), REHEARSAL_SERVER: url('postgres') };
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'rehearse' } });
    const rehearse = phase(run, 'rehearse');
    expect(rehearse.status).toBe('passed');
    expect(rehearse.summary).toMatch(/^rehearsed 4 migrations on a scratch database in [^,]+$/);
    const migrations = (rehearse.data as { migrations: { id: string; applyMs: number; downMs?: number }[] }).migrations;
    expect(migrations.map((m) => [m.id, typeof m.applyMs, m.downMs])).toEqual(VERSIONS.map((id) => [id, 'number', undefined]));
    expect((await pg.databases()).filter((name) => name.startsWith('release_gates_'))).toEqual([]);
    expect(await pg.sql('target', "SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'supabase_migrations'")).toEqual([{ n: 0 }]);
  }, 300_000);
});

describe('supabase migration list and target', () => {
  it('reads the applied versions from the JSON listing, not the local-only files', () => {
    const stdout =
      '{"migrations":[{"local":"001","remote":"001","time":"001"},{"local":"013","remote":"","time":"013"},{"local":"","remote":"20240101000000","time":"2024-01-01 00:00:00"}],"message":"Migrations listed"}\n';
    expect(parseMigrationList(stdout)).toEqual(['001', '20240101000000']);
  });

  it('says what it expected when the listing is not JSON (a CLI before 3)', () => {
    expect(() => parseMigrationList('  Local | Remote\n')).toThrow(/expected JSON on stdout \(CLI 3 or later\), got: Local \| Remote/);
    expect(() => parseMigrationList('{"message":"x"}')).toThrow('supabase migration list: the JSON has no "migrations" list');
  });

  it('keeps the password out of the --remote flag and hands it over as PGPASSWORD', () => {
    expect(supabaseTarget('postgres://app:s3cr%40t@db.internal:5433/taali?sslmode=require')).toEqual({
      flag: '--remote=postgres://app@db.internal:5433/taali?sslmode=require',
      env: { PGPASSWORD: 's3cr@t' },
    });
    expect(() => supabaseTarget('mysql://x@y/z')).toThrow(/not a postgres:\/\/ or postgresql:\/\/ URL/);
  });
});
