/**
 * The real Prisma CLI (npm `prisma` 6.19.3) against a real PostgreSQL: runbook 000's
 * migrations as Prisma migrations (`examples/taali-pre-pilot/prisma`). The CLI runs
 * Prisma's WebAssembly schema engine through `@prisma/adapter-pg` (`engine: 'js'` in
 * prisma.config.ts), because the Rust schema engine is a download from
 * binaries.prisma.sh, which the test machines cannot reach (README, "Migrate").
 *
 * The first three migrations are deployed through the gate one at a time; then 015
 * arrives with rows in the tables: without an acknowledgement the gate refuses it and
 * the database is untouched; with one it is deployed and the database is at the head.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILES, parseStatus, stepConfig } from '../../src/migrate/tools/prisma.js';
import { REPO_ROOT } from '../support/bundle.js';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, fullDump, phase, projectCopy, runMigrate } from './helpers.js';

const pg = postgresForFile();

const MIGRATIONS = [
  '20250114090000_initial_schema',
  '20250210090000_candidate_applications',
  '20250211090000_role_tasks',
  '20250212090000_role_first_applications_pause_reset',
];
const RESET = MIGRATIONS[3] ?? '';
const fileOf = (id: string) => `prisma/migrations/${id}/migration.sql`;
/** The repo's prisma CLI on PATH; no telemetry call (the machine has no network). */
const env = (database: string, extra: Record<string, string> = {}) => ({
  PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
  CHECKPOINT_DISABLE: '1',
  DATABASE_URL: pg.url(database),
  ...extra,
});

function withSection(dir: string, lines: string): void {
  const file = join(dir, 'release-gates.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('migrate:\n  tool: prisma\n', `migrate:\n  tool: prisma\n${lines}`));
  commitAll(dir, 'config');
}

/**
 * The example with 015 held back (its folder removed until `addHeld`), the repo's
 * node_modules linked in for prisma.config.ts's imports, and the first three migrations
 * deployed through the gate into `database`, which then gets rows to lose.
 */
async function deployedBefore015(database: string): Promise<{ dir: string; addHeld: () => void }> {
  await pg.createDatabase(database);
  const project = projectCopy('taali-pre-pilot/prisma', [fileOf(RESET)]);
  rmSync(join(project.dir, 'prisma/migrations', RESET), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(project.dir, 'node_modules'));
  const first = await runMigrate({ dir: project.dir, environment: 'staging', env: env(database), inputs: { mode: 'apply' } });
  expect(phase(first, 'apply').status).toBe('passed');
  expect((phase(first, 'apply').data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual(MIGRATIONS.slice(0, 3));
  await pg.sql(
    database,
    `INSERT INTO roles (title) VALUES ('Engineer');
     INSERT INTO candidates (full_name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', 'grace@example.com');
     INSERT INTO candidate_applications (role_id, candidate_id) SELECT 1, id FROM candidates;
     INSERT INTO assessments (candidate_id) SELECT id FROM candidates;`,
  );
  return {
    dir: project.dir,
    addHeld: () => {
      mkdirSync(join(project.dir, 'prisma/migrations', RESET));
      project.addHeld();
    },
  };
}

describe('prisma', () => {
  it('lists 015 as pending after the three deployed, and refuses it without an acknowledgement: the database is untouched', async () => {
    const { dir, addHeld } = await deployedBefore015('refused');
    addHeld();
    const before = fullDump(pg, 'refused');
    const run = await runMigrate({ dir, environment: 'staging', env: env('refused'), inputs: { mode: 'apply' } });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('passed');
    expect(plan.data).toMatchObject({
      tool: 'prisma',
      current: [MIGRATIONS[2]],
      heads: [{ id: RESET, file: fileOf(RESET) }],
      pending: [{ id: RESET, file: fileOf(RESET), parents: [MIGRATIONS[2]] }],
    });
    const analysed = (
      phase(run, 'analyse').data as { migrations: { id: string; findings: { code: string; table?: string; line: number }[] }[] }
    ).migrations;
    expect(analysed.map((m) => m.id)).toEqual([RESET]);
    // migration.sql's lines 4-6: the three deletes without WHERE.
    expect(analysed[0]?.findings.filter((f) => f.code === 'delete-without-where').map((f) => [f.table, f.line])).toEqual([
      ['assessments', 4],
      ['candidate_applications', 5],
      ['candidates', 6],
    ]);
    expect(phase(run, 'analyse').details.join('\n')).toMatch(/would delete 2 rows from candidates/);
    const acknowledge = phase(run, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    expect((acknowledge.data as { missing: { migration: string }[] }).missing.map((m) => m.migration)).toEqual([RESET]);
    expect(phase(run, 'apply').status).toBe('skipped');
    expect(run.status).toBe('failed');
    // Not even _prisma_migrations: the database is as it was.
    expect(fullDump(pg, 'refused')).toBe(before);
  }, 600_000);

  it('deploys 015 with an acknowledgement from the config; the database is then at the head', async () => {
    const { dir, addHeld } = await deployedBefore015('applied');
    addHeld();
    const first = await runMigrate({ dir, environment: 'staging', env: env('applied'), inputs: { mode: 'apply' } });
    const missing = (phase(first, 'acknowledge').data as { missing: { migration: string; hash: string }[] }).missing;
    withSection(
      dir,
      `  acknowledgements:\n    - { migration: "${RESET}", hash: "${missing[0]?.hash ?? ''}", environment: staging, by: Dana }\n`,
    );
    const run = await runMigrate({ dir, environment: 'staging', env: env('applied'), inputs: { mode: 'apply' } });
    expect(phase(run, 'acknowledge').summary).toBe(`${RESET} acknowledged by Dana (config)`);
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual([RESET]);
    // The verify checks: runbook 000's counts are 0 and the tables exist.
    expect(phase(run, 'candidates-emptied').status).toBe('passed');
    expect(phase(run, 'schema-objects-exist').status).toBe('passed');
    expect(run.status).toBe('passed');
    // Prisma's own table: each migration recorded once, finished, in name order.
    const rows = await pg.sql(
      'applied',
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toEqual(MIGRATIONS.map((migration_name) => ({ migration_name, finished: true })));
    // A second run: nothing pending, current == head.
    const again = await runMigrate({ dir, environment: 'staging', env: env('applied'), inputs: { mode: 'apply' } });
    expect(phase(again, 'plan').data).toMatchObject({ current: [RESET], heads: [{ id: RESET }], pending: [] });
    expect(again.status).toBe('passed');
  }, 600_000);

  it('stops at a migration Prisma fails to deploy, runs nothing after it, and then names it as failed though others are pending', async () => {
    await pg.createDatabase('broken');
    const { dir } = projectCopy('taali-pre-pilot/prisma');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    rmSync(join(dir, 'prisma/migrations', RESET), { recursive: true });
    mkdirSync(join(dir, 'prisma/migrations/20250101000000_broken'));
    writeFileSync(join(dir, 'prisma/migrations/20250101000000_broken/migration.sql'), 'SELECT * FROM no_such_table;\n');
    commitAll(dir, 'a broken migration');
    const run = await runMigrate({ dir, environment: 'staging', env: env('broken'), inputs: { mode: 'apply' } });
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('failed');
    expect(apply.details.join('\n')).toMatch(/no_such_table/);
    expect(await pg.sql('broken', 'SELECT migration_name, finished_at FROM _prisma_migrations')).toEqual([
      { migration_name: '20250101000000_broken', finished_at: null },
    ]);
    expect(
      await pg.sql('broken', "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'"),
    ).toEqual([{ n: 0 }]);
    const again = await runMigrate({ dir, environment: 'staging', env: env('broken'), inputs: { mode: 'apply' } });
    expect(phase(again, 'plan').summary).toBe(
      'prisma could not list the migrations: prisma migrate status: migration 20250101000000_broken failed and is not resolved (prisma migrate resolve --rolled-back or --applied)',
    );
  }, 600_000);

  it("hands lock-timeout and statement-timeout to the migration's session (PGOPTIONS, read by node-postgres)", async () => {
    await pg.createDatabase('settings');
    const { dir } = projectCopy('taali-pre-pilot/prisma');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    rmSync(join(dir, 'prisma/migrations', RESET), { recursive: true });
    mkdirSync(join(dir, 'prisma/migrations/20250301000000_settings'));
    writeFileSync(
      join(dir, 'prisma/migrations/20250301000000_settings/migration.sql'),
      "CREATE TABLE settings AS SELECT current_setting('lock_timeout') AS lock_timeout, current_setting('statement_timeout') AS statement_timeout;\n",
    );
    commitAll(dir, 'a migration that records its settings');
    const run = await runMigrate({ dir, environment: 'staging', env: env('settings'), inputs: { mode: 'apply' } });
    expect(phase(run, 'apply').status).toBe('passed');
    // The example's lock-timeout: 5s and statement-timeout: 10m.
    expect(await pg.sql('settings', 'SELECT * FROM settings')).toEqual([{ lock_timeout: '5s', statement_timeout: '10min' }]);
  }, 600_000);

  it('fails the plan when migrations-dir is not the folder Prisma reads', async () => {
    await pg.createDatabase('elsewhere');
    const { dir } = projectCopy('taali-pre-pilot/prisma');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    withSection(dir, '  migrations-dir: db/migrations\n');
    const run = await runMigrate({ dir, environment: 'staging', env: env('elsewhere'), inputs: { mode: 'apply' } });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('failed');
    expect(plan.summary).toBe(
      'prisma could not list the migrations: prisma migrate status found 4 migrations, the gate 0 in db/migrations: set migrate.migrations-dir to migrations.path of the Prisma config',
    );
    expect(await pg.sql('elsewhere', "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  }, 600_000);

  it('rehearses on a scratch database (no down: Prisma Migrate has none), and drops it', async () => {
    await pg.createDatabase('target');
    const { dir } = projectCopy('taali-pre-pilot/prisma');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    withSection(dir, '  rehearsal: { server: "${REHEARSAL_SERVER}" }\n');
    const run = await runMigrate({
      dir,
      environment: 'staging',
      env: env('target', { REHEARSAL_SERVER: pg.url('postgres') }),
      inputs: { mode: 'rehearse' },
    });
    const rehearse = phase(run, 'rehearse');
    expect(rehearse.status).toBe('passed');
    const migrations = (rehearse.data as { migrations: { id: string; applyMs: number; downMs?: number }[] }).migrations;
    expect(migrations.map((m) => [m.id, typeof m.applyMs, m.downMs])).toEqual(MIGRATIONS.map((id) => [id, 'number', undefined]));
    expect((await pg.databases()).filter((name) => name.startsWith('release_gates_'))).toEqual([]);
    expect(await pg.sql('target', "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  }, 600_000);
});

describe('prisma migrate status and the step config', () => {
  it('reads the pending migrations, and nothing pending when up to date', () => {
    const pending =
      '4 migrations found in prisma/migrations\nFollowing migrations have not yet been applied:\n2025_a\n2025_b\n\nTo apply migrations…\n';
    expect(parseStatus(pending)).toEqual({ found: 4, pending: ['2025_a', '2025_b'] });
    expect(parseStatus('2 migrations found in prisma/migrations\n\nDatabase schema is up to date!\n')).toEqual({ found: 2, pending: [] });
    expect(parseStatus("Error: P1001: Can't reach database server")).toEqual({ found: undefined, pending: [] });
  });

  it('stops at a failed migration and at a diverged history, naming the migrations', () => {
    const failed =
      '2 migrations found in prisma/migrations\nFollowing migration have failed:\n2025_b\n\nDuring development if the failed migration(s)…';
    expect(() => parseStatus(failed)).toThrow(
      'prisma migrate status: migration 2025_b failed and is not resolved (prisma migrate resolve --rolled-back or --applied)',
    );
    const diverged = [
      '1 migration found in prisma/migrations',
      'Your local migration history and the migrations table from your database are different:',
      '',
      'The last common migration is: 2025_a',
      '',
      'The migration have not yet been applied:',
      '2025_c',
      '',
      'The migration from the database are not found locally in prisma/migrations:',
      '2025_b',
    ].join('\n');
    expect(() => parseStatus(diverged)).toThrow(
      "prisma migrate status: the database's migration history differs from the migrations folder (last common migration 2025_a); applied but not in the folder: 2025_b",
    );
  });

  it("imports the project's config and points migrations.path at the one-migration folder", () => {
    const text = stepConfig('/work/app/prisma.config.ts', '/tmp/x/migrations');
    expect(text).toContain('import base from "/work/app/prisma.config.ts";');
    expect(text).toContain('const dir = "/work/app";');
    expect(text).toContain('migrations: { ...base.migrations, path: "/tmp/x/migrations" }');
    expect(CONFIG_FILES.slice(0, 8)).toEqual([
      'prisma7.config.js',
      'prisma7.config.ts',
      'prisma7.config.mjs',
      'prisma7.config.cjs',
      'prisma7.config.mts',
      'prisma7.config.cts',
      'prisma.config.js',
      'prisma.config.ts',
    ]);
  });
});
