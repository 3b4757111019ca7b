/**
 * Secrets inside values (issue #7, item 5), through the root action and the real bundle
 * against the local GitHub API and a real PostgreSQL server. No variable here has a
 * secret's name, yet:
 * - the password inside `DATABASE_URL` (SQLAlchemy form, as alembic projects write it)
 *   is redacted when a failing command prints the URL and the decoded password, and when
 *   `pg_dump` quotes the URL in its error;
 * - a backup script traced with `sh -x` prints the URL with a wrong password, and
 *   `pg_dump` fails against the real server: the password is redacted;
 * - a URL with a password written in the config's `vars:`, or only in the process
 *   environment (`CACHE_URL`, read by a script), is redacted when printed;
 * - a value given to `auth:` in the smoke gate is redacted from a preflight command that
 *   prints the settings, although smoke never runs (it is skipped after preflight).
 * Each is looked for in every form (plain, URL-encoded, user-info encoded, base64,
 * JSON-escaped) in every place the action writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPostgres, type Postgres } from '../support/postgres.js';
import { commands, leakForms, makeWorkspace, readReport, runGate, runStep, withGitHub, writtenPlaces } from './harness.js';

/** Passwords no variable name marks as secret. */
const PW = {
  sqlalchemy: 'Sqla-Pa55:w0rd',
  wrong: 'Wr0ng/Pa55@word!',
  replica: 'Repl1ca-Pw-5e',
  admin: 'Adm1n-Pass-3c8d',
  cache: 'C4che-Pw-61b0',
};

const PRINT_URL = [
  'const url = process.env.DATABASE_URL;',
  "console.log('connecting to ' + url);",
  "console.error('password authentication failed, password was ' + decodeURIComponent(new URL(url).password));",
  'process.exit(2);',
].join(' ');

const CONFIG = `version: 1
environments:
  local:
    url: "\${API_BASE}"
    vars: { REPLICA_URL: "postgres://reader:${PW.replica}@127.0.0.1:1/app" }
preflight:
  checks:
    - name: migrations can reach the database
      command: [node, -e, "${PRINT_URL}"]
    - name: pg_dump with the app's URL
      backup: { command: [pg_dump, --format=custom, --file=sqla.dump, "--dbname=\${DATABASE_URL}"], file: sqla.dump }
    - name: backup script, traced
      backup: { command: [sh, -xc, 'pg_dump --format=custom --file=direct.dump --dbname="$DIRECT_DATABASE_URL"'], file: direct.dump }
    - name: built-in pg_dump
      backup: { pg-dump: "\${DIRECT_DATABASE_URL}", to: builtin.dump }
    - name: replica answers
      command: [node, -e, "console.log('replica ' + process.argv[1]); process.exit(1)", "\${REPLICA_URL}"]
    - name: settings dump
      command: [sh, -c, 'echo "ADMIN_PASS=$ADMIN_PASS CACHE_URL=$CACHE_URL"; exit 1']
smoke:
  checks:
    - name: admin API
      http: GET /v1/admin/metrics
      auth: { basic: [admin, "\${ADMIN_PASS}"] }
`;

let server: Postgres | undefined;
beforeAll(async () => {
  server = await startPostgres();
  await server.createDatabase('app', 'CREATE TABLE leads (id int)');
}, 120_000);
afterAll(async () => {
  // Undefined when the server did not start.
  await server?.stop();
});

describe('a password inside a value', () => {
  it(
    'is redacted everywhere the action writes, in every form',
    () =>
      withGitHub(async (gh) => {
        if (!server) throw new Error('PostgreSQL did not start');
        const pg = server;
        const workspace = makeWorkspace(CONFIG);
        const env = {
          DATABASE_URL: `postgresql+psycopg2://postgres:${encodeURIComponent(PW.sqlalchemy)}@127.0.0.1:${pg.port}/app?sslmode=disable`,
          DIRECT_DATABASE_URL: pg.url('app', { password: PW.wrong }),
          ADMIN_PASS: PW.admin,
          // Read only by the script, never written in the config.
          CACHE_URL: `redis://:${PW.cache}@127.0.0.1:1/0`,
        };
        const result = await runGate({
          gh,
          workspace: workspace.dir,
          serviceUrl: 'http://127.0.0.1:9',
          action: 'root',
          with: { gates: 'preflight smoke' },
          env,
        });

        expect(runStep(result).exitCode).toBe(1);
        const report = readReport(result.outputs.report!) as {
          gates: { gate: string; status: string; checks: { name: string; status: string; details: string[] }[] }[];
        };
        expect(report.gates.map((gate) => [gate.gate, gate.status])).toEqual([
          ['preflight', 'failed'],
          ['smoke', 'skipped'],
        ]);
        const preflight = report.gates[0]!.checks;
        expect(preflight.map((check) => [check.name, check.status])).toEqual([
          ['migrations can reach the database', 'failed'],
          ["pg_dump with the app's URL", 'failed'],
          ['backup script, traced', 'failed'],
          ['built-in pg_dump', 'failed'],
          ['replica answers', 'failed'],
          ['settings dump', 'failed'],
        ]);
        // The values were printed, and reached the evidence redacted.
        const details = (name: string): string => preflight.find((check) => check.name === name)!.details.join('\n');
        expect(details('migrations can reach the database')).toContain(`postgresql+psycopg2://postgres:***@127.0.0.1:${pg.port}/app`);
        expect(details('migrations can reach the database')).toContain('password authentication failed, password was ***');
        expect(details("pg_dump with the app's URL")).toContain(
          `invalid connection option "postgresql+psycopg2://postgres:***@127.0.0.1:${pg.port}/app?sslmode"`,
        );
        expect(details('backup script, traced')).toContain(`--dbname=postgresql://postgres:***@127.0.0.1:${pg.port}/app`);
        expect(details('backup script, traced')).toContain('password authentication failed for user "postgres"');
        expect(details('built-in pg_dump')).toContain('password authentication failed for user "postgres"');
        expect(details('replica answers')).toContain('replica postgres://reader:***@127.0.0.1:1/app');
        expect(details('settings dump')).toContain('ADMIN_PASS=*** CACHE_URL=redis://:***@127.0.0.1:1/0');

        const places = writtenPlaces(result, gh);
        for (const [name, password] of Object.entries(PW)) {
          for (const form of leakForms(password)) {
            for (const [place, text] of Object.entries(places))
              expect([name, form, place, text.includes(form)]).toEqual([name, form, place, false]);
          }
        }
        // The runner masks them too, before anything could print them.
        const masks = commands(result, 'add-mask').map((command) => command.message);
        for (const password of Object.values(PW)) expect([password, masks.includes(password)]).toEqual([password, true]);
      }),
    180_000,
  ); // a generous bound for a busy machine: pg_dump runs three times
});
