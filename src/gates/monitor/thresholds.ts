/**
 * Thresholds over a monitor window, each judged on its own (docs/monitor.md,
 * "Thresholds"). Pure functions of the samples counted so far:
 * - {@link certainBreach}: broken whatever the rest of the window brings, so the gate can
 *   fail at once (`max-error-rate: 1%` over 120 planned samples is broken by the 2nd
 *   failure, not by the 1st out of 2);
 * - {@link judge}: held or broken over the samples taken (at the window's end, and before
 *   an early success).
 */
import { formatDuration } from '../../config/units.js';
import type { ThresholdKey } from '../../evidence/monitor.js';

/** A sample that counts: `ok` or `fail` after `on-no-data`, in slot order. */
export interface CountedSample {
  slot: number;
  /** Milliseconds after the window's start it was due. */
  scheduledMs: number;
  ok: boolean;
  latencyMs: number | undefined;
}

/** A threshold with its limit: a fraction (error rate), milliseconds, or a count. */
export interface Threshold {
  key: ThresholdKey;
  limit: number;
}

/** A threshold's verdict over some samples. */
export interface Judgement {
  holds: boolean;
  /** e.g. `error rate 4.2% (5 of 120)`. */
  measured: string;
  /** The samples that break it (or, while it holds, the ones that count against it). */
  slots: number[];
}

const PERCENTILES: Partial<Record<ThresholdKey, number>> = { 'max-p95': 95, 'max-p99': 99 };

/**
 * The rank of the `percent`th percentile of `n` sorted values by the nearest-rank method
 * (1-based: the value at index `rank − 1`), in integer arithmetic.
 */
export function percentileRank(percent: number, n: number): number {
  return Math.max(1, Math.ceil((percent * n) / 100));
}

/** The `percent`th percentile (nearest rank) of `values`, or undefined when there are none. */
export function percentile(values: readonly number[], percent: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[percentileRank(percent, sorted.length) - 1];
}

/** `1%`, `0.5%`: a fraction as people write it. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** How a threshold reads in a report: the expected column. */
export function thresholdLabel(threshold: Threshold): string {
  switch (threshold.key) {
    case 'max-error-rate':
      return `error rate ≤ ${formatPercent(threshold.limit)}`;
    case 'max-p95':
    case 'max-p99':
      return `p${PERCENTILES[threshold.key] ?? ''} ≤ ${formatDuration(threshold.limit)}`;
    case 'max-consecutive-failures':
      return `≤ ${threshold.limit} consecutive failures`;
    case 'max-failures':
      return `≤ ${threshold.limit} failed samples`;
    case 'max-failing-for':
      return `failing ≤ ${formatDuration(threshold.limit)}`;
    case 'every-sample':
      return 'every sample passes';
  }
}

/** Runs of consecutive failures, as lists of samples. */
function failureRuns(samples: readonly CountedSample[]): CountedSample[][] {
  const runs: CountedSample[][] = [];
  let current: CountedSample[] = [];
  for (const sample of samples) {
    if (sample.ok) {
      if (current.length) runs.push(current);
      current = [];
    } else current.push(sample);
  }
  if (current.length) runs.push(current);
  return runs;
}

function longest<T>(runs: readonly T[][], size: (run: T[]) => number): T[] {
  return runs.reduce<T[]>((best, run) => (size(run) > size(best) ? run : best), []);
}

const spanOf = (run: readonly CountedSample[]): number => (run.length ? (run.at(-1)?.scheduledMs ?? 0) - (run[0]?.scheduledMs ?? 0) : -1);
const slotsOf = (samples: readonly CountedSample[]): number[] => samples.map((sample) => sample.slot);

/** Latencies of the samples that count, and the ones above `limit`. */
function latencies(samples: readonly CountedSample[], limit: number): { values: number[]; slow: CountedSample[] } {
  const timed = samples.filter((sample) => sample.latencyMs !== undefined);
  return { values: timed.map((sample) => sample.latencyMs ?? 0), slow: timed.filter((sample) => (sample.latencyMs ?? 0) > limit) };
}

/**
 * The threshold's verdict over `samples`. `planned` (the slots of a full window) turns it
 * into a {@link certainBreach} test where the outcome depends on the samples still to come.
 */
function verdict(threshold: Threshold, samples: readonly CountedSample[], planned?: number): Judgement {
  const failed = samples.filter((sample) => !sample.ok);
  const n = samples.length;
  switch (threshold.key) {
    case 'every-sample':
    case 'max-failures': {
      const limit = threshold.key === 'every-sample' ? 0 : threshold.limit;
      const measured = threshold.key === 'every-sample' && failed.length === 0 ? `all ${n} passed` : `${failed.length} of ${n} failed`;
      return { holds: failed.length <= limit, measured, slots: slotsOf(failed) };
    }
    case 'max-consecutive-failures': {
      const run = longest(failureRuns(samples), (r) => r.length);
      return { holds: run.length <= threshold.limit, measured: `${run.length} consecutive failures`, slots: slotsOf(run) };
    }
    case 'max-failing-for': {
      const run = longest(failureRuns(samples), spanOf);
      const span = Math.max(0, spanOf(run));
      const measured = run.length ? `failing for ${formatDuration(span)} (${run.length} samples in a row)` : 'never failing';
      return { holds: spanOf(run) <= threshold.limit, measured, slots: slotsOf(run) };
    }
    case 'max-error-rate': {
      // Decided early only when even a passing rest of the window cannot bring it back.
      const denominator = planned ?? n;
      const rate = denominator === 0 ? 0 : failed.length / denominator;
      const measured =
        planned === undefined
          ? `error rate ${formatPercent(rate)} (${failed.length} of ${n})`
          : `error rate ≥ ${formatPercent(rate)} (${failed.length} failed of ${planned} planned samples)`;
      return { holds: rate <= threshold.limit, measured, slots: slotsOf(failed) };
    }
    case 'max-p95':
    case 'max-p99': {
      const percent = PERCENTILES[threshold.key] ?? 100;
      const { values, slow } = latencies(samples, threshold.limit);
      if (planned !== undefined) {
        // Nearest rank over `planned` values: the percentile is above the limit once more
        // than `planned − rank` values are, whatever the others will be.
        const holds = slow.length <= planned - percentileRank(percent, planned);
        return {
          holds,
          measured: `${slow.length} of ${planned} planned samples slower than ${formatDuration(threshold.limit)}`,
          slots: slotsOf(slow),
        };
      }
      const value = percentile(values, percent);
      const measured = value === undefined ? 'no latencies' : `p${percent} ${formatDuration(value)} over ${values.length}`;
      return { holds: value === undefined || value <= threshold.limit, measured, slots: slotsOf(slow) };
    }
  }
}

/** The verdict over the samples taken: at the window's end, or before an early success. */
export function judge(threshold: Threshold, samples: readonly CountedSample[]): Judgement {
  return verdict(threshold, samples);
}

/**
 * A breach that no later sample can undo, given `planned` slots in the window (samples
 * that do not count only make the final verdict stricter): the gate may fail at once.
 * Undefined while the threshold can still hold.
 */
export function certainBreach(threshold: Threshold, samples: readonly CountedSample[], planned: number): Judgement | undefined {
  const result = verdict(threshold, samples, planned);
  return result.holds ? undefined : result;
}
