/**
 * The monitor window: samples every monitored check on a fixed schedule measured from the
 * start (`initial-delay + slot × interval`), never from the end of the previous sample, so
 * a slow sample does not stretch the window. A source still busy with its previous sample
 * when its next slot comes misses that slot (recorded as `missed`; the schedule does not
 * shift and the service is not sent a pile of requests). After every sample each
 * threshold is tested; a certain breach ends the window at once, cancels the samples in
 * flight and (once) calls `onBreach`. With `steady-for`, the window ends early, passing,
 * once every source has passed continuously for that long (docs/monitor.md).
 */
import { formatDuration } from '../../config/units.js';
import type { Clock } from '../../engine/clock.js';
import type { CheckOutcome } from '../../engine/model.js';
import {
  measuredValueOf,
  type BreachEvidence,
  type DispatchEvidence,
  type MeasuredValue,
  type MonitorSample,
  type SampleStatus,
  type WindowEnd,
  type WindowEvidence,
} from '../../evidence/monitor.js';
import { countSamples, progressLine, type OnNoData } from './progress.js';
import { certainBreach, judge, type Threshold } from './thresholds.js';

/** One threshold row of a source. */
export interface RowPlan {
  /** The row's check id. */
  id: string;
  threshold: Threshold;
  label: string;
}

/** A monitored check. */
export interface SourcePlan {
  id: string;
  name: string;
  kind: string;
  /** Takes one sample within the check's own budget; never rejects. */
  sample(signal: AbortSignal): Promise<CheckOutcome>;
  rows: RowPlan[];
  onNoData: OnNoData;
  /** Counted samples needed for a verdict: fewer make an early success wait, and no final breach. */
  minSamples: number;
}

/** The window's timing, in milliseconds. */
export interface WindowSettings {
  windowMs: number;
  intervalMs: number;
  initialDelayMs: number;
  /** Set to allow an early success after this long of continuous success. */
  steadyForMs?: number | undefined;
}

export interface WindowHooks {
  clock: Clock;
  /** The gate's deadline or cancellation. */
  signal: AbortSignal;
  progress(message: string): void;
  /** Called once, on the breach that ends the window; what it returns is recorded. */
  onBreach?(breach: BreachEvidence): Promise<DispatchEvidence | undefined>;
}

export interface WindowOutcome {
  window: WindowEvidence;
  /** Samples per source id, in slot order. */
  samples: Map<string, MonitorSample[]>;
  /** Bounds each source's values are held to, as its kind reported them. */
  bounds: Map<string, NonNullable<MeasuredValue['bounds']>>;
  breach?: BreachEvidence;
  dispatch?: DispatchEvidence;
}

/** Slots in a full window: one sample per interval. */
export function plannedSamples(settings: Pick<WindowSettings, 'windowMs' | 'intervalMs'>): number {
  return Math.max(1, Math.ceil(settings.windowMs / settings.intervalMs));
}

/** How a check's outcome reads as a sample. */
export function sampleStatusOf(outcome: CheckOutcome): SampleStatus {
  switch (outcome.status) {
    case 'passed':
      return 'ok';
    case 'failed':
      return 'fail';
    case 'unverified':
      return 'source-error';
    default:
      return 'no-data';
  }
}

/** Runs one window over `sources`. Never rejects: a sample's error is its outcome. */
export async function runWindow(settings: WindowSettings, sources: readonly SourcePlan[], hooks: WindowHooks): Promise<WindowOutcome> {
  const { clock } = hooks;
  const planned = plannedSamples(settings);
  const stop = new AbortController();
  const signal = AbortSignal.any([hooks.signal, stop.signal]);
  const samples = new Map<string, MonitorSample[]>(sources.map((source) => [source.id, []]));
  const bounds = new Map<string, NonNullable<MeasuredValue['bounds']>>();
  const inflight = new Map<string, Promise<void>>();
  const windowStart = clock.now() + settings.initialDelayMs;
  const startedAt = new Date(clock.date().getTime() + settings.initialDelayMs).toISOString();
  let ended: WindowEnd | undefined;
  let breach: BreachEvidence | undefined;
  let lastProgress = -Infinity;
  // About a line a second at most, and at most about 60 in a window.
  const progressGap = Math.min(Math.max(settings.intervalMs, settings.windowMs / 60, 1000), 30_000);
  const elapsed = (): number => clock.now() - windowStart;
  /** Read afresh: samples end the window while the loop sleeps. */
  const over = (): boolean => ended !== undefined || hooks.signal.aborted;

  /** Keeps each source's samples in slot order (a slow sample ends after the slots it missed). */
  const record = (id: string, sample: MonitorSample): void => {
    const list = samples.get(id) ?? [];
    const at = list.findIndex((other) => other.slot > sample.slot);
    if (at < 0) list.push(sample);
    else list.splice(at, 0, sample);
  };

  const end = (reason: WindowEnd): void => {
    if (ended) return;
    ended = reason;
    stop.abort();
  };

  const afterSample = (source: SourcePlan): void => {
    const counted = countSamples(samples.get(source.id) ?? [], source.onNoData).counted;
    for (const row of source.rows) {
      const broken = breach ? undefined : certainBreach(row.threshold, counted, planned);
      if (!broken) continue;
      breach = {
        check: row.id,
        source: source.id,
        threshold: row.threshold.key,
        label: row.label,
        measured: broken.measured,
        atMs: Math.round(elapsed()),
        slots: broken.slots,
        final: false,
      };
      hooks.progress(
        `breach: ${source.name}: ${broken.measured} (expected ${row.label}); ending the window at ${formatDuration(elapsed())}`,
      );
      end('breach');
      return;
    }
    if (settings.steadyForMs !== undefined && steady(settings, sources, samples)) {
      hooks.progress(`steady for ${formatDuration(settings.steadyForMs)}: every threshold holds; ending the window early`);
      end('steady');
    }
  };

  const take = async (source: SourcePlan, slot: number, scheduledMs: number): Promise<void> => {
    const started = clock.now();
    const at = clock.date().toISOString();
    const outcome = await source.sample(signal);
    const latencyMs = Math.round(clock.now() - started);
    const measured = measuredValueOf(outcome.data);
    if (measured.bounds && !bounds.has(source.id)) bounds.set(source.id, measured.bounds);
    // A sample cut short by the window's end or the gate's deadline says nothing of the service.
    const status: SampleStatus = signal.aborted ? 'cancelled' : sampleStatusOf(outcome);
    record(source.id, {
      slot,
      scheduledMs,
      // 0.1 ms: the scheduling jitter (started − scheduled) is a figure of the bench.
      startedMs: Math.round((started - windowStart) * 10) / 10,
      at,
      status,
      ...(status === 'cancelled' ? {} : { latencyMs }),
      ...('value' in measured ? { value: measured.value } : {}),
      ...(measured.query === undefined ? {} : { query: measured.query }),
      summary: status === 'cancelled' ? `cancelled: the window ended (${ended ?? 'interrupted'})` : outcome.summary,
    });
    if (status === 'cancelled') return;
    afterSample(source);
    if (ended === undefined && elapsed() - lastProgress >= progressGap) {
      lastProgress = elapsed();
      hooks.progress(progressLine(sources, samples, { elapsedMs: elapsed(), windowMs: settings.windowMs }));
    }
  };

  if (settings.initialDelayMs > 0)
    hooks.progress(`waiting ${formatDuration(settings.initialDelayMs)} (initial-delay) before the first sample`);
  for (let slot = 0; slot < planned && !over(); slot++) {
    const scheduledMs = slot * settings.intervalMs;
    const wait = windowStart + scheduledMs - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
    if (over()) break;
    for (const source of sources) {
      const busy = inflight.get(source.id);
      if (busy) {
        record(source.id, missed(slot, scheduledMs, Math.round(elapsed()), clock.date().toISOString()));
        continue;
      }
      const running = take(source, slot, scheduledMs).finally(() => inflight.delete(source.id));
      inflight.set(source.id, running);
    }
  }
  // Without a breach yet, the last slot's samples are awaited (one may still breach).
  if (!breach) await Promise.all(inflight.values());
  if (ended === undefined && hooks.signal.aborted) end('interrupted');
  if (ended === undefined) {
    finalBreach();
    if (!breach) end('complete');
  }
  // The rollback goes out at once; samples cancelled by the breach settle after it.
  const dispatch = breach && hooks.onBreach ? await hooks.onBreach(breach) : undefined;
  await Promise.all(inflight.values());
  return finish(dispatch);

  /** At the window's end, a threshold broken over the samples taken (with enough of them) is a breach too. */
  function finalBreach(): void {
    for (const source of sources) {
      const { counted } = countSamples(samples.get(source.id) ?? [], source.onNoData);
      if (counted.length < source.minSamples) continue;
      for (const row of source.rows) {
        const verdict = judge(row.threshold, counted);
        if (verdict.holds || breach) continue;
        breach = {
          check: row.id,
          source: source.id,
          threshold: row.threshold.key,
          label: row.label,
          measured: verdict.measured,
          atMs: Math.round(elapsed()),
          slots: verdict.slots,
          final: true,
        };
        hooks.progress(`breach at the window's end: ${source.name}: ${verdict.measured} (expected ${row.label})`);
        end('breach');
      }
    }
  }

  function finish(dispatch: DispatchEvidence | undefined): WindowOutcome {
    return {
      window: {
        startedAt,
        windowMs: settings.windowMs,
        intervalMs: settings.intervalMs,
        initialDelayMs: settings.initialDelayMs,
        ...(settings.steadyForMs === undefined ? {} : { steadyForMs: settings.steadyForMs }),
        plannedSamples: planned,
        elapsedMs: Math.max(0, Math.round(elapsed())),
        ended: ended ?? 'interrupted',
      },
      samples,
      bounds,
      ...(breach ? { breach } : {}),
      ...(dispatch ? { dispatch } : {}),
    };
  }
}

function missed(slot: number, scheduledMs: number, startedMs: number, at: string): MonitorSample {
  return { slot, scheduledMs, startedMs, at, status: 'missed', summary: 'not taken: the previous sample was still running' };
}

/**
 * True when every source has passed continuously for `steady-for` (its latest samples
 * all passed, over that many intervals), has at least `min-samples` counted samples, and
 * every threshold holds over the samples taken.
 */
function steady(settings: WindowSettings, sources: readonly SourcePlan[], samples: ReadonlyMap<string, MonitorSample[]>): boolean {
  const needed = Math.ceil((settings.steadyForMs ?? 0) / settings.intervalMs);
  return sources.every((source) => {
    const own = samples.get(source.id) ?? [];
    let streak = 0;
    for (let i = own.length - 1; i >= 0; i--) {
      const status = own[i]?.status;
      if (status === 'ok' || (status === 'no-data' && source.onNoData === 'pass')) streak++;
      else break;
    }
    const { counted } = countSamples(own, source.onNoData);
    return (
      streak >= Math.max(1, needed) &&
      counted.length >= source.minSamples &&
      source.rows.every((row) => judge(row.threshold, counted).holds)
    );
  });
}
