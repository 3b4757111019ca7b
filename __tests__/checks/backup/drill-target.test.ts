/**
 * The restore drill never overwrites a live database (issue #7, item 6), against a real
 * PostgreSQL server: `into:` (an existing database the drill did not create) is refused
 * unless `allow-existing-target: true`; the database `pg-dump:` dumps is refused even
 * then, however its URL is written; the default scratch database is created and always
 * dropped. "Untouched" is measured: the table's oid (a restore with `--clean` drops and
 * re-creates it) and its rows.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError } from '../../../src/errors.js';
import { BUNDLE } from '../../support/bundle.js';
import { runProgram } from '../../config/helpers.js';
import { preflightYaml } from '../junit/run-preflight.js';
import { useSeededPostgres } from './seeded-postgres.js';

const { pg, cwd, preflight } = useSeededPostgres('rg-drill-target-');

const DUMP = 'backup: { pg-dump: "${DATABASE_URL}", to: backups/pre-release.dump }';

/** What a restore over `database` would change: the oid of `leads` and its rows. */
async function state(database: string): Promise<unknown> {
  return pg().sql(database, "SELECT 'leads'::regclass::oid::int AS oid, (SELECT string_agg(name, ',' ORDER BY id) FROM leads) AS names");
}

async function scratchLeftovers(): Promise<string[]> {
  return (await pg().databases()).filter((name) => name.startsWith('release_gates_drill_'));
}

/** A dump made outside the check, as a team's nightly job would. */
async function nightlyDump(): Promise<void> {
  await promisify(execFile)(
    'pg_dump',
    ['-Fc', '--no-password', `--file=${join(cwd(), 'nightly.dump')}`, `--dbname=${pg().url('app', { password: null })}`],
    {
      env: { ...process.env, PGPASSWORD: pg().password },
    },
  );
}

describe('into: an existing database', () => {
  it('is refused without allow-existing-target: a config error at its line, and nothing runs', async () => {
    await pg().createDatabase('kept', "CREATE TABLE leads (id serial PRIMARY KEY, name text); INSERT INTO leads (name) VALUES ('live');");
    await nightlyDump();
    const before = await state('kept');
    const attempt = preflight('drill', `backup: { file: nightly.dump }\n      restore-drill: { into: "\${KEPT_URL}" }`, {
      KEPT_URL: pg().url('kept'),
    });
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      /release-gates\.yml:\d+:\d+: preflight\.checks\[0\]\.restore-drill\.into: refused: the drill would restore with pg_restore --clean over a database it did not create, which may be a live one\. Remove into: .* add allow-existing-target: true/,
    );
    expect(await state('kept')).toEqual(before);
  });

  it('with allow-existing-target: true, is restored over (repeatably), kept, and the evidence says so', async () => {
    await pg().createDatabase('scratch', 'CREATE TABLE leads (id int); INSERT INTO leads VALUES (99);');
    await nightlyDump();
    const config = `backup: { file: nightly.dump }\n      restore-drill: { into: "\${SCRATCH_DATABASE_URL}", allow-existing-target: true, query: SELECT count(*) AS n FROM leads, expect: { "$[0].n": 3 } }`;
    for (let round = 1; round <= 2; round++) {
      const result = (await preflight('drill', config, { SCRATCH_DATABASE_URL: pg().url('scratch') })).check();
      expect(result.status).toBe('passed');
      expect(result.details).toContainEqual(
        expect.stringMatching(
          /^⚠ restoring over the existing database postgresql:\/\/postgres@127\.0\.0\.1:\d+\/scratch \(allow-existing-target: true\); it is kept$/,
        ),
      );
      expect(result.details.join('\n')).not.toMatch(/dropped/);
    }
    expect(await pg().sql('scratch', 'SELECT count(*)::int AS n FROM leads')).toEqual([{ n: 3 }]);
  });

  it('allow-existing-target without into: is a config error', async () => {
    await expect(preflight('drill', `${DUMP}\n      restore-drill: { allow-existing-target: true }`)).rejects.toThrow(
      /restore-drill\.allow-existing-target: applies only to into:/,
    );
  });
});

describe('into: the database pg-dump: dumps', () => {
  const SAME = `${DUMP}\n      restore-drill: { into: "\${TARGET_URL}", allow-existing-target: true, query: SELECT 1 }`;

  it('is refused even with allow-existing-target, and the live database is untouched', async () => {
    const before = await state('app');
    const result = (await preflight('drill', SAME, { TARGET_URL: pg().url('app') })).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /^restore drill refused: into: \(postgresql:\/\/postgres@127\.0\.0\.1:\d+\/app\) is the database pg-dump: dumps \(postgresql:\/\/postgres@127\.0\.0\.1:\d+\/app\); pg_restore --clean would overwrite it, and allow-existing-target does not allow that\. Remove into: so that the drill restores into a scratch database on the same server and drops it after$/,
    );
    expect(result.details.join('\n')).not.toMatch(/restored|pg_restore \(/);
    expect(await state('app')).toEqual(before);
  });

  it('is recognised under another login and spelling of the URL', async () => {
    await pg().sql(
      'postgres',
      "DO $$ BEGIN CREATE ROLE drill_login LOGIN PASSWORD 'Dr1ll-login-pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    );
    const before = await state('app');
    const other = `${pg().url('app', { user: 'drill_login', password: 'Dr1ll-login-pw' })}?application_name=elsewhere&connect_timeout=5`;
    const result = (await preflight('drill', SAME, { TARGET_URL: other })).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /^restore drill refused: into: \(postgresql:\/\/drill_login@127\.0\.0\.1:\d+\/app\?.*\) is the database pg-dump: dumps/,
    );
    expect(await state('app')).toEqual(before);
  });

  it('is refused when the drill cannot tell', async () => {
    const result = (await preflight('drill', SAME, { TARGET_URL: 'postgresql://postgres:x-pass-123@127.0.0.1:1/app' })).check();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatch(
      /^restore drill refused: cannot tell whether into: \(postgresql:\/\/postgres@127\.0\.0\.1:1\/app\) is the database pg-dump: dumps, so nothing was restored: /,
    );
  });

  it('another database on the same server may be restored over, with allow-existing-target', async () => {
    await pg().createDatabase('copy');
    const result = (await preflight('drill', SAME, { TARGET_URL: pg().url('copy') })).check();
    expect(result.status).toBe('passed');
    expect(await pg().sql('copy', 'SELECT count(*)::int AS n FROM leads')).toEqual([{ n: 3 }]);
  });
});

describe('the default scratch database', () => {
  it('is created, restored into and dropped, the source untouched', async () => {
    const before = await state('app');
    const result = (
      await preflight('drill', `${DUMP}\n      restore-drill: { query: SELECT count(*) AS n FROM leads, expect: { "$[0].n": 3 } }`)
    ).check();
    expect(result.status).toBe('passed');
    expect(result.details.at(-1)).toMatch(/^✓ dropped scratch database release_gates_drill_\w+$/);
    expect(await scratchLeftovers()).toEqual([]);
    expect(await state('app')).toEqual(before);
  });

  it('is dropped when the restore fails', async () => {
    await writeFile(join(cwd(), 'broken.dump'), Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(64, 7)]));
    const result = (await preflight('drill', 'backup: { file: broken.dump }\n      restore-drill: { server: "${DATABASE_URL}" }')).check();
    expect(result.status).toBe('failed');
    expect(result.details.at(-1)).toMatch(/^✓ dropped scratch database release_gates_drill_\w+$/);
    expect(await scratchLeftovers()).toEqual([]);
  });
});

describe('through the real bundle (release-gates run preflight)', () => {
  async function bundle(drill: string, env: Record<string, string>) {
    const config = join(cwd(), 'release-gates.yml');
    const report = join(cwd(), 'report.json');
    await writeFile(config, preflightYaml(`    - name: backup and drill\n      ${drill}\n`));
    const result = await runProgram(process.execPath, [BUNDLE, 'run', 'preflight', '--config', config, '--json', report], {
      cwd: cwd(),
      env,
    });
    const evidence =
      result.code === 2 ? undefined : (JSON.parse(await readFile(report, 'utf8')) as { gates: { checks: { summary: string }[] }[] });
    return { ...result, evidence };
  }

  it('refuses the source database: exit 1, the reason in the evidence, the database untouched, no password shown', async () => {
    const before = await state('app');
    const run = await bundle(`${DUMP}\n      restore-drill: { into: "\${DATABASE_URL}", allow-existing-target: true }`, {
      DATABASE_URL: pg().url('app'),
    });
    expect([run.code, run.stderr]).toEqual([1, expect.any(String)]);
    expect(run.evidence?.gates[0]?.checks[0]?.summary).toMatch(/^restore drill refused: into: .* is the database pg-dump: dumps/);
    expect(run.stdout).toMatch(/is the database pg-dump: dumps/);
    expect(await state('app')).toEqual(before);
    expect(run.stdout + run.stderr + JSON.stringify(run.evidence)).not.toContain(pg().password);
  });

  it('refuses into: without allow-existing-target: exit 2 naming the line, before anything runs', async () => {
    const run = await bundle(`${DUMP}\n      restore-drill: { into: "\${DATABASE_URL}" }`, { DATABASE_URL: pg().url('app') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/release-gates\.yml:6:\d+: preflight\.checks\[0\]\.restore-drill\.into: refused: /);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    await expect(readFile(join(cwd(), 'backups/pre-release.dump'))).rejects.toThrow(/ENOENT/);
  });
});
