/**
 * The shared markdown tables (src/reporters/markdown/tables.ts): the checks of a gate,
 * the gates-by-environment grid and the one-line tally.
 */
import { describe, expect, it } from '@jest/globals';
import { checksTable, gatesTable, statusBadge, tally, type GateCell } from '../../src/reporters/markdown/tables.js';
import { check, gate, many, markdownLines, tableCells } from './helpers.js';

/** Rows of a table as cells, header first (the delimiter row dropped). */
function rows(table: string): string[][] {
  const lines = markdownLines(table);
  expect(lines[1]).toMatch(/^\|(-+:?\|)+$/);
  return lines.filter((_, i) => i !== 1).map(tableCells);
}

describe('tally', () => {
  it('counts failed, pending, passed and skipped checks in that order', () => {
    const result = gate([...many(6, 'passed'), check('skipped'), check('failed'), ...many(2, 'pending')]);
    expect(tally(result)).toBe('1 failed, 2 pending, 6 passed, 1 skipped');
  });

  it('leaves out statuses that did not occur', () => {
    expect(tally(gate([check('failed'), ...many(6, 'passed')]))).toBe('1 failed, 6 passed');
  });

  it('says "no checks" for an empty gate', () => {
    expect(tally(gate([]))).toBe('no checks');
  });

  it('gives the reason for a skipped gate, or "not run"', () => {
    expect(tally(gate([], { status: 'skipped', reason: 'not run: gate preflight did not pass' }))).toBe(
      'not run: gate preflight did not pass',
    );
    expect(tally(gate([], { status: 'skipped' }))).toBe('not run');
  });
});

describe('checksTable', () => {
  it('has one row per check with result, measured, expected and milliseconds', () => {
    const failed = check('failed', { name: 'health', measured: '503', expected: '2xx', durationMs: 87 });
    const table = rows(checksTable(gate([failed, check('passed', { name: 'login' })])));
    expect(table[0]).toEqual(['check', 'result', 'measured', 'expected', 'ms']);
    expect(table).toHaveLength(3);
    expect(table[1]).toEqual(['health', statusBadge('failed'), '503', '2xx', '87']);
    expect(table[2]![1]).toBe('✅ passed');
  });

  it('links each check to its config line', () => {
    const table = checksTable(
      gate([check('failed', { name: 'health', location: { file: 'f.yml', line: 42, column: 1 } })]),
      (c) => `https://github.com/o/r/blob/abc/f.yml#L${c.location.line}`,
    );
    expect(rows(table)[1]![0]).toBe('[health](https://github.com/o/r/blob/abc/f.yml#L42)');
  });

  it('keeps five columns whatever the checks say', () => {
    const hostile = check('failed', { name: 'a | b\nc', measured: '| x | y |', expected: '`|`\r|', summary: 'x' });
    const table = rows(checksTable(gate([hostile, check('passed')]), () => 'https://e.com/a|b c)'));
    expect(table).toHaveLength(3);
    for (const row of table) expect(row).toHaveLength(5);
  });

  it('cuts a long measured value', () => {
    const table = rows(checksTable(gate([check('failed', { measured: 'x'.repeat(5000) })])));
    expect(table[1]![2]!.length).toBeLessThanOrEqual(200);
    expect(table[1]![2]).toMatch(/…$/);
  });
});

describe('gatesTable', () => {
  const cells: GateCell[] = [
    { gate: 'preflight', environment: 'staging', status: 'passed', title: '4 passed', url: 'https://github.com/o/r/runs/1' },
    { gate: 'smoke', environment: 'staging', status: 'failed', title: '1 failed, 6 passed', url: 'https://github.com/o/r/runs/2' },
    { gate: 'smoke', environment: 'production', status: 'in progress', title: 'running' },
  ];

  it('has a row per gate and a column per environment', () => {
    const table = rows(gatesTable(cells, ['staging', 'production']));
    expect(table[0]).toEqual(['gate', 'staging', 'production']);
    expect(table.map((row) => row[0])).toEqual(['gate', 'preflight', 'smoke']);
  });

  it('puts environments in the config order and gates in pipeline order, whatever order the cells come in', () => {
    const shuffled = [...cells].reverse();
    expect(rows(gatesTable(shuffled, ['staging', 'production']))[0]).toEqual(['gate', 'staging', 'production']);
    expect(rows(gatesTable(shuffled, ['production', 'staging']))[0]).toEqual(['gate', 'production', 'staging']);
    expect(rows(gatesTable(shuffled, ['staging', 'production'])).map((row) => row[0])).toEqual(['gate', 'preflight', 'smoke']);
    // Without a known order, columns are alphabetical: the same table on every run.
    expect(rows(gatesTable(shuffled))[0]).toEqual(['gate', 'production', 'staging']);
    expect(rows(gatesTable(cells))[0]).toEqual(['gate', 'production', 'staging']);
  });

  it('links each cell to its check run and leaves missing cells empty', () => {
    const table = rows(gatesTable(cells, ['staging', 'production']));
    expect(table[1]).toEqual(['preflight', '[✅ passed · 4 passed](https://github.com/o/r/runs/1)', '']);
    expect(table[2]![1]).toBe('[❌ failed · 1 failed, 6 passed](https://github.com/o/r/runs/2)');
    expect(table[2]![2]).toBe('🔄 in progress · running');
  });

  it('shows a gate run without an environment under —', () => {
    const table = rows(gatesTable([{ gate: 'smoke', environment: undefined, status: 'pending', title: '1 pending' }]));
    expect(table[0]).toEqual(['gate', '—']);
    expect(table[1]).toEqual(['smoke', '⏳ pending · 1 pending']);
  });

  it('keeps every row as wide as the header whatever names and titles say', () => {
    const hostile: GateCell[] = [
      { gate: 'smoke|x', environment: 'eu | west', status: 'failed', title: 'a|b\nc' },
      { gate: 'smoke', environment: 'us\r|east', status: 'passed', title: '`|`', url: 'https://e.com/x|y' },
    ];
    const table = rows(gatesTable(hostile));
    expect(table).toHaveLength(3);
    for (const row of table) expect(row).toHaveLength(3);
  });

  it('is only the header for no cells', () => {
    expect(markdownLines(gatesTable([]))).toHaveLength(2);
  });
});
