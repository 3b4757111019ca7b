/**
 * The job summary (src/reporters/job-summary.ts): the same gates table as the comment,
 * each gate's checks, and GitHub's 1 MiB limit on $GITHUB_STEP_SUMMARY (GITHUB.md).
 */
import { describe, expect, it } from '@jest/globals';
import type { RunResult } from '../../src/gates/run.js';
import { jobSummary } from '../../src/reporters/job-summary.js';
import { check, gate, many } from './helpers.js';

const ONE_MIB = 1024 * 1024;
const SHA = 'e'.repeat(40);
const lineLink = () => undefined;

function run(...gates: RunResult['gates']): RunResult {
  return { status: gates.some((g) => g.status === 'failed') ? 'failed' : 'passed', environment: 'staging', gates };
}

describe('jobSummary', () => {
  it("has the result, the gates table and each gate's checks with its failures", () => {
    const failed = check('failed', { name: 'health', details: ['body: {"status":"degraded"}'] });
    const summary = jobSummary(
      run(
        gate([failed, ...many(2, 'passed')]),
        gate([], { gate: 'monitor', status: 'skipped', reason: 'not run: gate smoke did not pass' }),
      ),
      {
        headSha: SHA,
        lineLink,
      },
    );
    expect(summary).toMatch(/^## ❌ failed · release-gates for `eeeeeeeeeeee`\n/);
    expect(summary).toContain('| gate | staging |');
    expect(summary).toContain('| smoke | ❌ failed · 1 failed, 2 passed |');
    expect(summary).toContain('| monitor | ⏭️ skipped · not run: gate smoke did not pass |');
    expect(summary).toContain('| check | result | measured | expected | ms |');
    expect(summary).toContain('### ❌ failed smoke · staging: 1 failed, 2 passed');
    // No failing assertion in the evidence: the summary heads it, measured and expected lead it.
    expect(summary).toMatch(
      /<details><summary>❌ health · <code>\.github\/release-gates\.yml:\d+<\/code>: status: measured 503, expected 2xx<\/summary>\n\n```text\nmeasured: 503\nexpected: 2xx\n/,
    );
    expect(summary).toContain('body: {"status":"degraded"}');
  });

  it('states a failure once when its evidence has the failing assertion', () => {
    const failed = check('failed', {
      name: 'readiness',
      summary: 'GET /readyz: $.status: measured "degraded", expected == "ok"',
      measured: '$.status: "degraded"',
      expected: '$.status: == "ok"',
      details: ['✓ status: 200 (expected 200)', '✗ $.status: measured "degraded", expected == "ok"'],
    });
    const summary = jobSummary(run(gate([failed])), { headSha: SHA, lineLink });
    expect(summary.split('measured "degraded"')).toHaveLength(2);
    expect(summary).not.toContain('measured: $.status');
  });

  it('links each gate to its check run, in the table and its heading', () => {
    const summary = jobSummary(run(gate([check('passed')])), {
      headSha: SHA,
      lineLink,
      checkRunUrl: (name, environment) => `https://github.com/o/r/runs/${name}-${environment ?? ''}`,
    });
    expect(summary).toContain('| smoke | [✅ passed · 1 passed](https://github.com/o/r/runs/smoke-staging) |');
    expect(summary).toContain('### ✅ passed [smoke · staging](https://github.com/o/r/runs/smoke-staging): 1 passed');
  });

  it('quotes the read-only notice, escaped', () => {
    const summary = jobSummary(run(gate([check('passed')])), { headSha: SHA, lineLink, notice: 'Read-only token <b>@someone</b>' });
    expect(summary).toContain('> Read-only token &lt;b&gt;@\u200bsomeone&lt;/b&gt;');
  });

  it('stays within 1 MiB of UTF-8 for a huge ASCII report, and says it was cut', () => {
    const summary = jobSummary(run(gate(many(4000, 'failed', { details: ['x'.repeat(400)] }))), { headSha: SHA, lineLink });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(ONE_MIB);
    expect(summary).toMatch(/truncated/);
  });

  it('stays within 1 MiB of UTF-8 when the evidence is multi-byte text', () => {
    const wide = check('failed', { details: ['界'.repeat(400_000)] });
    const summary = jobSummary(run(gate([wide])), { headSha: SHA, lineLink });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(ONE_MIB);
    expect(summary).toMatch(/truncated/);
    expect(summary).not.toContain('\ufffd');
  });

  it('keeps a cut in the middle of emoji valid UTF-16', () => {
    const summary = jobSummary(run(gate([check('failed', { details: ['🚀'.repeat(300_000)] })])), { headSha: SHA, lineLink });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(ONE_MIB);
    expect(summary).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});
