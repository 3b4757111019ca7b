/**
 * The monitor gate's evidence, as kept in `CheckResult.data`: every sample of the window,
 * each threshold's verdict, the breach and the rollback dispatch. The monitor gate writes
 * it; the reporters (the chart of `reporters/markdown/monitor-chart.ts`) and the evidence
 * record read it. Semantics: `docs/monitor.md`.
 */

/**
 * What one sample was:
 * - `ok` / `fail`: the check passed or failed (a failing service);
 * - `no-data`: the source answered without a value (an empty vector, NaN);
 * - `source-error`: the source could not be read (Prometheus unreachable, a 5xx from the
 *   metrics backend, a query error, no answer): never a breach;
 * - `missed`: the slot came while this source's previous sample was still running, so no
 *   sample was taken (the schedule does not shift);
 * - `cancelled`: the window ended (a breach, early success, the deadline) while it ran.
 */
export type SampleStatus = 'ok' | 'fail' | 'no-data' | 'source-error' | 'missed' | 'cancelled';

/** One sample of one monitored check. Times in milliseconds after the window's start. */
export interface MonitorSample {
  /** 0 for the first sample of the window. */
  slot: number;
  /** When it was due: `slot × interval`. */
  scheduledMs: number;
  /** When it started (to 0.1 ms); `startedMs − scheduledMs` is the scheduling jitter. */
  startedMs: number;
  /** ISO 8601 wall time it started. */
  at: string;
  status: SampleStatus;
  /** How long the sample took (for http, the request), in milliseconds. */
  latencyMs?: number;
  /** The value a kind measured (a Prometheus query's result), when it measures one. */
  value?: number | string | null;
  /** The query as sent, after `${VAR}` expansion (Prometheus, SQL). */
  query?: string;
  /** One line: what the check said. */
  summary: string;
}

/**
 * What a kind reports in `CheckOutcome.data` that a monitor records and charts: the value
 * it measured (a Prometheus query's result), the query it sent (Prometheus, SQL), and the
 * bounds the value was held to (the `expect:` matcher's `gt`/`gte`/`lt`/`lte`).
 */
export interface MeasuredValue {
  value?: number | string | null;
  query?: string;
  bounds?: Partial<Record<'gt' | 'gte' | 'lt' | 'lte', number>>;
}

/** The {@link MeasuredValue} facts in a check outcome's data (empty when it has none). */
export function measuredValueOf(data: unknown): MeasuredValue {
  if (data === null || typeof data !== 'object') return {};
  const { value, query, bounds } = data as Record<string, unknown>;
  return {
    ...(value === null || typeof value === 'number' || typeof value === 'string' ? { value } : {}),
    ...(typeof query === 'string' ? { query } : {}),
    ...(bounds !== null && typeof bounds === 'object' ? { bounds: bounds } : {}),
  };
}

/** The thresholds a monitored check can be held to, each one row of the report. */
export type ThresholdKey =
  'max-error-rate' | 'max-p95' | 'max-p99' | 'max-consecutive-failures' | 'max-failures' | 'max-failing-for' | 'every-sample';

/** How the window ended. */
export type WindowEnd = 'complete' | 'breach' | 'steady' | 'interrupted';

/** The window's timing, as configured and as it ran. Milliseconds. */
export interface WindowEvidence {
  /** ISO time of the first sample's slot (after `initial-delay`). */
  startedAt: string;
  windowMs: number;
  intervalMs: number;
  initialDelayMs: number;
  steadyForMs?: number;
  /** Slots in a full window: `ceil(window / interval)`. */
  plannedSamples: number;
  /** From the window's start to its end. */
  elapsedMs: number;
  ended: WindowEnd;
}

/** The threshold that ended the window, and the samples that broke it. */
export interface BreachEvidence {
  /** The check id of the breaching row. */
  check: string;
  source: string;
  threshold: ThresholdKey;
  /** e.g. `error rate ≤ 1%`. */
  label: string;
  /** What was measured, e.g. `error rate 4.2% (5 of 120 planned samples)`. */
  measured: string;
  /** When it was decided, ms after the window's start. */
  atMs: number;
  /** The slots of the samples that broke it. */
  slots: number[];
  /** True when it was found at the window's end; false when it ended the window early. */
  final: boolean;
}

/**
 * The rollback dispatch after a breach (`on-breach: { dispatch: … }`), made at most once:
 * - `dispatched`: GitHub accepted it (`runUrl` when GitHub returned the run);
 * - `unknown`: GitHub's answer was lost (a 5xx, a reset); not retried, so that a rollback
 *   never starts twice;
 * - `failed`: GitHub refused it (no such workflow, no `actions: write`);
 * - `not-dispatched`: there was no GitHub to ask (a local run without a token).
 */
export interface DispatchEvidence {
  workflow: string;
  ref: string | undefined;
  inputs: Record<string, string>;
  status: 'dispatched' | 'unknown' | 'failed' | 'not-dispatched';
  message: string;
  runUrl?: string;
  /** ISO time of the request. */
  at: string;
}

/** The `data` of one threshold row of a monitor gate. */
export interface MonitorThresholdData {
  type: 'monitor-threshold';
  /** The monitored check. */
  source: { id: string; name: string; kind: string };
  threshold: {
    key: ThresholdKey;
    /** The limit in its unit: a fraction, milliseconds or a count. */
    limit: number;
    label: string;
  };
  window: WindowEvidence;
  /** Samples counted by this threshold (`ok` and `fail`, after `on-no-data`). */
  conclusive: number;
  /** Samples per status. */
  counts: Record<SampleStatus, number>;
  breach?: BreachEvidence;
  dispatch?: DispatchEvidence;
  /** Every sample of the source, on the source's first row only (the others name it in `samplesIn`). */
  samples?: MonitorSample[];
  /** The id of the row holding this source's samples. */
  samplesIn: string;
  /** Bounds the source's values are held to, for the chart. */
  bounds?: MeasuredValue['bounds'];
}

/** The monitor data of a check result, if it is a monitor row. */
export function monitorDataOf(data: unknown): MonitorThresholdData | undefined {
  return data !== null && typeof data === 'object' && (data as { type?: unknown }).type === 'monitor-threshold'
    ? (data as MonitorThresholdData)
    : undefined;
}
