/**
 * Running the migrate gate in tests: a copy of an example project in a fresh git
 * repository (acknowledgement history is read from git), the gate run through the real
 * config path and engine, and full dumps of a database to prove it untouched.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitHubScope } from '../../src/checks/kind.js';
import { parseConfig } from '../../src/config/load.js';
import type { CheckResult } from '../../src/engine/model.js';
import { migrateGate } from '../../src/gates/migrate/index.js';
import { runGates, type RunResult } from '../../src/gates/run.js';
import { SecretRegistry } from '../../src/secrets/registry.js';
import { noHttp } from '../support/gate-run.js';
import type { Postgres } from '../support/postgres.js';
import { REPO_ROOT } from '../support/bundle.js';

/** Commits everything in `dir` as "Test Author". */
export function commitAll(dir: string, message: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test Author', '-c', 'user.email=author@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      stdio: 'pipe',
    });
  git('add', '-A');
  git('commit', '-qm', message, '--allow-empty');
}

/**
 * A copy of `examples/<name>` in a new git repository, without the files `hold` names;
 * `addHeld()` adds and commits them (the pull request that brings a migration).
 */
export function projectCopy(name: string, hold: readonly string[] = []): { dir: string; addHeld: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rg-migrate-'));
  cpSync(join(REPO_ROOT, 'examples', name), dir, { recursive: true });
  const held = hold.map((file) => [file, readFileSync(join(dir, file), 'utf8')] as const);
  for (const [file] of held) rmSync(join(dir, file));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  commitAll(dir, 'initial');
  return {
    dir,
    addHeld() {
      for (const [file, text] of held) writeFileSync(join(dir, file), text);
      commitAll(dir, 'add the held-back files');
    },
  };
}

export interface MigrateRunOptions {
  dir: string;
  config?: string;
  environment?: string;
  env?: Record<string, string>;
  inputs?: Record<string, string>;
  github?: GitHubScope;
}

/** Runs the migrate gate of `dir/<config>` (default release-gates.yml) with `dir` as the workspace. */
export async function runMigrate(options: MigrateRunOptions): Promise<RunResult> {
  const file = join(options.dir, options.config ?? 'release-gates.yml');
  const loaded = parseConfig(file, readFileSync(file, 'utf8'));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env };
  return runGates({
    loaded,
    gates: [migrateGate],
    environment: options.environment,
    env,
    secrets: new SecretRegistry(),
    io: { http: noHttp },
    scope: { cwd: options.dir, headSha: 'a1'.repeat(20), github: options.github, inputs: options.inputs ?? {} },
  });
}

/** A phase's (or verify check's) result by id. */
export function phase(run: RunResult, id: string): CheckResult {
  const found = run.gates[0]?.checks.find((check) => check.id === id);
  if (!found) throw new Error(`no check ${id} in ${JSON.stringify(run.gates[0]?.checks.map((c) => c.id))}`);
  return found;
}

/** A full schema and data dump of `database`, comparable between two calls (fixed `\restrict` key). */
export function fullDump(pg: Postgres, database: string): string {
  return execFileSync(
    join(pg.bin, 'pg_dump'),
    ['--restrict-key=releasegatestest', '--no-password', `--dbname=${pg.url(database, { password: null })}`],
    {
      env: { ...process.env, PGPASSWORD: pg.password },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}
