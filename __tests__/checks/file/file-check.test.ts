/**
 * The `file` check on real files with set modification times (fs.utimes): exists,
 * empty, too old, too small, a glob judged by its newest match, no match, a directory.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAge } from '../../../src/checks/file/judge.js';
import { preflightConfig, runPreflight, tempDir } from '../command/run-preflight.js';

const HOUR = 3_600_000;

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove } = await tempDir('rg-file-'));
});
afterEach(() => remove());

/** Writes a file and sets its modification time `ageMs` ago. */
async function file(path: string, content: string, ageMs: number): Promise<void> {
  const full = join(dir, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, content);
  const when = new Date(Date.now() - ageMs);
  await utimes(full, when, when);
}

const run = (checks: string) => runPreflight(preflightConfig(checks), { cwd: dir });

describe('one path', () => {
  it('exists and is non-empty: size and age are measured (runbook 003: ls .env)', async () => {
    await file('.env', 'X'.repeat(1229), 3 * HOUR + 60_000);
    const { check } = await run('    - file: .env');
    expect(check()).toMatchObject({
      status: 'passed',
      name: 'file .env',
      measured: '.env: 1.2 KiB, 3h1m old',
      expected: 'exists, non-empty',
    });
  });

  it('an empty file fails by default; non-empty: false lets it pass', async () => {
    await file('.env', '', 1000);
    const { check } = await run('    - { name: default, file: .env }\n    - { name: allowed, file: .env, non-empty: false }');
    expect(check('default')).toMatchObject({ status: 'failed', summary: '.env: measured empty (0 B), expected non-empty' });
    expect(check('allowed').status).toBe('passed');
  });

  it('a missing file says where it looked', async () => {
    const { check } = await run('    - file: .env');
    expect(check()).toMatchObject({ status: 'failed', measured: '.env not found', summary: `no file .env in ${dir}` });
  });

  it('too old against max-age, with the modification time', async () => {
    await file('backup.dump', 'data', 30 * HOUR);
    const { check } = await run('    - file: backup.dump\n      max-age: 24h');
    expect(check()).toMatchObject({ status: 'failed', expected: 'exists, non-empty, ≤ 24h old' });
    expect(check().summary).toMatch(/^backup\.dump: measured 30h old \(modified \d{4}-\d\d-\d\dT.*\), expected ≤ 24h old$/);
  });

  it('smaller than min-size', async () => {
    await file('backup.dump', 'x'.repeat(2048), 1000);
    const { check } = await run(
      '    - { name: small, file: backup.dump, min-size: 1MiB }\n    - { name: big, file: backup.dump, min-size: 1KiB }',
    );
    expect(check('small')).toMatchObject({ status: 'failed', summary: 'backup.dump: measured 2 KiB (2048 B), expected ≥ 1 MiB' });
    expect(check('big').status).toBe('passed');
  });

  it('an absolute path is allowed', async () => {
    await file('abs.txt', 'hello', 1000);
    const { check } = await runPreflight(preflightConfig(`    - file: ${join(dir, 'abs.txt')}`), { cwd: '/' });
    expect(check().status).toBe('passed');
  });

  it('a directory is not a file', async () => {
    await mkdir(join(dir, 'backups'));
    const { check } = await run('    - file: backups');
    expect(check()).toMatchObject({ status: 'failed', measured: 'backups is a directory' });
  });
});

describe('globs', () => {
  it('the newest match is judged, and the others are listed', async () => {
    await file('backups/db-1.dump', 'old', 50 * HOUR);
    await file('backups/db-2.dump', 'newer', 2 * HOUR);
    await file('backups/db-3.dump', 'middle', 10 * HOUR);
    const { check } = await run('    - file: backups/*.dump\n      max-age: 24h');
    expect(check()).toMatchObject({ status: 'passed', measured: 'backups/db-2.dump: 5 B, 2h old (newest of 3)' });
    expect(check().details).toEqual(
      expect.arrayContaining([
        'matches of backups/*.dump, newest first:',
        '  backups/db-2.dump: 5 B, 2h old',
        '  backups/db-1.dump: 3 B, 2d2h old',
      ]),
    );
  });

  it('the newest match too old fails even when it is the only one that counts', async () => {
    await file('backups/db-1.dump', 'old', 50 * HOUR);
    await file('backups/db-2.dump', 'older', 60 * HOUR);
    const { check } = await run('    - file: "backups/**/*.dump"\n      max-age: 24h');
    expect(check()).toMatchObject({ status: 'failed', measured: 'backups/db-1.dump: 3 B, 2d2h old (newest of 2)' });
  });

  it('dot files match', async () => {
    await file('.prod.env', 'A=1', 5 * 60_000 + 10_000);
    const { check } = await run('    - file: "*.env"');
    expect(check()).toMatchObject({ status: 'passed', measured: '.prod.env: 3 B, 5m old' });
  });

  it('no match fails and says so', async () => {
    const { check } = await run('    - file: backups/*.dump');
    expect(check()).toMatchObject({
      status: 'failed',
      measured: 'no file matches backups/*.dump',
      summary: `no file matches backups/*.dump in ${dir}`,
    });
  });
});

describe('formatAge', () => {
  it('reads like a person would say it', () => {
    expect([45_000, 5 * 60_000, 3 * HOUR, 3 * HOUR + 12 * 60_000, 52 * HOUR, 72 * HOUR].map(formatAge)).toEqual([
      '45s',
      '5m',
      '3h',
      '3h12m',
      '2d4h',
      '3d',
    ]);
  });
});
