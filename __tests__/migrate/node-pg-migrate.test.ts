/**
 * The real node-pg-migrate CLI (npm, 9.x) against a real PostgreSQL: runbook 000's
 * migrations as node-pg-migrate migrations (001 and 013 with its JS migration builder,
 * 014 and 015 as `.sql` files). The pending ones come from the CLI in node-pg-migrate's
 * order; each one's SQL from `up <name> --dry-run`; 015's deletes without WHERE stop the
 * gate without an acknowledgement and the database is untouched (its migrations table
 * included); with one each migration applies alone; a rehearsal round-trips each
 * migration down and up on a scratch database.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeProcessRunner } from '../../src/io/process.js';
import { nodePgMigrateTool, parseMigratingFiles } from '../../src/migrate/tools/node-pg-migrate.js';
import type { ToolContext } from '../../src/migrate/tools/tool.js';
import { REPO_ROOT } from '../support/bundle.js';
import { postgresForFile } from '../support/postgres.js';
import { commitAll, fullDump, phase, projectCopy, runMigrate } from './helpers.js';

const pg = postgresForFile();

const BIN = join(REPO_ROOT, 'node_modules/.bin');
const PATH = `${BIN}:${process.env.PATH ?? ''}`;
const EXAMPLE = 'taali-pre-pilot/node-pg-migrate';
const IDS = ['001_initial_schema', '013_candidate_applications', '014_role_tasks', '015_role_first_applications_pause_reset'];
const FILES = [
  '001_initial_schema.mjs',
  '013_candidate_applications.mjs',
  '014_role_tasks.sql',
  '015_role_first_applications_pause_reset.sql',
];
const url = (database: string) => `${pg.url(database)}?sslmode=disable`;

function withSection(dir: string, lines: string): void {
  const file = join(dir, 'release-gates.yml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('migrate:\n  tool: node-pg-migrate\n', `migrate:\n  tool: node-pg-migrate\n${lines}`),
  );
  commitAll(dir, 'config');
}

/** The real CLI run directly, as a team would: `node-pg-migrate <args>` in `dir`. */
function cli(dir: string, database: string, ...args: string[]): void {
  execFileSync(join(BIN, 'node-pg-migrate'), args, { cwd: dir, env: { ...process.env, DATABASE_URL: url(database) }, stdio: 'pipe' });
}

/** 001-014 applied with the real CLI, as the team did earlier, and rows that 015 would delete. */
async function migratedTo014(dir: string, database: string): Promise<void> {
  cli(dir, database, 'up', '3');
  await pg.sql(
    database,
    `INSERT INTO roles (title) VALUES ('Engineer');
     INSERT INTO candidates (full_name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', 'grace@example.com');
     INSERT INTO assessments (candidate_id) SELECT id FROM candidates;
     INSERT INTO candidate_applications (role_id, candidate_id) SELECT 1, id FROM candidates WHERE full_name = 'Ada';`,
  );
}

function context(dir: string, database: string): ToolContext {
  return {
    cwd: dir,
    databaseUrl: url(database),
    env: { DATABASE_URL: url(database) },
    process: nodeProcessRunner,
    live: { run: () => Promise.reject(new Error('not used')) },
    timeoutMs: 120_000,
    signal: new AbortController().signal,
    progress: () => undefined,
  };
}

describe('node-pg-migrate', () => {
  it("prints each migration's SQL with up <name> --dry-run, JS builder calls and .sql sections alike, writing nothing", async () => {
    await pg.createDatabase('sources');
    const before = fullDump(pg, 'sources');
    const { dir } = projectCopy(EXAMPLE);
    const tool = nodePgMigrateTool({ command: [join(BIN, 'node-pg-migrate')] });
    const state = await tool.state(context(dir, 'sources'));
    expect(state.pending.map((m) => [m.id, m.file])).toEqual(IDS.map((id, i) => [id, `migrations/${FILES[i]}`]));
    expect(state.current).toEqual([]);
    const [first, , , last] = state.pending;
    const js = await tool.source(first!, context(dir, 'sources'));
    expect(js.error).toBeUndefined();
    // The builder's SQL as node-pg-migrate generates it (quoted names, its dollar quoting), not the JS.
    expect(js.sql).toMatch(/^CREATE TABLE "roles" \(/);
    expect(js.sql).toContain(`"status" text DEFAULT $pga$pending$pga$ NOT NULL`);
    expect(js.sql).not.toContain('pgmigrations');
    expect(js.startLine).toBeUndefined();
    const sql = await tool.source(last!, context(dir, 'sources'));
    expect(sql.sql.split('\n').slice(0, 5)).toEqual([
      '-- Up Migration',
      '-- Runbook 000, "Critical Warning": intentionally destructive. Deletes every row of',
      '-- assessments, candidate_applications and candidates: assessments now belong to an',
      '-- application (role-first flow), and existing rows have none.',
      'DELETE FROM assessments;',
    ]);
    expect(sql.sql).not.toContain('Down Migration');
    expect(sql.startLine).toBe(1);
    // The file's up section (what acknowledge hashes for earlier versions) is the dry-run's SQL.
    expect(tool.sqlOfText!(sql.fileText)).toBe(sql.sql);
    // --dry-run made its migrations table in pg_temp: nothing is left behind.
    expect(fullDump(pg, 'sources')).toBe(before);
  }, 300_000);

  it('lists the files in the order the CLI runs them', async () => {
    await pg.createDatabase('order');
    const { dir } = projectCopy(EXAMPLE);
    const names = ['10_c.sql', '9_b.sql', '1_a.sql', '1_A.sql', '002_d.sql', '1_a-b.sql', '20240101000000000_e.sql'];
    execFileSync('rm', ['-r', join(dir, 'migrations')]);
    execFileSync('mkdir', [join(dir, 'migrations')]);
    for (const name of names) writeFileSync(join(dir, 'migrations', name), 'SELECT 1;\n');
    writeFileSync(join(dir, 'migrations', '11.sql'), 'SELECT 11;');
    writeFileSync(join(dir, 'migrations', '.hidden.sql'), 'SELECT 1;\n');
    const tool = nodePgMigrateTool({ command: [join(BIN, 'node-pg-migrate')] });
    const ours = (await tool.state(context(dir, 'order'))).pending.map((m) => m.id);
    const theirs = execFileSync(
      join(BIN, 'node-pg-migrate'),
      ['up', '--dry-run', '--no-lock', '--no-verbose', '--migrations-schema', 'pg_temp'],
      {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: url('order') },
        encoding: 'utf8',
      },
    );
    expect(parseMigratingFiles(theirs)).toEqual(ours);
    expect(ours).toHaveLength(names.length + 1);
    // A name of digits only is a count to the CLI: its SQL is picked from the dry-run of all.
    const eleven = (await tool.state(context(dir, 'order'))).pending.find((m) => m.id === '11');
    expect((await tool.source(eleven!, context(dir, 'order'))).sql).toBe('SELECT 11;');
  }, 300_000);

  it('lists the pending migrations, refuses 015 without an acknowledgement, and leaves the database untouched', async () => {
    await pg.createDatabase('refused');
    const { dir } = projectCopy(EXAMPLE);
    await migratedTo014(dir, 'refused');
    const before = fullDump(pg, 'refused');
    const run = await runMigrate({ dir, environment: 'staging', env: { PATH, DATABASE_URL: url('refused') }, inputs: { mode: 'apply' } });
    const plan = phase(run, 'plan');
    expect(plan.status).toBe('passed');
    expect(plan.data).toMatchObject({
      tool: 'node-pg-migrate',
      current: [IDS[2]],
      heads: [{ id: IDS[3], file: `migrations/${FILES[3]}` }],
      pending: [{ id: IDS[3], file: `migrations/${FILES[3]}`, parents: [IDS[2]] }],
    });
    const analysed = (
      phase(run, 'analyse').data as {
        migrations: { id: string; hashOf: string; findings: { code: string; table?: string; line: number }[] }[];
      }
    ).migrations;
    expect(analysed.map((m) => [m.id, m.hashOf])).toEqual([[IDS[3], 'sql']]);
    // The file's lines 5-7: the three deletes without WHERE.
    expect(analysed[0]?.findings.filter((f) => f.code === 'delete-without-where').map((f) => [f.table, f.line])).toEqual([
      ['assessments', 5],
      ['candidate_applications', 6],
      ['candidates', 7],
    ]);
    expect(phase(run, 'analyse').details.join('\n')).toMatch(/would delete 2 rows from candidates/);
    const acknowledge = phase(run, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    expect((acknowledge.data as { missing: { migration: string }[] }).missing.map((m) => m.migration)).toEqual([IDS[3]]);
    expect(phase(run, 'apply').status).toBe('skipped');
    expect(run.status).toBe('failed');
    // Data, schema and node-pg-migrate's pgmigrations table are as they were.
    expect(fullDump(pg, 'refused')).toBe(before);
  }, 300_000);

  it('applies one migration at a time with an acknowledgement from the config, and ends at the head', async () => {
    await pg.createDatabase('applied');
    const { dir } = projectCopy(EXAMPLE);
    const env = { PATH, DATABASE_URL: url('applied') };
    const first = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect((phase(first, 'plan').data as { pending: { id: string }[] }).pending.map((m) => m.id)).toEqual(IDS);
    const missing = (phase(first, 'acknowledge').data as { missing: { migration: string; hash: string }[] }).missing;
    expect(missing.map((m) => m.migration)).toEqual([IDS[3]]);
    withSection(
      dir,
      `  acknowledgements:\n    - { migration: "${IDS[3]}", hash: "${missing[0]?.hash ?? ''}", environment: staging, by: Dana }\n`,
    );
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'acknowledge').summary).toBe(`${IDS[3]} acknowledged by Dana (config)`);
    const apply = phase(run, 'apply');
    expect(apply.status).toBe('passed');
    expect((apply.data as { timings: { id: string }[] }).timings.map((t) => t.id)).toEqual(IDS);
    expect(phase(run, 'candidates-emptied').status).toBe('passed');
    expect(phase(run, 'schema-objects-exist').status).toBe('passed');
    expect(run.status).toBe('passed');
    // node-pg-migrate's own table: one row per migration, in order, one run each.
    const rows = await pg.sql('applied', 'SELECT name FROM pgmigrations ORDER BY id');
    expect(rows.map((row) => row.name)).toEqual(IDS);
    // A second run: nothing pending, current == head.
    const again = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(again, 'plan').data).toMatchObject({ current: [IDS[3]], heads: [{ id: IDS[3] }], pending: [] });
    expect(again.status).toBe('passed');
  }, 300_000);

  it('voids the acknowledgement when a statement of 015 changes, and keeps it across comments and CRLF', async () => {
    await pg.createDatabase('edited');
    const { dir } = projectCopy(EXAMPLE);
    await migratedTo014(dir, 'edited');
    const env = { PATH, DATABASE_URL: url('edited') };
    const first = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    const { hash } = (phase(first, 'acknowledge').data as { missing: { hash: string }[] }).missing[0] ?? { hash: '' };
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/node-pg-migrate-acks.yml'), `- { migration: ${IDS[3]}, hash: "${hash}", environment: staging }\n`);
    commitAll(dir, 'acknowledge 015');
    const file = join(dir, 'migrations', FILES[3] ?? '');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('DELETE FROM candidates;', 'DELETE FROM candidates;\nDELETE FROM role_tasks;'));
    commitAll(dir, '015 also resets role tasks');
    const before = fullDump(pg, 'edited');
    const edited = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(fullDump(pg, 'edited')).toBe(before);
    const acknowledge = phase(edited, 'acknowledge');
    expect(acknowledge.status).toBe('failed');
    expect(acknowledge.summary).toContain(`${IDS[3]} changed since it was acknowledged`);
    const text = acknowledge.details.join('\n');
    expect(text).toContain(`acknowledged ${hash}`);
    expect(text).toContain('+ DELETE FROM role_tasks');
    // Comments and line endings are not meaning: the acknowledgement holds, and 015 applies.
    writeFileSync(file, `-- reviewed with the pilot team\n${original}`.replace(/\n/g, '\r\n'));
    commitAll(dir, '015 as it was, with a comment and CRLF');
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'apply' } });
    expect(phase(run, 'acknowledge').status).toBe('passed');
    expect(phase(run, 'apply').status).toBe('passed');
    expect(await pg.sql('edited', 'SELECT count(*)::int AS n FROM candidates')).toEqual([{ n: 0 }]);
  }, 300_000);

  it('rehearses on a scratch database with the down/up round-trip, and drops it', async () => {
    await pg.createDatabase('target');
    const before = fullDump(pg, 'target');
    const { dir } = projectCopy(EXAMPLE);
    withSection(dir, '  rehearsal: { server: "${REHEARSAL_SERVER}" }\n');
    const env = { PATH, DATABASE_URL: url('target'), REHEARSAL_SERVER: url('postgres') };
    const run = await runMigrate({ dir, environment: 'staging', env, inputs: { mode: 'rehearse' } });
    const rehearse = phase(run, 'rehearse');
    expect(rehearse.status).toBe('passed');
    expect(rehearse.summary).toMatch(/^rehearsed 4 migrations on a scratch database in .+, each round-tripped down and up$/);
    const migrations = (rehearse.data as { migrations: { id: string; applyMs: number; downMs?: number; upMs?: number }[] }).migrations;
    expect(migrations.map((m) => m.id)).toEqual(IDS);
    for (const m of migrations) expect([typeof m.applyMs, typeof m.downMs, typeof m.upMs]).toEqual(['number', 'number', 'number']);
    expect((await pg.databases()).filter((name) => name.startsWith('release_gates_'))).toEqual([]);
    expect(fullDump(pg, 'target')).toBe(before);
  }, 300_000);
});
