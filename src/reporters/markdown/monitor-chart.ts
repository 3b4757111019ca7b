/**
 * The picture of a monitor window: one mermaid `xychart-beta` per monitored check, of its
 * latency (or its value, for a kind that measures one) and its failed samples over the
 * window, with the thresholds drawn. GitHub renders mermaid code blocks in markdown; the
 * check run and the job summary show these charts, the PR comment links to them. Built
 * from `CheckResult.data` only (evidence/monitor.ts), so every reporter draws the same.
 * A window of many samples is drawn as at most {@link MAX_CHART_POINTS} points (the worst
 * of each group), and the caption says so.
 */
import { formatDuration } from '../../config/units.js';
import type { GateResult } from '../../engine/model.js';
import { monitorDataOf, type MonitorSample, type MonitorThresholdData } from '../../evidence/monitor.js';

/** Most points per series: keeps each chart small and readable. */
export const MAX_CHART_POINTS = 60;
/** Marks a check run summary that holds a chart, so the PR comment can link to it. */
export const CHART_MARKER = '<!-- release-gates:chart -->';
/** Failed bars, the measured line, then threshold lines (mermaid's xychart palette, in series order). */
const PALETTE = '#d62728, #1f77b4, #7f7f7f, #9467bd';

const COUNTED = new Set(['ok', 'fail']);

/** Text safe inside a mermaid quoted title. */
function title(text: string): string {
  return text.replace(/["\n\r`]/g, "'").slice(0, 80);
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}

/** A nice upper bound of the y axis. */
function ceiling(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((f) => f * magnitude >= max * 1.1) ?? 10;
  return round(step * magnitude);
}

interface Series {
  points: number;
  perPoint: number;
  measured: number[];
  failed: boolean[];
}

/** Groups the samples of slots `0..last` into at most {@link MAX_CHART_POINTS} points, keeping the worst of each. */
function series(
  samples: readonly MonitorSample[],
  valueOf: (sample: MonitorSample) => number | undefined,
  worst: (a: number, b: number) => number,
): Series {
  const last = Math.max(0, ...samples.map((sample) => sample.slot));
  const slots = last + 1;
  const perPoint = Math.ceil(slots / MAX_CHART_POINTS);
  const points = Math.ceil(slots / perPoint);
  const measured: (number | undefined)[] = new Array<number | undefined>(points).fill(undefined);
  const failed = new Array<boolean>(points).fill(false);
  for (const sample of samples) {
    const index = Math.floor(sample.slot / perPoint);
    if (sample.status === 'fail') failed[index] = true;
    const value = COUNTED.has(sample.status) ? valueOf(sample) : undefined;
    if (value !== undefined && Number.isFinite(value))
      measured[index] = measured[index] === undefined ? value : worst(measured[index], value);
  }
  return { points, perPoint, measured: measured.map((value) => round(value ?? 0)), failed };
}

/** The chart of one monitored check, from its first row (which holds the samples). */
function chartOf(first: MonitorThresholdData, rows: readonly MonitorThresholdData[]): string {
  const samples = first.samples ?? [];
  const byValue = samples.some((sample) => typeof sample.value === 'number');
  const bounds = first.bounds ?? {};
  const upper = bounds.lte ?? bounds.lt;
  // For a lower bound (`gte: 1`, as for `up`), the worst of a group is its lowest value.
  const worst = byValue && upper === undefined && (bounds.gte ?? bounds.gt) !== undefined ? Math.min : Math.max;
  const drawn = series(
    samples,
    (sample) => (byValue ? (typeof sample.value === 'number' ? sample.value : undefined) : sample.latencyMs),
    worst,
  );
  const limits = byValue
    ? Object.entries(bounds).map(([key, bound]) => ({ label: `${key} ${bound}`, value: bound }))
    : rows
        .filter((row) => row.threshold.key === 'max-p95' || row.threshold.key === 'max-p99')
        .map((row) => ({ label: row.threshold.label, value: row.threshold.limit }));
  const top = ceiling(Math.max(...drawn.measured, ...limits.map((limit) => limit.value)));
  const { window } = first;
  const seconds = round(((drawn.points * drawn.perPoint - 1) * window.intervalMs) / 1000);
  const unit = byValue ? 'value' : 'latency (ms)';
  const lines = [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${PALETTE}"`,
    '---',
    'xychart-beta',
    `  title "${title(`${first.source.name}: ${unit}`)}"`,
    `  x-axis "seconds into the window" 0 --> ${Math.max(seconds, 1)}`,
    `  y-axis "${byValue ? 'value' : 'ms'}" 0 --> ${top}`,
    `  bar [${drawn.failed.map((failed) => (failed ? top : 0)).join(', ')}]`,
    `  line [${drawn.measured.join(', ')}]`,
    ...limits.map((limit) => `  line [${new Array<number>(drawn.points).fill(round(limit.value)).join(', ')}]`),
    '```',
  ];
  const counts = first.counts;
  const notes = [
    `Red bars: failed samples; blue line: ${byValue ? 'the value' : 'the latency'} of each sample${drawn.perPoint > 1 ? ` (the worst of each ${drawn.perPoint})` : ''}` +
      (limits.length ? `; grey${limits.length > 1 ? ' and purple' : ''} line: ${limits.map((limit) => limit.label).join(', ')}` : '') +
      '.',
    `${samples.length} samples every ${formatDuration(window.intervalMs)} from ${window.startedAt}` +
      `${drawn.perPoint > 1 ? `, downsampled to ${drawn.points} points to stay within mermaid's limits` : ''}; ` +
      `${counts.fail} failed, ${counts['no-data']} no data, ${counts['source-error']} source errors, ${counts.missed + counts.cancelled} missed or cancelled (drawn at 0); window ${window.ended}.`,
  ];
  return `${lines.join('\n')}\n\n<sub>${notes.join(' ')}</sub>`;
}

/** The charts of a gate's monitored checks, in config order; none for other gates. */
export function monitorCharts(result: Pick<GateResult, 'checks'>): string[] {
  const rows = result.checks.flatMap((check) => {
    const data = monitorDataOf(check.data);
    return data ? [data] : [];
  });
  return rows
    .filter((row) => row.samples !== undefined)
    .map((first) =>
      chartOf(
        first,
        rows.filter((row) => row.source.id === first.source.id),
      ),
    );
}

/** The charts as one markdown section (with {@link CHART_MARKER}), or '' when there are none. */
export function monitorChartsSection(result: Pick<GateResult, 'checks'>): string {
  const charts = monitorCharts(result);
  return charts.length ? `\n\n${CHART_MARKER}\n${charts.join('\n\n')}` : '';
}
