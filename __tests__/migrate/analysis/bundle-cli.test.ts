/**
 * The analysis through the built bundle (`release-gates analyse-sql`), as a release engineer
 * runs it: ncc does not copy libpg-query.wasm, so this proves the build puts it where the
 * chunk that loads it looks, and that the bundled parser gives what the source gives.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyseSql, type SqlAnalysis } from '../../../src/migrate/analysis/index.js';
import { BUNDLE, requireBundle, runCli, runProgram } from '../../config/helpers.js';

const CORPUS = '__tests__/fixtures/sql-corpus';
const RESET = join(CORPUS, '000-reset-015.sql');
const ADDITIVE = ['004-canonical-promotion.sql', '004-alias-search.sql', '004-analytics.sql'].map((name) => join(CORPUS, name));

let dir: string;

beforeAll(() => {
  requireBundle();
  dir = mkdtempSync(join(tmpdir(), 'rg-analyse-sql-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('release-gates analyse-sql (the built bundle)', () => {
  it('ships libpg-query.wasm next to the bundle, byte for byte', () => {
    const shipped = readFileSync(join(dirname(BUNDLE), 'libpg-query.wasm'));
    expect(shipped.equals(readFileSync('node_modules/libpg-query/wasm/libpg-query.wasm'))).toBe(true);
  });

  it("flags runbook 000's reset, prints JSON equal to the source's analysis, and exits 1", async () => {
    const result = await runCli(['analyse-sql', '--json', RESET]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const [printed] = JSON.parse(result.stdout) as (SqlAnalysis & { file: string })[];
    expect(printed).toEqual({ file: RESET, ...(await analyseSql(readFileSync(RESET, 'utf8'))) });
    expect(printed?.findings.filter((f) => f.code === 'delete-without-where').map((f) => f.table)).toEqual([
      'assessments',
      'candidate_applications',
      'candidates',
    ]);
  });

  it('prints a table of findings with their positions', async () => {
    const result = await runCli(['analyse-sql', RESET]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${RESET}: 14 statements, sha256:[0-9a-f]{64}$`));
    const row = lines.find((line) => line.includes('DELETE without WHERE removes every row of candidates'));
    expect(row).toMatch(/│ 18:1 +│ delete-without-where +│ data-loss +│ yes +│/);
    expect(lines.some((line) => /│ add-unique-index +│ may-fail +│ no +│/.test(line))).toBe(true);
  });

  it("passes runbook 004's additive-only migrations: nothing needs an acknowledgement, exit 0", async () => {
    const result = await runCli(['analyse-sql', ...ADDITIVE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of ADDITIVE) expect(result.stdout).toContain(`${file}: `);
    expect(result.stdout.match(/ {2}no findings/g)).toHaveLength(3);
  });

  it('reports what it cannot analyse and exits 1', async () => {
    const file = join(CORPUS, 'bodies.sql');
    const result = await runCli(['analyse-sql', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`not analysable at ${file}:`);
    expect(result.stdout).toContain("EXECUTE of a built string ('DELETE FROM ' || quote_ident(tbl)) is not analysable");
  });

  it('says which file it cannot read, exits 2, no stack trace', async () => {
    const missing = join(dir, 'absent.sql');
    const result = await runCli(['analyse-sql', missing]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `${missing}: cannot read it (ENOENT)\nsee \`release-gates analyse-sql --help\`\n`,
    });
  });

  it('fails without the wasm beside the bundle (what the build step prevents)', async () => {
    const copy = join(dir, 'dist');
    cpSync(dirname(BUNDLE), copy, { recursive: true });
    rmSync(join(copy, 'libpg-query.wasm'));
    const result = await runProgram(process.execPath, [join(copy, 'index.js'), 'analyse-sql', RESET]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`ENOENT: no such file or directory, open '${join(copy, 'libpg-query.wasm')}'`);
  });
});
