/**
 * The `backup` check kind with real pieces: a throwaway PostgreSQL server with a
 * password, the real `pg_dump`, a real backup shell script (runbook 003
 * `./scripts/backup_pg.sh`), and files aged with `utimes`. Run through the real config
 * path (preflight gate).
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseConfig } from '../../../src/config/load.js';
import { ConfigurationError } from '../../../src/errors.js';
import { nodeProcessRunner, type ProcessRequest, type ProcessRunner } from '../../../src/io/process.js';
import { preflightYaml, runPreflight, type PreflightOptions } from '../junit/run-preflight.js';
import { useSeededPostgres } from './seeded-postgres.js';

const run = promisify(execFile);

const { pg, cwd, preflight } = useSeededPostgres('rg-backup-');

/** A process runner that records every request, then runs it for real. */
function recording(): ProcessRunner & { requests: ProcessRequest[] } {
  const requests: ProcessRequest[] = [];
  return { requests, run: (request) => (requests.push(request), nodeProcessRunner.run(request)) };
}

function backup(body: string, env?: Record<string, string>, io?: PreflightOptions['io']) {
  return preflight('backup', body, env, io);
}

/** Writes `content` to `path` (in the working directory) and dates it `ageMs` back. */
async function aged(path: string, content: string, ageMs: number): Promise<void> {
  const file = join(cwd(), path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  const time = new Date(Date.now() - ageMs);
  await utimes(file, time, time);
}

describe('pg-dump', () => {
  it('dumps the seeded database with the real pg_dump -Fc into a non-empty file', async () => {
    const { check } = await backup('backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }');
    const result = check();
    expect(result.status).toBe('passed');
    expect(result.details[0]).toBe(
      `✓ pg_dump --format=custom --no-password --file=backups/pre-release.dump --dbname=postgresql://postgres@127.0.0.1:${pg().port}/app (${result.details[0]?.match(/\(([^)]+)\)$/)?.[1] ?? ''})`,
    );
    // Ages read as the file kind prints them: a fresh dump is `0s old`.
    expect(result.summary).toMatch(/^backups\/pre-release\.dump, \d+(\.\d)? KiB, \d+s old$/);
    expect(result.expected).toBe('non-empty');
    const dump = await readFile(join(cwd(), 'backups', 'pre-release.dump'));
    expect(dump.subarray(0, 5).toString()).toBe('PGDMP');
    const { stdout } = await run('pg_restore', ['--list', join(cwd(), 'backups', 'pre-release.dump')]);
    expect(stdout).toMatch(/TABLE DATA public leads/);
    expect(stdout).toMatch(/TABLE DATA public alembic_version/);
    expect(await readdir(join(cwd(), 'backups'))).toEqual(['pre-release.dump']);
  });

  it('the password goes in PGPASSWORD, never on the command line, and never in any result or event', async () => {
    const processes = recording();
    const { text, secrets, check } = await backup(
      'backup: { pg-dump: "${DATABASE_URL}", to: pre-release.dump }',
      {},
      { process: processes },
    );
    expect(check().status).toBe('passed');
    const [request] = processes.requests;
    expect(request?.argv.join(' ')).not.toContain(pg().password);
    expect(request?.env?.PGPASSWORD).toBe(pg().password);
    expect(text).not.toContain(pg().password);
    expect(text).not.toContain(encodeURIComponent(pg().password));
    // Registered, so every reporter redacts it too.
    expect(secrets.redact(`x ${pg().password} y`)).toBe('x *** y');
  });

  it("a wrong password fails with the server's reason and without either password", async () => {
    const wrong = pg().url('app', { password: 'not-the-Password-42' });
    const { check, text } = await backup('backup: { pg-dump: "${DATABASE_URL}", to: pre-release.dump }', { DATABASE_URL: wrong });
    const result = check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(/^pg_dump failed \(exit 1\): .*password authentication failed for user "postgres"/);
    expect(text).not.toContain('not-the-Password-42');
    expect(text).not.toContain(pg().password);
  });

  it('a failed dump (no such database) says why, and leaves no file behind', async () => {
    const { check } = await backup('backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }', {
      DATABASE_URL: pg().url('no_such_db'),
    });
    const result = check();
    expect(result).toMatchObject({ status: 'failed', measured: 'no dump', expected: 'non-empty' });
    expect(result.summary).toBe(
      `pg_dump failed (exit 1): connection to server at "127.0.0.1", port ${pg().port} failed: FATAL: database "no_such_db" does not exist`,
    );
    expect(await readdir(join(cwd(), 'backups'))).toEqual([]);
  });

  it('a value that is not a PostgreSQL URL is a config problem that does not print the value', async () => {
    const attempt = backup('backup: { pg-dump: "${DATABASE_URL}", to: x.dump }', { DATABASE_URL: 'host=db password=hunter2-secret' });
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      'preflight.checks[0].backup.pg-dump: expected a PostgreSQL URL, postgresql://user:password@host:5432/database (the value is not shown)',
    );
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});

describe('command (runbook 003: ./scripts/backup_pg.sh)', () => {
  async function script(body: string): Promise<void> {
    await mkdir(join(cwd(), 'scripts'), { recursive: true });
    await writeFile(join(cwd(), 'scripts', 'backup_pg.sh'), `#!/bin/sh\nset -eu\n${body}\n`);
    await chmod(join(cwd(), 'scripts', 'backup_pg.sh'), 0o755);
  }
  const CONFIG = 'backup: { command: [./scripts/backup_pg.sh], file: "*.dump", env: { DATABASE_URL: "${DATABASE_URL}" } }';

  it('runs the script (which calls pg_dump) and takes the newest .dump it wrote', async () => {
    await script('pg_dump -Fc --dbname="$DATABASE_URL" --file="app-$(date +%s%N).dump"');
    await aged('app-old.dump', 'an old dump', 24 * 3_600_000);

    const { check, text } = await backup(CONFIG);
    const result = check();
    expect(result.status).toBe('passed');
    // The command is run and reported as a command check runs it.
    expect(result.details.slice(0, 4)).toEqual([
      '$ ./scripts/backup_pg.sh',
      `in ${cwd()}`,
      expect.stringMatching(/^exit 0 after \d/),
      '✓ exit code: 0 (expected 0)',
    ]);
    expect(result.summary).toMatch(/^app-\d+\.dump, \d+(\.\d)? KiB, \d+s old$/);
    // The URL in env: holds the password: it is registered and never shown.
    expect(text).not.toContain(pg().password);
  });

  it('a script that fails is a failed check with its error', async () => {
    await script('echo "backup_pg: cannot reach the database" >&2\nexit 3');
    const result = (await backup(CONFIG)).check();
    expect(result).toMatchObject({ status: 'failed', measured: 'exit 3' });
    expect(result.summary).toBe('exit code: measured 3, expected 0; last output: backup_pg: cannot reach the database');
  });

  it('a URL given to the command as an argument is redacted wherever the command echoes it', async () => {
    await script('echo "cannot dump $1" >&2\nexit 2');
    const { check, text } = await backup('backup: { command: [./scripts/backup_pg.sh, "${DATABASE_URL}"], file: "*.dump" }');
    expect(check().summary).toBe(
      `exit code: measured 2, expected 0; last output: cannot dump postgresql://postgres:***@127.0.0.1:${pg().port}/app`,
    );
    expect(text).not.toContain(pg().password);
  });

  it('exit 0 without a new file fails: an old dump does not count', async () => {
    await script('echo "nothing to do"');
    await aged('app-old.dump', 'an old dump', 3_600_000);
    const result = (await backup(CONFIG)).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('./scripts/backup_pg.sh exited 0 but wrote no new file matching *.dump (newest: app-old.dump, 1h old)');
  });

  it('a command string is split as a command check splits it: a quoted argument is one word', async () => {
    await script('printf x > "$(printf %s "$1" | tr " " -).dump"');
    const result = (await backup(`backup: { command: "./scripts/backup_pg.sh 'two words'", file: "*.dump" }`)).check();
    expect(result.status).toBe('passed');
    expect(result.details[0]).toBe("$ ./scripts/backup_pg.sh 'two words'");
    expect(result.summary).toMatch(/^two-words\.dump, 1 B, \d+s old$/);
  });

  it('a variable named under secrets: and handed to the command is a secret, as in every other kind', async () => {
    const passphrase = 'correct horse battery staple';
    await script('echo "cannot use passphrase $BACKUP_PASSPHRASE" >&2\nexit 1');
    const { check, text } = await runPreflight(
      '    - name: backup\n      backup: { command: [./scripts/backup_pg.sh], file: "*.dump", env: { BACKUP_PASSPHRASE: "${PASSPHRASE}" } }\n',
      { cwd: cwd(), env: { PASSPHRASE: passphrase }, head: 'secrets: [BACKUP_PASSPHRASE]\n' },
    );
    expect(check().summary).toBe('exit code: measured 1, expected 0; last output: cannot use passphrase ***');
    expect(text).not.toContain(passphrase);
  });

  it('a command that is not there says so', async () => {
    const result = (await backup('backup: { command: [./scripts/nope.sh], file: "*.dump" }')).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toBe('command not found: ./scripts/nope.sh');
  });
});

describe('file: an existing backup', () => {
  const file = (name: string, content: string, ageMs = 0): Promise<void> => aged(join('backups', name), content, ageMs);

  it('a recent non-empty file passes, the newest match counts', async () => {
    await file('old.dump', 'x'.repeat(2048), 5 * 3_600_000);
    await file('new.dump', 'x'.repeat(4096), 10 * 60_000);
    const result = (await backup('backup: { file: "backups/*.dump", max-age: 2h }')).check();
    expect(result).toMatchObject({ status: 'passed', summary: 'backups/new.dump, 4 KiB, 10m old', expected: 'non-empty, ≤ 2h old' });
  });

  it('too old fails with its age', async () => {
    await file('nightly.dump', 'x'.repeat(100), 3 * 3_600_000);
    const result = (await backup('backup: { file: "backups/*.dump", max-age: 2h }')).check();
    expect(result).toMatchObject({
      status: 'failed',
      summary: 'backups/nightly.dump is 3h old, expected ≤ 2h',
      measured: 'backups/nightly.dump, 100 B, 3h old',
    });
  });

  it('an empty file fails, and so does one under min-size', async () => {
    await file('empty.dump', '');
    expect((await backup('backup: { file: backups/empty.dump }')).check().summary).toBe('backups/empty.dump is empty');
    await file('small.dump', 'x'.repeat(100));
    expect((await backup('backup: { file: backups/small.dump, min-size: 1KiB }')).check().summary).toBe(
      'backups/small.dump is 100 B, expected ≥ 1 KiB',
    );
  });

  it('no match fails', async () => {
    const result = (await backup('backup: { file: "backups/*.dump" }')).check();
    expect(result).toMatchObject({ status: 'failed', summary: 'no backup file matches backups/*.dump', measured: 'no file' });
  });
});

describe('config', () => {
  it('an unknown shape says what the three forms are', async () => {
    await expect(backup('backup: { dump: x }')).rejects.toThrow(
      'preflight.checks[0].backup: expected { pg-dump: URL, to: file }, { command: [...], file: glob } or { file: glob, max-age: 2h }, got a mapping with keys: dump',
    );
  });

  it('a command string with shell syntax must be a list, and validate says so at its line', async () => {
    await expect(backup('backup: { command: "pg_dump > x.dump", file: x.dump }')).rejects.toThrow(/write it as a list/);
    const yaml = preflightYaml('    - name: b\n      backup: { command: "pg_dump > x.dump", file: x.dump }\n');
    expect(() => parseConfig('rg.yml', yaml)).toThrow(
      'rg.yml:5:26: preflight.checks[0].backup.command: command "pg_dump > x.dump" uses the shell operator ">", which only a shell understands (write it as a list, e.g. [./scripts/backup_pg.sh, --out, backups], or [bash, -c, "…"] for a script)',
    );
  });

  it('a restore drill of a file needs server: or into:', async () => {
    await expect(backup('backup: { file: "*.dump" }\n      restore-drill: { query: SELECT 1 }')).rejects.toThrow(
      /restore-drill: needs server: .* or into: .* when the backup is not made by pg-dump/,
    );
  });
});
