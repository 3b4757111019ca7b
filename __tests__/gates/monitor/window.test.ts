/**
 * The monitor window on a controlled clock (never the wall clock): the fixed schedule
 * measured from the start, initial-delay, missed slots after a slow sample, a breach that
 * ends the window at once and dispatches once, early success after steady-for, source
 * errors that never breach, no data under each on-no-data, and a breach found only at the
 * window's end.
 */
import { describe, expect, it } from '@jest/globals';
import type { CheckOutcome, CheckStatus } from '../../../src/engine/model.js';
import type { BreachEvidence, DispatchEvidence } from '../../../src/evidence/monitor.js';
import type { OnNoData } from '../../../src/gates/monitor/progress.js';
import { thresholdLabel, type Threshold } from '../../../src/gates/monitor/thresholds.js';
import { runWindow, type SourcePlan, type WindowSettings } from '../../../src/gates/monitor/window.js';
import { ManualClock } from '../../support/manual-clock.js';

interface Step {
  status: CheckStatus;
  latencyMs: number;
  value?: number;
}

/** A source whose n-th sample (0-based call) takes `latencyMs` of clock time and ends as `step(n)` says. */
function source(
  clock: ManualClock,
  id: string,
  step: (n: number) => Step,
  options: { thresholds?: Threshold[]; onNoData?: OnNoData; minSamples?: number } = {},
): SourcePlan & { calls: number[] } {
  const calls: number[] = [];
  const thresholds = options.thresholds ?? [{ key: 'every-sample', limit: 0 }];
  return {
    id,
    name: id,
    kind: 'fake',
    calls,
    onNoData: options.onNoData ?? 'inconclusive',
    minSamples: options.minSamples ?? 1,
    rows: thresholds.map((threshold) => ({ id: `${id}.${threshold.key}`, threshold, label: thresholdLabel(threshold) })),
    sample: async (signal): Promise<CheckOutcome> => {
      const n = calls.length;
      calls.push(clock.now());
      const { status, latencyMs, value } = step(n);
      await clock.sleep(latencyMs, signal);
      if (signal.aborted) return { status: 'failed', summary: 'interrupted' };
      return { status, summary: `${status} #${n}`, ...(value === undefined ? {} : { data: { value } }) };
    },
  };
}

const ok = (latencyMs = 100): Step => ({ status: 'passed', latencyMs });
const fail = (latencyMs = 100): Step => ({ status: 'failed', latencyMs });

function settings(overrides: Partial<WindowSettings> = {}): WindowSettings {
  return { windowMs: 5000, intervalMs: 1000, initialDelayMs: 0, ...overrides };
}

function hooks(clock: ManualClock, onBreach?: (breach: BreachEvidence) => Promise<DispatchEvidence | undefined>) {
  const progress: string[] = [];
  return {
    progress,
    hooks: { clock, signal: new AbortController().signal, progress: (m: string) => progress.push(m), ...(onBreach ? { onBreach } : {}) },
  };
}

describe('the schedule', () => {
  it('starts every sample at initial-delay + slot × interval, measured from the start', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', () => ok(300));
    const outcome = await clock.run(runWindow(settings({ initialDelayMs: 2000 }), [a], hooks(clock).hooks));
    expect(a.calls).toEqual([2000, 3000, 4000, 5000, 6000]);
    const samples = outcome.samples.get('a') ?? [];
    expect(samples.map((s) => [s.slot, s.scheduledMs, s.startedMs, s.latencyMs])).toEqual([
      [0, 0, 0, 300],
      [1, 1000, 1000, 300],
      [2, 2000, 2000, 300],
      [3, 3000, 3000, 300],
      [4, 4000, 4000, 300],
    ]);
    expect(outcome.window).toMatchObject({ plannedSamples: 5, ended: 'complete', initialDelayMs: 2000, elapsedMs: 4300 });
    expect(outcome.window.startedAt).toBe(new Date(Date.UTC(2026, 0, 1, 12, 0, 2)).toISOString());
  });

  it('does not stretch the window after a slow sample: the slots it overran are missed, the next one is on time', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', (n) => (n === 1 ? ok(2500) : ok(100)));
    const outcome = await clock.run(runWindow(settings({ windowMs: 6000 }), [a], hooks(clock).hooks));
    const samples = outcome.samples.get('a') ?? [];
    expect(samples.map((s) => [s.slot, s.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'missed'],
      [3, 'missed'],
      [4, 'ok'],
      [5, 'ok'],
    ]);
    expect(a.calls).toEqual([0, 1000, 4000, 5000]);
    expect(samples.find((s) => s.slot === 1)?.latencyMs).toBe(2500);
  });

  it('takes ceil(window / interval) samples', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', () => ok(10));
    const outcome = await clock.run(runWindow(settings({ windowMs: 2500, intervalMs: 1000 }), [a], hooks(clock).hooks));
    expect(outcome.samples.get('a')?.map((s) => s.scheduledMs)).toEqual([0, 1000, 2000]);
  });
});

describe('a breach', () => {
  it('ends the window at the first failure that decides it, cancels samples in flight, and dispatches once', async () => {
    const clock = new ManualClock();
    // 20 planned samples, max 10%: two failures (10%) may still hold; the third cannot.
    const a = source(clock, 'a', (n) => (n >= 3 ? fail(100) : ok(100)), { thresholds: [{ key: 'max-error-rate', limit: 0.1 }] });
    const slow = source(clock, 'slow', () => ok(700));
    const breaches: BreachEvidence[] = [];
    const { hooks: h, progress } = hooks(clock, (breach) => {
      breaches.push(breach);
      return Promise.resolve({
        workflow: 'rollback.yml',
        ref: 'main',
        inputs: {},
        status: 'dispatched',
        message: 'rollback dispatched',
        at: '',
      });
    });
    const outcome = await clock.run(runWindow(settings({ windowMs: 20_000 }), [a, slow], h));
    expect(breaches).toHaveLength(1);
    expect(outcome.breach).toMatchObject({ source: 'a', threshold: 'max-error-rate', slots: [3, 4, 5], atMs: 5100, final: false });
    expect(outcome.breach?.measured).toBe('error rate ≥ 15% (3 failed of 20 planned samples)');
    expect(outcome.dispatch?.status).toBe('dispatched');
    expect(outcome.window.ended).toBe('breach');
    expect(a.calls).toHaveLength(6);
    // The other source's sample of slot 5 was in flight: cancelled, not counted.
    expect(outcome.samples.get('slow')?.at(-1)).toMatchObject({ slot: 5, status: 'cancelled' });
    expect(progress.some((line) => line.startsWith('breach: a: error rate ≥ 15%'))).toBe(true);
  });

  it('is found at the window end when only the samples taken decide it (fewer counted than planned)', async () => {
    const clock = new ManualClock();
    // 20 planned; every other sample has no data, so 10 count. p95 over 10 is the slowest:
    // one slow sample breaks it at the end, though over 20 it would not have been certain.
    const a = source(clock, 'a', (n) => (n % 2 ? { status: 'pending', latencyMs: 10 } : n === 4 ? ok(900) : ok(50)), {
      thresholds: [{ key: 'max-p95', limit: 500 }],
      minSamples: 10,
    });
    const dispatches: BreachEvidence[] = [];
    const outcome = await clock.run(
      runWindow(settings({ windowMs: 20_000 }), [a], hooks(clock, (b) => (dispatches.push(b), Promise.resolve(undefined))).hooks),
    );
    expect(outcome.breach).toMatchObject({ threshold: 'max-p95', final: true, slots: [4] });
    expect(outcome.breach?.measured).toBe('p95 900ms over 10');
    expect(dispatches).toHaveLength(1);
    expect(outcome.samples.get('a')).toHaveLength(20);
  });

  it('is not found at the end with fewer counted samples than min-samples', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', (n) => (n % 2 ? { status: 'pending', latencyMs: 10 } : n === 4 ? ok(900) : ok(50)), {
      thresholds: [{ key: 'max-p95', limit: 500 }],
      minSamples: 11,
    });
    const outcome = await clock.run(runWindow(settings({ windowMs: 20_000 }), [a], hooks(clock).hooks));
    expect(outcome.breach).toBeUndefined();
    expect(outcome.window.ended).toBe('complete');
  });
});

describe('sources and data', () => {
  it('never breaches on source errors', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', () => ({ status: 'unverified', latencyMs: 900 }));
    const outcome = await clock.run(runWindow(settings(), [a], hooks(clock, () => Promise.reject(new Error('must not dispatch'))).hooks));
    expect(outcome.breach).toBeUndefined();
    expect(outcome.samples.get('a')?.map((s) => s.status)).toEqual(Array(5).fill('source-error'));
  });

  it.each([
    ['inconclusive', undefined],
    ['pass', undefined],
    ['fail', 'every-sample'],
  ] as const)('counts no data as on-no-data: %s says', async (onNoData, breached) => {
    const clock = new ManualClock();
    const a = source(clock, 'a', () => ({ status: 'pending', latencyMs: 10 }), { onNoData });
    const outcome = await clock.run(runWindow(settings(), [a], hooks(clock).hooks));
    expect(outcome.breach?.threshold).toBe(breached);
  });

  it('records the value a kind measured', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', (n) => ({ status: 'passed', latencyMs: 5, value: n / 10 }));
    const outcome = await clock.run(runWindow(settings({ windowMs: 3000 }), [a], hooks(clock).hooks));
    expect(outcome.samples.get('a')?.map((s) => s.value)).toEqual([0, 0.1, 0.2]);
  });
});

describe('steady-for', () => {
  it('ends the window early, passing, after continuous success for that long', async () => {
    const clock = new ManualClock();
    const a = source(clock, 'a', (n) => (n === 0 ? fail() : ok()), { thresholds: [{ key: 'max-failures', limit: 1 }], minSamples: 3 });
    const outcome = await clock.run(runWindow(settings({ windowMs: 30_000, steadyForMs: 3000 }), [a], hooks(clock).hooks));
    expect(outcome.window.ended).toBe('steady');
    // The failure at slot 0 restarts the stretch: slots 1–3 are the 3 s of success.
    expect(
      outcome.samples
        .get('a')
        ?.filter((s) => s.status !== 'cancelled')
        .map((s) => s.slot),
    ).toEqual([0, 1, 2, 3]);
    expect(outcome.window.elapsedMs).toBe(3100);
  });

  it('waits while a threshold does not hold over the samples taken', async () => {
    const clock = new ManualClock();
    // Two failures of 30 planned (6.7%) may still end under 10%, but not after 5 samples.
    const a = source(clock, 'a', (n) => (n < 2 ? fail() : ok()), { thresholds: [{ key: 'max-error-rate', limit: 0.1 }] });
    const outcome = await clock.run(runWindow(settings({ windowMs: 30_000, steadyForMs: 3000 }), [a], hooks(clock).hooks));
    expect(outcome.window.ended).toBe('steady');
    // 2 of 20 counted is 10%: the first sample at which the rate holds.
    expect(outcome.samples.get('a')?.filter((s) => s.status !== 'cancelled')).toHaveLength(20);
  });
});

it('stops when the gate is cancelled, without a breach', async () => {
  const clock = new ManualClock();
  const gate = new AbortController();
  const a = source(
    clock,
    'a',
    (n) => {
      if (n === 2) gate.abort();
      return fail(100);
    },
    { thresholds: [{ key: 'max-failures', limit: 5 }] },
  );
  const outcome = await clock.run(
    runWindow(settings({ windowMs: 60_000 }), [a], { clock, signal: gate.signal, progress: () => undefined }),
  );
  expect(outcome.window.ended).toBe('interrupted');
  expect(outcome.breach).toBeUndefined();
  expect(outcome.samples.get('a')?.at(-1)?.status).toBe('cancelled');
});
