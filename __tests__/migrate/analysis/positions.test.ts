/**
 * Where findings point: the 1-based line and column of their statement in the analysed text
 * (plus startLine - 1), for several statements on a line, after multi-byte characters, in
 * DO blocks and function bodies at the line of the statement inside, and for what does not
 * parse.
 */
import { describe, expect, it } from '@jest/globals';
import { analyseSql } from '../../../src/migrate/analysis/index.js';

const SQL = `-- Überprüfung der Kandidaten (é, 候选人): multi-byte characters before everything
SELECT 1;
   DELETE FROM a;  SELECT 'ü'; TRUNCATE b;
/* a comment
   over lines */ DROP TABLE c;
DO $$
BEGIN
    -- a comment inside
    SELECT 'é';
        DELETE FROM d;
END $$;
CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$
  SELECT 1;
  UPDATE e SET x = 1
$$;
CREATE FUNCTION g(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'DELETE FROM ' || t;
END $$;
`;

const LINES = SQL.split('\n');

/** 1-based line and column of the first occurrence of `text` in SQL. */
function at(text: string): { line: number; column: number } {
  const index = LINES.findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`not in the SQL: ${text}`);
  return { line: index + 1, column: (LINES[index] ?? '').indexOf(text) + 1 };
}

describe('positions of findings', () => {
  it('point at each statement, also several on one line and after multi-byte text', async () => {
    const analysis = await analyseSql(SQL);
    const where = Object.fromEntries(analysis.findings.map((f) => [f.table, { line: f.line, column: f.column }]));
    expect(where).toEqual({
      a: at('DELETE FROM a'),
      b: at('TRUNCATE b'),
      c: at('DROP TABLE c'),
      d: at('DELETE FROM d'),
      e: at('UPDATE e'),
    });
    expect(analysis.findings.map((f) => f.statement)).toEqual([
      'DELETE FROM a',
      'TRUNCATE b',
      'DROP TABLE c',
      'DELETE FROM d',
      'UPDATE e SET x = 1',
    ]);
    expect(analysis.findings.map((f) => f.context)).toEqual([undefined, undefined, undefined, 'DO block', 'function f()']);
  });

  it('add startLine - 1 to every line, columns unchanged', async () => {
    const plain = await analyseSql(SQL);
    const shifted = await analyseSql(SQL, { startLine: 101 });
    expect(shifted.findings.map((f) => [f.line, f.column])).toEqual(plain.findings.map((f) => [f.line + 100, f.column]));
    expect(shifted.unanalysable.map((u) => [u.line, u.column])).toEqual(plain.unanalysable.map((u) => [u.line + 100, u.column]));
    expect(shifted.parts.map((p) => p.line)).toEqual(plain.parts.map((p) => p.line + 100));
  });

  it('put an EXECUTE of a built string at its line in the function', async () => {
    const analysis = await analyseSql(SQL);
    expect(analysis.unanalysable).toEqual([
      {
        ...at("EXECUTE 'DELETE FROM ' || t"),
        reason: "function g(text): EXECUTE of a built string ('DELETE FROM ' || t) is not analysable",
      },
    ]);
  });

  it('put a syntax error where the parser stopped, and still analyse the other statements', async () => {
    const sql = 'SELECT 1;\n  DELETE FROM a;\nCREATE TABLE x (id int,);\n  ALTER TABLE é DROP COLUMN y;\n';
    const analysis = await analyseSql(sql, { startLine: 10 });
    expect(analysis.unanalysable).toEqual([{ line: 12, column: 24, reason: 'syntax error at or near ")"' }]);
    expect(analysis.findings.map((f) => [f.code, f.line, f.column])).toEqual([
      ['delete-without-where', 11, 3],
      ['drop-column', 13, 3],
    ]);
    expect(analysis.statements).toBe(4);
  });
});
