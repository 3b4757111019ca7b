/**
 * The node-pg-migrate adapter's reading of the CLI and the project, without a database:
 * node-pg-migrate's file order, the `up --dry-run` output, a `.sql` migration's up
 * section, where the command is found, and what a migration's SQL is offline.
 * `node-pg-migrate.test.ts` runs the real CLI against a real PostgreSQL.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeProcessRunner } from '../../src/io/process.js';
import {
  compareMigrationNames,
  defaultCommand,
  dryRunSql,
  nodePgMigrateTool,
  parseMigratingFiles,
  upSection,
} from '../../src/migrate/tools/node-pg-migrate.js';
import type { ToolContext } from '../../src/migrate/tools/tool.js';
import { projectCopy } from './helpers.js';

const IDS = ['001_initial_schema', '013_candidate_applications', '014_role_tasks', '015_role_first_applications_pause_reset'];

/** A tool context without a database. */
function context(dir: string): ToolContext {
  return {
    cwd: dir,
    databaseUrl: undefined,
    env: {},
    process: nodeProcessRunner,
    live: { run: () => Promise.reject(new Error('not used')) },
    timeoutMs: 120_000,
    signal: new AbortController().signal,
    progress: () => undefined,
  };
}

describe('node-pg-migrate output and order', () => {
  it('orders files as node-pg-migrate does: by numeric prefix, 17 digits as a UTC time, then by name', () => {
    // Same prefix: by name with punctuation ignored, so "1_A.sql" ("1Asql") comes before "1_a.ts" ("1ats").
    expect(['10_c.sql', '9_b.js', '1_a.ts', '1_A.sql'].sort(compareMigrationNames)).toEqual(['1_A.sql', '1_a.ts', '9_b.js', '10_c.sql']);
    expect(['20240102000000000_b.js', '20240101235959999_a.js'].sort(compareMigrationNames)).toEqual([
      '20240101235959999_a.js',
      '20240102000000000_b.js',
    ]);
    expect(() => compareMigrationNames('init.sql', '1_a.sql')).toThrow('cannot determine numeric prefix for "init.sql"');
  });

  it('reads the names up --dry-run would run, and none for "No migrations to run!"', () => {
    expect(parseMigratingFiles('dry run\nno lock\n> Migrating files:\n> - 013_a\n> - 014_b\nMigrations complete!\n')).toEqual([
      '013_a',
      '014_b',
    ]);
    expect(parseMigratingFiles('dry run\nno lock\nNo migrations to run!\nMigrations complete!\n')).toEqual([]);
  });

  it("keeps a migration's SQL and drops the bookkeeping insert", () => {
    const out = [
      '> Migrating files:',
      '> - 2_b',
      '### MIGRATION 2_b (UP) ###',
      'DELETE FROM t;',
      '',
      'UPDATE u SET x = 1;',
      `INSERT INTO "pg_temp"."pgmigrations" (name, run_on) VALUES ('2_b', NOW());`,
      '',
      '',
      'Migrations complete!',
    ].join('\n');
    expect(dryRunSql(out, '2_b')).toBe('DELETE FROM t;\n\nUPDATE u SET x = 1;');
    expect(dryRunSql(out, '3_c')).toBeUndefined();
  });

  it("cuts a .sql migration's up section as node-pg-migrate does, with its start line", () => {
    expect(upSection('\n-- Down Migration\nDROP TABLE t;\n-- Up Migration\nCREATE TABLE t ();\n')).toEqual({
      sql: '-- Up Migration\nCREATE TABLE t ();\n;',
      startLine: 4,
    });
    expect(upSection('CREATE TABLE t ();')).toEqual({ sql: 'CREATE TABLE t ();', startLine: 1 });
  });

  it("runs the project's node_modules/.bin/node-pg-migrate, found upwards as npm does, else the one on PATH", () => {
    const root = mkdtempSync(join(tmpdir(), 'rg-npgm-'));
    expect(defaultCommand(join(root, 'db'))).toEqual(['node-pg-migrate']);
    mkdirSync(join(root, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(root, 'node_modules/.bin/node-pg-migrate'), '');
    mkdirSync(join(root, 'packages/db'), { recursive: true });
    expect(defaultCommand(join(root, 'packages/db'))).toEqual([join(root, 'node_modules/.bin/node-pg-migrate')]);
    rmSync(root, { recursive: true, force: true });
  });

  it("without a database reads a .sql migration's up section, and says a JS migration needs one for --dry-run", async () => {
    const { dir } = projectCopy('taali-pre-pilot/node-pg-migrate');
    const tool = nodePgMigrateTool({});
    const state = await tool.state(context(dir));
    expect([state.current, state.pending.map((m) => m.id)]).toEqual([undefined, IDS]);
    const sql = await tool.source(state.pending[3]!, context(dir));
    expect([sql.error, sql.startLine, sql.sql]).toEqual([undefined, 1, upSection(sql.fileText).sql]);
    const js = await tool.source(state.pending[0]!, context(dir));
    expect([js.sql, js.error]).toEqual(['', 'node-pg-migrate up --dry-run needs a database to print the SQL of a JS/TS migration']);
  });

  it('refuses --migrations-dir and --migrations-schema in command:, which the adapter sets', async () => {
    const { dir } = projectCopy('taali-pre-pilot/node-pg-migrate');
    const tool = nodePgMigrateTool({ command: ['node-pg-migrate', '--migrations-schema=audit'] });
    const migration = { id: IDS[0] ?? '', file: 'migrations/001_initial_schema.mjs', parents: [] };
    await expect(tool.apply(migration, { ...context(dir), databaseUrl: 'postgres://localhost/x' })).rejects.toThrow(
      'node-pg-migrate: --migrations-schema=audit in command: is set by release-gates (use migrations-dir:)',
    );
  });
});
