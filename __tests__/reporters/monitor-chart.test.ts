/**
 * The monitor chart, drawn from `CheckResult.data` alone: a long window is downsampled to
 * at most 60 points keeping the worst of each group (and says so), failures show as bars,
 * thresholds as lines; a value (Prometheus) is charted instead of latency, with its bound;
 * the check run summary and the job summary carry it, the comment cell links to it.
 */
import { describe, expect, it } from '@jest/globals';
import type { CheckResult, GateResult } from '../../src/engine/model.js';
import type { MonitorSample, MonitorThresholdData, ThresholdKey } from '../../src/evidence/monitor.js';
import { checkRunOutput } from '../../src/reporters/github/check-run.js';
import { cellsFromCheckRuns } from '../../src/reporters/github/sticky-comment.js';
import { jobSummary } from '../../src/reporters/job-summary.js';
import { gatesTable } from '../../src/reporters/markdown/tables.js';
import { CHART_MARKER, MAX_CHART_POINTS, monitorCharts } from '../../src/reporters/markdown/monitor-chart.js';

const WINDOW = {
  startedAt: '2026-01-01T12:00:00.000Z',
  windowMs: 1_800_000,
  intervalMs: 1000,
  initialDelayMs: 0,
  plannedSamples: 1800,
  elapsedMs: 1_800_000,
  ended: 'complete' as const,
};

function sample(slot: number, fields: Partial<MonitorSample> = {}): MonitorSample {
  return { slot, scheduledMs: slot * 1000, startedMs: slot * 1000, at: '', status: 'ok', latencyMs: 20, summary: 'ok', ...fields };
}

function row(id: string, key: ThresholdKey, limit: number, data: Partial<MonitorThresholdData> = {}): CheckResult {
  const monitor: MonitorThresholdData = {
    type: 'monitor-threshold',
    source: { id: 'api', name: 'GET /api', kind: 'http' },
    threshold: { key, limit, label: `${key} ${limit}` },
    window: WINDOW,
    conclusive: 0,
    counts: { ok: 1798, fail: 2, 'no-data': 0, 'source-error': 0, missed: 0, cancelled: 0 },
    samplesIn: 'api.max-p95',
    ...data,
  };
  return {
    id,
    name: id,
    kind: 'http',
    status: 'passed',
    summary: 'ok',
    measured: '',
    expected: '',
    details: [],
    location: { file: 'rg.yml', line: 5, column: 7 },
    startedAt: '',
    durationMs: 1,
    attempts: 1,
    data: monitor,
  };
}

/** 30 minutes at 1 s: 20 ms, one slow sample (900 ms) at slot 95, failures at 1000 and 1001. */
const samples = Array.from({ length: 1800 }, (_, slot) =>
  sample(slot, slot === 95 ? { latencyMs: 900 } : slot === 1000 || slot === 1001 ? { status: 'fail', latencyMs: 40 } : {}),
);
const gate: GateResult = {
  gate: 'monitor',
  environment: 'production',
  status: 'passed',
  startedAt: '',
  durationMs: 1,
  checks: [row('api.max-p95', 'max-p95', 500, { samples }), row('api.max-error-rate', 'max-error-rate', 0.01)],
};

describe('the chart of a long window', () => {
  const [chart = ''] = monitorCharts(gate);
  const series = (kind: 'bar' | 'line'): number[][] =>
    [...chart.matchAll(new RegExp(`^ {2}${kind} \\[(.*)\\]$`, 'gm'))].map((m) => (m[1] ?? '').split(', ').map(Number));

  it('is one mermaid xychart per monitored check', () => {
    expect(monitorCharts(gate)).toHaveLength(1);
    expect(chart).toMatch(
      /^```mermaid\n---\nconfig:\n[\s\S]*\n---\nxychart-beta\n {2}title "GET \/api: latency \(ms\)"\n {2}x-axis "seconds into the window" 0 --> 1799\n {2}y-axis "ms" 0 --> 1000\n/,
    );
    expect(chart.length).toBeLessThan(3000);
  });

  it('is downsampled to 60 points, keeping the worst of each group, and says so', () => {
    const [failed = []] = series('bar');
    const [latency = [], threshold = []] = series('line');
    expect(latency).toHaveLength(MAX_CHART_POINTS);
    expect(latency[3]).toBe(900); // slot 95 is in the 4th group of 30
    expect(latency.filter((v) => v !== 20 && v !== 900)).toEqual([40]);
    expect(failed.map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([33]);
    expect(threshold).toEqual(Array(MAX_CHART_POINTS).fill(500));
    expect(chart).toContain('the worst of each 30');
    expect(chart).toContain('1800 samples every 1s from 2026-01-01T12:00:00.000Z, downsampled to 60 points');
  });
});

it('charts a value with its lower bound, the worst of a group being its lowest', () => {
  const up = Array.from({ length: 10 }, (_, slot) => sample(slot, { value: slot === 4 ? 0 : 1, status: slot === 4 ? 'fail' : 'ok' }));
  const result: GateResult = {
    ...gate,
    checks: [row('up', 'every-sample', 0, { samples: up, samplesIn: 'up', bounds: { gte: 1 }, window: { ...WINDOW, plannedSamples: 10 } })],
  };
  const [chart = ''] = monitorCharts(result);
  expect(chart).toContain('title "GET /api: value"');
  expect(chart).toContain('  line [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]\n  line [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]');
  expect(chart).toContain('grey line: gte 1');
});

it('goes into the check run summary and the job summary, and the comment cell links to it', () => {
  const output = checkRunOutput(gate, { headSha: 'a'.repeat(40), configDigest: `sha256:${'0'.repeat(64)}`, lineLink: () => undefined });
  expect(output.summary).toContain(CHART_MARKER);
  expect(output.summary).toContain('xychart-beta');
  const summary = jobSummary(
    { status: 'passed', environment: 'production', gates: [gate] },
    { headSha: undefined, lineLink: () => undefined },
  );
  expect(summary).toContain('xychart-beta');
  const cells = cellsFromCheckRuns(
    [
      {
        id: 1,
        name: 'release-gates / monitor (production)',
        status: 'completed',
        conclusion: 'success',
        htmlUrl: 'https://github.com/o/r/runs/1',
        app: { id: 15368, slug: 'github-actions' },
        detailsUrl: undefined,
        externalId: undefined,
        title: '2 passed',
        summary: output.summary,
        text: undefined,
        startedAt: undefined,
      },
    ],
    [],
  );
  expect(gatesTable(cells)).toContain('[✅ passed · 2 passed](https://github.com/o/r/runs/1) · [📈 chart](https://github.com/o/r/runs/1)');
});
