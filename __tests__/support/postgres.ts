/**
 * A throwaway PostgreSQL server for one test file (TOOLCHAIN.md): `initdb` into a temp
 * folder and `pg_ctl start` on a free port, as the `postgres` user when the tests run as
 * root. Local socket logins are trusted (for seeding); TCP logins need the password,
 * so the tests exercise the real password path. `stop()` stops it and deletes the
 * folder. When PostgreSQL is not installed, `startPostgres` fails with what to install:
 * the tests fail, they are never skipped.
 *
 * ```ts
 * let pg: Postgres;
 * beforeAll(async () => { pg = await startPostgres(); });
 * afterAll(async () => { await pg?.stop(); });
 * ```
 */
import { afterAll, beforeAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Postgres {
  host: '127.0.0.1';
  port: number;
  user: 'postgres';
  /** The superuser's password; TCP logins need it. */
  password: string;
  /** The server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
  bin: string;
  /** `postgresql://postgres:<password>@127.0.0.1:<port>/<database>`. */
  url(database?: string, options?: { password?: string | null; user?: string }): string;
  /** Runs SQL (several statements allowed) as the superuser in `database`; returns the last result's rows. */
  sql(database: string, text: string): Promise<Record<string, unknown>[]>;
  /** Creates `name` and runs `seed` in it. */
  createDatabase(name: string, seed?: string): Promise<void>;
  databases(): Promise<string[]>;
  stop(): Promise<void>;
}

interface Exec {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: readonly string[], options: { cwd?: string } = {}): Promise<Exec> {
  const [program = '', ...args] = argv;
  return new Promise((resolve) => {
    execFile(program, args, { cwd: options.cwd, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, or the one PG_BIN names. */
export function findPostgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb (and PG_BIN is not set). ' +
        'These tests need a real server: run scripts/setup.sh, or apt-get install postgresql postgresql-client.',
    );
  }
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const IS_ROOT = process.getuid?.() === 0;

/** Runs a server binary as `postgres` when root (the server refuses to run as root). */
function asServerUser(argv: readonly string[]): readonly string[] {
  return IS_ROOT ? ['runuser', '-u', 'postgres', '--', ...argv] : argv;
}

async function check(step: string, result: Exec, log?: string): Promise<void> {
  if (result.code === 0) return;
  const tail = log && existsSync(log) ? `\nserver log:\n${(await readFile(log, 'utf8')).split('\n').slice(-20).join('\n')}` : '';
  throw new Error(`throwaway PostgreSQL: ${step} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}${tail}`);
}

/** Starts a throwaway server. See the module comment. */
export async function startPostgres(): Promise<Postgres> {
  const bin = findPostgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'rg-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const password = `pw-${Math.random().toString(36).slice(2)}-Xy9`;
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, `${password}\n`);
  if (IS_ROOT) {
    await check('chown', await run(['chown', '-R', 'postgres:postgres', dir]));
  }
  await chmod(dir, 0o700);
  await check(
    'initdb',
    await run(
      asServerUser([
        join(bin, 'initdb'),
        '-D',
        data,
        '-U',
        'postgres',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--no-sync',
      ]),
    ),
  );

  let port = 0;
  let started: Exec | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
    started = await run(asServerUser([join(bin, 'pg_ctl'), '-D', data, '-l', log, '-w', '-t', '30', '-o', options, 'start']));
    if (started.code === 0) break;
  }
  if (!started || started.code !== 0) {
    await rm(dir, { recursive: true, force: true });
    await check('pg_ctl start', started ?? { code: 1, stdout: '', stderr: 'not started' }, log);
  }

  const url = (database = 'postgres', options: { password?: string | null; user?: string } = {}): string => {
    const user = encodeURIComponent(options.user ?? 'postgres');
    const secret = options.password === null ? undefined : (options.password ?? password);
    const auth = secret === undefined ? user : `${user}:${encodeURIComponent(secret)}`;
    return `postgresql://${auth}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  };

  const sql = async (database: string, text: string): Promise<Record<string, unknown>[]> => {
    // Over the socket, trusted: seeding does not depend on the password path under test.
    const client = new pg.Client({ host: dir, port, user: 'postgres', database });
    await client.connect();
    try {
      const result = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return (last?.rows ?? []) as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    bin,
    url,
    sql,
    async createDatabase(name, seed) {
      await sql('postgres', `CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      if (seed) await sql(name, seed);
    },
    async databases() {
      const rows = await sql('postgres', 'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname');
      return rows.map((row) => String(row.datname));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(asServerUser([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A PostgreSQL server for one test file: started before its tests (up to 120 s on a busy
 * machine), stopped after them. Use the handle only inside tests and hooks.
 */
export function postgresForFile(): Postgres {
  let server: Postgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return new Proxy({} as Postgres, {
    get(_, key) {
      if (!server) throw new Error('the PostgreSQL server of this test file has not started: use it inside a test or hook');
      const value: unknown = Reflect.get(server, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(server) : value;
    },
  });
}
