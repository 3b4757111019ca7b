/**
 * The detector corpus (issue #9): every statement of __tests__/fixtures/sql-corpus/*.sql
 * carries the finding codes it must give (`-- expect: …`); a missing code is a false
 * negative, an extra one a false positive. See the corpus README for the files.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseSql, type SqlAnalysis } from '../../../src/migrate/analysis/index.js';

const CORPUS = '__tests__/fixtures/sql-corpus';
const FILES = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.sql'))
  .sort();

interface Statement {
  line: number;
  text: string;
  codes: string[];
}

function read(name: string): string {
  return readFileSync(join(CORPUS, name), 'utf8');
}

/** The `-- expect:` markers of a file: line → codes. */
function markers(text: string): { line: number; codes: string[] }[] {
  return text.split('\n').flatMap((line, index) => {
    const match = /^-- expect: (.*)$/.exec(line);
    if (!match) return [];
    const codes = (match[1] ?? '').split(',').map((code) => code.trim());
    return [{ line: index + 1, codes: codes[0] === 'none' ? [] : codes.sort() }];
  });
}

/** Each top-level statement with the codes the analysis gave it (findings in its body included). */
function actual(analysis: SqlAnalysis): Statement[] {
  const statements = analysis.parts.map((part) => ({ line: part.line, text: part.text.slice(0, 60), codes: [] as string[] }));
  const owner = (line: number): Statement | undefined => statements.filter((s) => s.line <= line).at(-1);
  for (const finding of analysis.findings) owner(finding.line)?.codes.push(finding.code);
  for (const item of analysis.unanalysable) owner(item.line)?.codes.push('not-analysable');
  for (const statement of statements) statement.codes.sort();
  return statements;
}

/** What the markers say each statement gives; fails when a statement has no marker, or two. */
function expected(text: string, analysis: SqlAnalysis): Statement[] {
  const all = markers(text);
  return analysis.parts.map((part, index) => {
    const previous = index === 0 ? 0 : (analysis.parts[index - 1]?.line ?? 0);
    const mine = all.filter((marker) => marker.line > previous && marker.line < part.line);
    if (mine.length !== 1)
      throw new Error(`line ${part.line}: expected one "-- expect:" marker before the statement, found ${mine.length}`);
    return { line: part.line, text: part.text.slice(0, 60), codes: mine[0]?.codes ?? [] };
  });
}

describe('the SQL detector corpus', () => {
  it.each(FILES)('%s: each statement gives exactly the codes it expects', async (name) => {
    const text = read(name);
    const analysis = await analyseSql(text);
    expect(actual(analysis)).toEqual(expected(text, analysis));
    expect(analysis.statements).toBe(markers(text).length);
  });

  it('has at least 60 statements, and both flagged and clean ones in every rule family', async () => {
    let statements = 0;
    const codes = new Set<string>();
    let clean = 0;
    for (const name of FILES) {
      const analysis = await analyseSql(read(name));
      statements += analysis.statements;
      for (const statement of actual(analysis)) {
        if (statement.codes.length === 0) clean++;
        for (const code of statement.codes) codes.add(code);
      }
    }
    expect(statements).toBeGreaterThanOrEqual(60);
    expect(clean).toBeGreaterThanOrEqual(30);
    const { RULES } = await import('../../../src/migrate/analysis/index.js');
    // Every rule is exercised by at least one statement of the corpus.
    expect([...codes].filter((code) => code !== 'not-analysable').sort()).toEqual(Object.keys(RULES).sort());
  });

  it("runbook 004's additive-only migrations need no acknowledgement and are fully analysed", async () => {
    const names = FILES.filter((name) => name.startsWith('004-'));
    expect(names).toHaveLength(3);
    for (const name of names) {
      const analysis = await analyseSql(read(name));
      expect(analysis.findings.filter((finding) => finding.needsAck)).toEqual([]);
      expect(analysis.unanalysable).toEqual([]);
    }
  });

  it("runbook 000's reset deletes every row of its three tables, each counted as a whole table", async () => {
    const analysis = await analyseSql(read('000-reset-015.sql'));
    const deletes = analysis.findings.filter((finding) => finding.code === 'delete-without-where');
    expect(deletes.map(({ table, countSql, needsAck, message }) => ({ table, countSql, needsAck, message }))).toEqual(
      ['assessments', 'candidate_applications', 'candidates'].map((table) => ({
        table,
        countSql: `SELECT count(*) FROM "${table}"`,
        needsAck: true,
        message: `DELETE without WHERE removes every row of ${table}`,
      })),
    );
  });

  it.each(FILES)('%s with CRLF line endings gives the same findings, positions and hash', async (name) => {
    const text = read(name);
    const [lf, crlf] = await Promise.all([analyseSql(text), analyseSql(text.replaceAll('\n', '\r\n'))]);
    expect(crlf).toEqual(lf);
  });
});
