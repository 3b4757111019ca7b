/**
 * The real sqitch (Debian's, PostgreSQL engine) against a real PostgreSQL: runbook 000's
 * migrations as sqitch changes. The plan lists the four changes in plan order; 015's
 * deletes without WHERE stop the gate without an acknowledgement and the database is
 * untouched; with one in the config each change deploys alone; a rehearsal round-trips
 * each change down (`sqitch revert`) and up on a scratch database.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan, sqitchTarget } from '../../src/migrate/tools/sqitch.js';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, fullDump, phase, projectCopy, runMigrate } from './helpers.js';

const pg = postgresForFile();

const url = (database: string) => `${pg.url(database)}?sslmode=disable`;
const CHANGES = ['001_initial_schema', '013_candidate_applications', '014_role_tasks', '015_role_first_applications_pause_reset'];

function withSection(dir: string, lines: string): void {
  const file = join(dir, 'release-gates.yml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('migrate:\n  tool: sqitch\n', `migrate:\n  tool: sqitch\n${lines}`));
  commitAll(dir, 'config');
}

describe('sqitch', () => {
  it('lists the pending changes in plan order, and refuses 015 without an acknowledgement', async () => {
    await pg.createDatabase('refused');
    const before = fullDump(pg, 'refused');
    const { dir } = projectCopy('taali-pre-pilot/sqitch');
    const run = await runMigrate({ dir, environment: 'staging', env: { DATABASE_URL: url('refused') }, inputs: { mode: 'apply' } });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('passed');
    expect(plan.data).toMatchObject({ tool: 'sqitch', current: [], heads: [{ id: CHANGES[3], file: `deploy/${CHANGES[3]}.sql` }] });
    const pending = (plan.data as { pending: { id: string; file: string; parents: string[] }[] }).pending;
    expect(pending.map((m) => [m.id, m.file, m.parents])).toEqual(
      CHANGES.map((id, i) => [id, `deploy/${id}.sql`, i ? [CHANGES[i - 1]] : []]),
    );
    const analysed = (
      phase(run, 'analyse').data as { migrations: { id: string; findings: { code: string; table?: string; line: number }[] }[] }
    ).migrations;
    expect(analysed.map((m) => m.id)).toEqual(CHANGES);
    // The deploy script's lines 4-6: the three deletes without WHERE.
    expect(analysed[3]?.findings.filter((f) => f.code === 'delete-without-where').map((f) => [f.table, f.line])).toEqual([
      ['assessments', 4],
      ['candidate_applications', 5],
      ['candidates', 6],
    ]);
    const acknowledge = phase(run, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    const missing = (acknowledge.data as { missing: { migration: string }[] }).missing;
    expect(missing.map((m) => m.migration)).toEqual(['015_role_first_applications_pause_reset']);
    expect(phase(run, 'apply').status).toBe('skipped');
    expect(run.status).toBe('failed');
    // Not even sqitch's registry: the database is as it was.
    expect(fullDump(pg, 'refused')).toBe(before);
  }, 300_000);

  it('deploys one change at a time with an acknowledgement from the config', async () => {
    await pg.createDatabase('applied');
    const { dir } = projectCopy('taali-pre-pilot/sqitch');
    const env = { DATABASE_URL: url('applied') };
    const first = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    const missing = (phase(first, 'acknowledge').data as { missing: { migration: string; hash: string }[] }).missing;
    withSection(
      dir,
      `  acknowledgements:\n    - { migration: "${CHANGES[3]}", hash: "${missing[0]?.hash ?? ''}", environment: staging, by: Dana }\n`,
    );
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'acknowledge').summary).toBe(`${CHANGES[3]} acknowledged by Dana (config)`);
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual(CHANGES);
    expect(run.status).toBe('passed');
    // sqitch's own registry: one deploy event per change, in plan order.
    const events = await pg.sql('applied', "SELECT change FROM sqitch.events WHERE event = 'deploy' ORDER BY committed_at");
    expect(events.map((row) => row.change)).toEqual(CHANGES);
    // A second run: nothing pending, the database is at the head.
    const again = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(again, 'plan').data).toMatchObject({ current: [CHANGES[3]], heads: [{ id: CHANGES[3] }] });
    expect((phase(again, 'analyse').data as { migrations: unknown[] }).migrations).toEqual([]);
  }, 300_000);

  it('rehearses on a scratch database with the round-trip through sqitch revert, and drops it', async () => {
    await pg.createDatabase('target');
    const { dir } = projectCopy('taali-pre-pilot/sqitch');
    withSection(dir, '  rehearsal: { server: "${REHEARSAL_SERVER}" }\n');
    const env = { DATABASE_URL: url('target'), REHEARSAL_SERVER: url('postgres') };
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'rehearse' } });
    const rehearse = phase(run, 'rehearse');
    expect(rehearse.status).toBe('passed');
    expect(rehearse.summary).toMatch(/^rehearsed 4 migrations on a scratch database in .+, each round-tripped down and up$/);
    const migrations = (rehearse.data as { migrations: { id: string; applyMs: number; downMs?: number; upMs?: number }[] }).migrations;
    expect(migrations.map((m) => m.id)).toEqual(CHANGES);
    for (const m of migrations) expect([typeof m.applyMs, typeof m.downMs, typeof m.upMs]).toEqual(['number', 'number', 'number']);
    expect((await pg.databases()).filter((name) => name.startsWith('release_gates_'))).toEqual([]);
    expect(await pg.sql('target', "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
  }, 300_000);
});

describe('sqitch plan and target', () => {
  it('names an earlier instance of a reworked change by the tag after it, as sqitch names its scripts', () => {
    const id = (digit: string) => digit.repeat(40);
    const changes = parsePlan(`${id('a')} users @v1\n${id('b')} audit\n${id('c')} users @v2\n`);
    expect(changes.map((change) => [change.id, change.tags])).toEqual([
      ['users@v1', ['v1']],
      ['audit', []],
      ['users', ['v2']],
    ]);
  });

  it('keeps the password out of the target and hands it over as SQITCH_PASSWORD', () => {
    expect(sqitchTarget('postgres://app:s3cr%40t@db.internal:5433/taali?sslmode=require')).toEqual({
      target: 'db:pg://app@db.internal:5433/taali?sslmode=require',
      env: { SQITCH_PASSWORD: 's3cr@t' },
    });
  });
});
