/**
 * The sticky PR comment (src/reporters/github/sticky-comment.ts): its body and size
 * limit, its cells rebuilt from check runs, and the comment id a run records. How it is
 * written is in comment-writer.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import type { GateCell } from '../../src/reporters/markdown/tables.js';
import {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  MAX_DETAILS_CHARS,
  cellsFromCheckRuns,
  commentBody,
  knownCommentId,
} from '../../src/reporters/github/sticky-comment.js';
import { FakeGitHub } from './fake-github.js';
import { markdownLines, tableCells } from './helpers.js';

const SHA = 'a'.repeat(40);
const CONTEXT = { headSha: SHA, runUrl: 'https://github.com/o/r/actions/runs/1', updatedAt: new Date('2024-01-01T00:00:00Z') };

describe('commentBody', () => {
  it('stays within 65,536 characters for 3,000 cells and says it was truncated', () => {
    const cells: GateCell[] = Array.from({ length: 3000 }, (_, i) => ({
      gate: `gate-${i % 300}`,
      environment: `environment-${Math.floor(i / 300)}`,
      status: 'failed',
      title: `${i} failed, ${i} passed; a long title that goes on for a while`,
      url: `https://github.com/o/r/runs/${1_000_000 + i}`,
    }));
    const body = commentBody(cells, CONTEXT);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toMatch(/\*\*Truncated:\*\* \d+ of 3000 results are not shown/);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    const rows = markdownLines(body).filter((line) => line.startsWith('| '));
    const width = tableCells(rows[0]!).length;
    for (const row of rows) expect(tableCells(row)).toHaveLength(width);
  });

  it('has the marker, the commit and the table, without a truncation note when small', () => {
    const body = commentBody([{ gate: 'smoke', environment: 'staging', status: 'passed', title: '3 passed' }], CONTEXT);
    expect(body).toContain(COMMENT_MARKER);
    expect(body).toContain('`aaaaaaaaaaaa`');
    expect(body).toContain('| smoke | ✅ passed · 3 passed |');
    expect(body).not.toContain('Truncated');
  });

  it("folds each failing cell's evidence under the table, and links long evidence instead", () => {
    const evidence = '### ❌ estimator\n$.total: measured not found, expected is number';
    const body = commentBody(
      [
        {
          gate: 'smoke',
          environment: 'staging',
          status: 'failed',
          title: '1 failed',
          url: 'https://github.com/o/r/runs/1',
          details: evidence,
        },
        {
          gate: 'smoke',
          environment: 'production',
          status: 'failed',
          title: '1 failed',
          url: 'https://github.com/o/r/runs/2',
          details: 'x'.repeat(MAX_DETAILS_CHARS + 1),
        },
        { gate: 'preflight', environment: 'staging', status: 'passed', title: '3 passed', details: 'never shown for a pass' },
      ],
      CONTEXT,
    );
    expect(body).toContain(`<details><summary>❌ failed smoke · staging: 1 failed</summary>\n\n${evidence}\n\n</details>`);
    expect(body).toContain('- ❌ failed smoke · production: 1 failed: [evidence in the check run](https://github.com/o/r/runs/2)');
    expect(body).not.toContain('never shown');
    expect(body.indexOf('<details>')).toBeGreaterThan(body.indexOf('| smoke |'));
  });

  it('turns evidence into links before it drops any row', () => {
    const cells: GateCell[] = Array.from({ length: 20 }, (_, i) => ({
      gate: 'smoke',
      environment: `env-${i}`,
      status: 'failed',
      title: '1 failed',
      url: `https://github.com/o/r/runs/${i}`,
      details: 'y'.repeat(MAX_DETAILS_CHARS - 10),
    }));
    const body = commentBody(cells, CONTEXT);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).not.toContain('Truncated');
    expect(body).not.toContain('<details>');
    expect(body.match(/evidence in the check run/g)).toHaveLength(20);
  });
});

describe('cellsFromCheckRuns', () => {
  const fake = new FakeGitHub();
  const run = (name: string, id: number, status: string, conclusion: string | null, title?: string) =>
    fake.seedRun({ name, id, headSha: SHA, status, conclusion, ...(title ? { title } : {}) });

  it('keeps the newest run per name, by highest id, whatever the listing order', () => {
    const runs = [
      run('release-gates / smoke (staging)', 30, 'completed', 'success', 'new'),
      run('release-gates / smoke (staging)', 10, 'completed', 'failure', 'old'),
    ];
    expect(cellsFromCheckRuns(runs, [])).toEqual([
      { gate: 'smoke', environment: 'staging', status: 'passed', title: 'new', url: 'https://github.com/o/r/runs/30' },
    ]);
    expect(cellsFromCheckRuns([...runs].reverse(), [])[0]!.title).toBe('new');
  });

  it.each([
    ['success', 'passed'],
    ['neutral', 'passed'],
    ['failure', 'failed'],
    ['timed_out', 'failed'],
    ['action_required', 'pending'],
    ['cancelled', 'skipped'],
    ['skipped', 'skipped'],
    ['stale', 'skipped'],
    ['something-new', 'failed'],
  ])('maps the conclusion %s to %s', (conclusion, status) => {
    expect(cellsFromCheckRuns([run('release-gates / smoke', 1, 'completed', conclusion)], [])[0]!.status).toBe(status);
  });

  it.each(['in_progress', 'queued'])('shows a %s run as in progress', (status) => {
    const [cell] = cellsFromCheckRuns([run('release-gates / smoke (production)', 2, status, null)], []);
    expect(cell!.status).toBe('in progress');
  });

  it('ignores other check runs', () => {
    expect(cellsFromCheckRuns([run('build', 3, 'completed', 'failure'), run('release-gates', 4, 'completed', 'failure')], [])).toEqual([]);
  });

  it("lets this job's own results override the listing", () => {
    const name = 'release-gates / smoke (staging)';
    const own = {
      name,
      gate: 'smoke',
      environment: 'staging',
      status: 'failed' as const,
      title: '1 failed',
      url: 'https://github.com/o/r/runs/5',
    };
    const cells = cellsFromCheckRuns(
      [run(name, 5, 'in_progress', null), run('release-gates / smoke (production)', 6, 'completed', 'success')],
      [own],
    );
    expect(cells).toHaveLength(2);
    expect(cells.find((c) => c.environment === 'staging')).toMatchObject({ status: 'failed', title: '1 failed' });
  });
});

describe('knownCommentId', () => {
  const fake = new FakeGitHub();
  const withMarker = (name: string, id: number, comment: number) =>
    fake.seedRun({ name, id, headSha: SHA, summary: `table\n<!-- release-gates:comment=${comment} -->` });

  it('reads the id recorded by the newest release-gates run', () => {
    const runs = [
      withMarker('release-gates / smoke (staging)', 10, 111),
      withMarker('release-gates / smoke (production)', 20, 222),
      fake.seedRun({ name: 'release-gates / smoke', id: 30, headSha: SHA }),
    ];
    expect(knownCommentId(runs)).toBe(222);
  });

  it('ignores runs of other checks and runs without a marker', () => {
    expect(
      knownCommentId([
        withMarker('lint', 40, 333),
        fake.seedRun({ name: 'release-gates / smoke', id: 41, headSha: SHA, summary: 'no marker' }),
      ]),
    ).toBeUndefined();
    expect(knownCommentId([])).toBeUndefined();
  });
});
