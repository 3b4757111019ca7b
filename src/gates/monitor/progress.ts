/**
 * Counting a source's samples (after `on-no-data`) and the live progress line of a
 * window: elapsed, samples, error rate, p95 and the time left.
 */
import { formatDuration } from '../../config/units.js';
import type { MonitorSample, SampleStatus } from '../../evidence/monitor.js';
import { formatPercent, percentile, type CountedSample } from './thresholds.js';

/** What a no-data sample counts as (`on-no-data`). */
export type OnNoData = 'fail' | 'pass' | 'inconclusive';

/** The samples that count, and how many there are of each status. */
export interface SampleCount {
  counted: CountedSample[];
  counts: Record<SampleStatus, number>;
}

/** Counts samples: `ok` and `fail` count; `no-data` counts as `on-no-data` says. */
export function countSamples(samples: readonly MonitorSample[], onNoData: OnNoData): SampleCount {
  const counts: Record<SampleStatus, number> = { ok: 0, fail: 0, 'no-data': 0, 'source-error': 0, missed: 0, cancelled: 0 };
  const counted: CountedSample[] = [];
  for (const sample of samples) {
    counts[sample.status]++;
    const ok = sample.status === 'ok' || (sample.status === 'no-data' && onNoData === 'pass');
    const fail = sample.status === 'fail' || (sample.status === 'no-data' && onNoData === 'fail');
    if (ok || fail) counted.push({ slot: sample.slot, scheduledMs: sample.scheduledMs, ok, latencyMs: sample.latencyMs });
  }
  return { counted, counts };
}

/** `m:ss`, for a clock-like progress line. */
export function clockTime(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** One source's figures so far: `12 samples, 1 failed (8.33%), p95 14ms`. */
export function sourceFigures(samples: readonly MonitorSample[], onNoData: OnNoData): string {
  const { counted, counts } = countSamples(samples, onNoData);
  const failed = counted.filter((sample) => !sample.ok).length;
  const p95 = percentile(
    counted.flatMap((sample) => (sample.latencyMs === undefined ? [] : [sample.latencyMs])),
    95,
  );
  const extra = [
    counts['no-data'] ? `${counts['no-data']} no data` : '',
    counts['source-error'] ? `${counts['source-error']} source errors` : '',
    counts.missed ? `${counts.missed} missed` : '',
  ].filter(Boolean);
  const rate = counted.length ? formatPercent(failed / counted.length) : '–';
  return `${samples.length} samples, ${failed} failed (${rate})${p95 === undefined ? '' : `, p95 ${formatDuration(p95)}`}${extra.length ? `, ${extra.join(', ')}` : ''}`;
}

/** The live line: `0:12 of 0:20 · GET /health: 12 samples, 0 failed (0%), p95 9ms · 0:08 left`. */
export function progressLine(
  sources: readonly { id: string; name: string; onNoData: OnNoData }[],
  samples: ReadonlyMap<string, readonly MonitorSample[]>,
  time: { elapsedMs: number; windowMs: number },
): string {
  const parts = sources.map((source) => `${source.name}: ${sourceFigures(samples.get(source.id) ?? [], source.onNoData)}`);
  return `window ${clockTime(time.elapsedMs)} of ${clockTime(time.windowMs)} · ${parts.join('; ')} · ${clockTime(time.windowMs - time.elapsedMs)} left`;
}
