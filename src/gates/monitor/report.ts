/**
 * The verdict of one threshold row after the window: passed, failed (the breach that
 * ended the window, or a threshold broken at its end), not verified (the source failed
 * more often than `max-source-errors` allows: the source, not the service), pending
 * (too few samples counted: inconclusive), or skipped (the window ended early on another
 * row's breach). Each row says what was measured against what was expected.
 */
import { formatDuration } from '../../config/units.js';
import type { CheckOutcome } from '../../engine/model.js';
import type { MonitorSample, MonitorThresholdData } from '../../evidence/monitor.js';
import { clockTime, countSamples, type OnNoData } from './progress.js';
import { judge } from './thresholds.js';
import type { RowPlan, WindowOutcome } from './window.js';

/** Most samples listed in a row's details; all of them are in the evidence record. */
const MAX_LISTED = 20;

/** What the row needs to know of its source. */
export interface RowSource {
  id: string;
  name: string;
  kind: string;
  onNoData: OnNoData;
  /** Counted samples needed for a verdict. */
  minSamples: number;
  /** Source errors allowed before the rows are not verified. */
  maxSourceErrors: number;
  /** The id of the source's first row, which holds its samples. */
  firstRow: string;
}

/** One sample as a line of evidence: `#7 t+3.5s fail 1.2s: GET /api/employers: status: measured 500, expected 2xx`. */
export function sampleLine(sample: MonitorSample): string {
  const latency = sample.latencyMs === undefined ? '' : ` ${formatDuration(sample.latencyMs)}`;
  const value = sample.value === undefined ? '' : ` value ${String(sample.value)}`;
  return `#${sample.slot} t+${formatDuration(sample.scheduledMs)} ${sample.status}${latency}${value}: ${sample.summary}`;
}

function listed(samples: readonly MonitorSample[], slots: readonly number[]): string[] {
  const wanted = new Set(slots);
  const chosen = samples.filter((sample) => wanted.has(sample.slot)).slice(-MAX_LISTED);
  const more = wanted.size > chosen.length ? [`… ${wanted.size - chosen.length} earlier samples in the evidence record`] : [];
  return [...more, ...chosen.map(sampleLine)];
}

/** The outcome of `row` of `source` after the window. */
export function rowOutcome(row: RowPlan, source: RowSource, outcome: WindowOutcome): CheckOutcome {
  const samples = outcome.samples.get(source.id) ?? [];
  const { counted, counts } = countSamples(samples, source.onNoData);
  const judgement = judge(row.threshold, counted);
  const { breach, dispatch, window } = outcome;
  const bounds = outcome.bounds.get(source.id);
  const data: MonitorThresholdData = {
    type: 'monitor-threshold',
    source: { id: source.id, name: source.name, kind: source.kind },
    threshold: { key: row.threshold.key, limit: row.threshold.limit, label: row.label },
    window,
    conclusive: counted.length,
    counts,
    samplesIn: source.firstRow,
    ...(row.id === source.firstRow ? { samples } : {}),
    ...(bounds && row.id === source.firstRow ? { bounds } : {}),
  };
  const expected = row.label;
  const tally = `${counted.length} counted of ${samples.length} samples`;

  if (breach?.check === row.id) {
    const when = breach.final ? "at the window's end" : `at ${clockTime(breach.atMs)} of ${clockTime(window.windowMs)}, ending the window`;
    return {
      status: 'failed',
      summary: `breach ${when}: ${breach.measured} (expected ${expected})${dispatch ? `; ${dispatch.message}` : ''}`,
      measured: breach.measured,
      expected,
      details: [`breaking samples:`, ...listed(samples, breach.slots), ...(dispatch ? [dispatch.message] : [])],
      data: { ...data, breach, ...(dispatch ? { dispatch } : {}) },
    };
  }
  if (counts['source-error'] > source.maxSourceErrors) {
    const last = [...samples].reverse().find((sample) => sample.status === 'source-error');
    const message = `the source could not be read in ${counts['source-error']} of ${samples.length} samples (max-source-errors ${source.maxSourceErrors}): the source, not the service, is the problem`;
    return {
      status: 'unverified',
      summary: `${message}; last: ${last?.summary ?? ''}`,
      measured: `${counts['source-error']} source errors`,
      expected: `≤ ${source.maxSourceErrors} source errors`,
      details: listed(
        samples,
        samples.filter((sample) => sample.status === 'source-error').map((sample) => sample.slot),
      ),
      data,
    };
  }
  if (breach && !breach.final) {
    return {
      status: 'skipped',
      summary: `not judged to the end: the window ended at ${clockTime(breach.atMs)} on the breach of "${breach.label}" (${breach.source}); held over ${tally}: ${judgement.measured}`,
      measured: judgement.measured,
      expected,
      data,
    };
  }
  if (window.ended === 'interrupted') {
    return {
      status: 'failed',
      summary: `the window was interrupted after ${clockTime(window.elapsedMs)}`,
      measured: 'interrupted',
      expected,
      data,
    };
  }
  if (counted.length < source.minSamples) {
    const noData =
      counts['no-data'] && source.onNoData === 'inconclusive' ? `; ${counts['no-data']} had no data (on-no-data: inconclusive)` : '';
    const errors = counts['source-error'] ? `; ${counts['source-error']} were source errors` : '';
    return {
      status: 'pending',
      summary: `inconclusive: ${tally}, min-samples ${source.minSamples}${noData}${errors}. No data is neither a pass nor a breach: send traffic, fix the query, or set on-no-data`,
      measured: `${counted.length} samples counted`,
      expected: `≥ ${source.minSamples} samples, then ${expected}`,
      data,
    };
  }
  if (!judgement.holds) {
    return {
      status: 'failed',
      summary: `${judgement.measured} (expected ${expected}) over ${tally}`,
      measured: judgement.measured,
      expected,
      details: listed(samples, judgement.slots),
      data,
    };
  }
  const early =
    window.ended === 'steady'
      ? `; passed early after ${formatDuration(window.elapsedMs)}, steady for ${formatDuration(window.steadyForMs ?? 0)}`
      : '';
  return {
    status: 'passed',
    summary: `${judgement.measured} over ${tally} (expected ${expected})${early}`,
    measured: judgement.measured,
    expected,
    data,
  };
}
