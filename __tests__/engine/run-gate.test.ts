/**
 * The engine with fake checks: concurrency, order, per-attempt timeouts, retries,
 * thrown errors, cancellation, the gate deadline and gate status rules.
 */
import { describe, expect, it } from '@jest/globals';
import type { CheckContext, CheckSpec, RetryPolicy } from '../../src/engine/check.js';
import { fakeClock } from '../support/clock.js';
import { gateStatusOf, overallStatus, type CheckOutcome, type CheckStatus } from '../../src/engine/model.js';
import { runGate, type GateEvent, type RunGateOptions } from '../../src/engine/run-gate.js';

const PASS: CheckOutcome = { status: 'passed', summary: 'ok', measured: '200', expected: '2xx' };
const FAIL: CheckOutcome = { status: 'failed', summary: 'status: measured 503, expected 2xx', measured: '503', expected: '2xx' };

function spec(id: string, run: (context: CheckContext) => Promise<CheckOutcome>, extra: Partial<CheckSpec> = {}): CheckSpec {
  return { id, name: id, kind: 'fake', location: { file: 'release-gates.yml', line: 1, column: 1 }, timeoutMs: 5000, run, ...extra };
}

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Never settles, and ignores its signal: a check stuck in a bad library call. */
const forever = (): Promise<CheckOutcome> => new Promise<CheckOutcome>(() => undefined);

/** Fails until its `passOn`-th call, counting calls. */
const failing =
  (counter: { n: number }, passOn = Infinity) =>
  (): Promise<CheckOutcome> =>
    Promise.resolve(++counter.n >= passOn ? PASS : FAIL);

async function gate(checks: CheckSpec[], options: Partial<RunGateOptions> = {}) {
  const events: GateEvent[] = [];
  const result = await runGate({ gate: 'smoke', environment: 'test', checks, onEvent: (e) => events.push(e), ...options });
  return { result, events };
}

describe('concurrency and order', () => {
  it('never runs more checks at once than the limit, and does reach it', async () => {
    let inFlight = 0;
    let max = 0;
    const run = async (): Promise<CheckOutcome> => {
      max = Math.max(max, ++inFlight);
      await tick(5);
      inFlight--;
      return PASS;
    };
    const { result } = await gate(
      Array.from({ length: 10 }, (_, i) => spec(`c${i}`, run)),
      { concurrency: 3 },
    );
    expect(max).toBe(3);
    expect(result.checks).toHaveLength(10);
    expect(result.status).toBe('passed');
  });

  it('concurrency 1 runs one at a time; 0 is treated as 1', async () => {
    for (const concurrency of [1, 0]) {
      let inFlight = 0;
      let max = 0;
      const run = async (): Promise<CheckOutcome> => {
        max = Math.max(max, ++inFlight);
        await tick();
        inFlight--;
        return PASS;
      };
      await gate([spec('a', run), spec('b', run), spec('c', run)], { concurrency });
      expect(max).toBe(1);
    }
  });

  it('keeps results in config order when checks finish in another order', async () => {
    const checks = ['first', 'second', 'third', 'fourth'].map((id, i) =>
      spec(id, async () => {
        await tick((4 - i) * 15);
        return { ...PASS, summary: id };
      }),
    );
    const { result, events } = await gate(checks);
    expect(result.checks.map((c) => c.id)).toEqual(['first', 'second', 'third', 'fourth']);
    expect(result.checks.map((c) => c.summary)).toEqual(['first', 'second', 'third', 'fourth']);
    const finished = events.flatMap((e) => (e.type === 'check-finished' ? [e.result.id] : []));
    expect(finished).toEqual(['fourth', 'third', 'second', 'first']);
  });
});

describe('one attempt', () => {
  it('fails an attempt that ignores its signal once its budget (plus grace) is over', async () => {
    let seen: AbortSignal | undefined;
    const stuck = spec('stuck', (context) => ((seen = context.signal), forever()), { timeoutMs: 50 });
    const { result } = await gate([stuck, spec('fine', () => Promise.resolve(PASS))]);
    expect(result.checks[0]).toMatchObject({
      status: 'failed',
      summary: "no result within the check's 50ms budget",
      measured: '> 50ms',
      expected: '≤ 50ms',
      attempts: 1,
    });
    expect(seen?.aborted).toBe(true);
    expect(result.checks[1]!.status).toBe('passed');
    expect(result.interrupted).toBeUndefined();
  });

  it('a check that throws becomes a failed "internal error … a bug" outcome', async () => {
    const checks = [
      spec('sync', () => {
        throw new Error('boom');
      }),
      spec('async', () => Promise.reject(new TypeError('cannot read x'))),
      spec('odd', () => Promise.reject('a string')), // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    ];
    const { result } = await gate(checks);
    expect(result.checks.map((c) => c.summary)).toEqual([
      'internal error in the fake check: boom (a bug in release-gates, not in your config)',
      'internal error in the fake check: cannot read x (a bug in release-gates, not in your config)',
      'internal error in the fake check: a string (a bug in release-gates, not in your config)',
    ]);
    expect(result.checks.every((c) => c.status === 'failed' && c.measured === 'internal error')).toBe(true);
    expect(result.status).toBe('failed');
  });

  it('a rejection that comes after the attempt was given up is not left unhandled', async () => {
    const late = spec(
      'late',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => setTimeout(() => reject(new Error('late')), 5))),
      {
        timeoutMs: 10,
      },
    );
    const { result } = await gate([late]);
    expect(result.checks[0]!.summary).toBe("no result within the check's 10ms budget");
    await tick(50); // jest fails this test if the late rejection goes unhandled
  });
});

describe('retries', () => {
  it('attempts caps the tries', async () => {
    const counter = { n: 0 };
    const retry: RetryPolicy = { attempts: 3, intervalMs: 1000 };
    const { result, events } = await gate([spec('r', failing(counter), { retry })], { clock: fakeClock() });
    expect(counter.n).toBe(3);
    expect(result.checks[0]).toMatchObject({ status: 'failed', attempts: 3, summary: `${FAIL.summary} (after 3 attempts)` });
    expect(events.flatMap((e) => (e.type === 'check-progress' ? [e.message] : []))).toEqual([
      `attempt 1 failed: ${FAIL.summary}; retrying in 1s (attempt 2 of 3)`,
      `attempt 2 failed: ${FAIL.summary}; retrying in 1s (attempt 3 of 3)`,
    ]);
  });

  it('until keeps trying while the next attempt starts within the window', async () => {
    const counter = { n: 0 };
    const clock = fakeClock();
    const { result, events } = await gate([spec('r', failing(counter), { retry: { untilMs: 1000, intervalMs: 300 } })], { clock });
    expect(counter.n).toBe(4); // at 0, 300, 600, 900 ms
    expect(result.checks[0]!.attempts).toBe(4);
    expect(result.checks[0]!.durationMs).toBe(900);
    const progress = events.flatMap((e) => (e.type === 'check-progress' ? [e.message] : []));
    expect(progress[0]).toMatch(/retrying in 300ms \(1s left\)$/);
    expect(progress[2]).toMatch(/retrying in 300ms \(400ms left\)$/);
  });

  it('until holds at its boundary: an attempt that would start at the deadline is not made', async () => {
    const at = async (untilMs: number): Promise<number> => {
      const counter = { n: 0 };
      const { result } = await gate([spec('r', failing(counter), { retry: { untilMs, intervalMs: 300 } })], { clock: fakeClock() });
      expect(result.checks[0]!.attempts).toBe(counter.n);
      return counter.n;
    };
    expect(await at(900)).toBe(3); // at 0, 300, 600 ms; 900 is the deadline itself
    expect(await at(901)).toBe(4); // 900 is within the window
    expect(await at(300)).toBe(1); // 300 is the deadline itself
  });

  it('stops at the first pass, and the smaller of attempts and until wins', async () => {
    const counter = { n: 0 };
    const { result } = await gate([spec('r', failing(counter, 2), { retry: { attempts: 5, intervalMs: 10 } })], { clock: fakeClock() });
    expect(result.checks[0]).toMatchObject({ status: 'passed', attempts: 2, summary: 'ok (after 2 attempts)' });
    const both = { n: 0 };
    await gate([spec('r', failing(both), { retry: { attempts: 50, untilMs: 100, intervalMs: 40 } })], { clock: fakeClock() });
    expect(both.n).toBe(3); // at 0, 40, 80 ms
  });

  it('a check without retry gets one attempt', async () => {
    const counter = { n: 0 };
    const { result } = await gate([spec('r', failing(counter))]);
    expect(counter.n).toBe(1);
    expect(result.checks[0]!.summary).toBe(FAIL.summary);
  });
});

describe('deadline and cancellation', () => {
  it('the deadline stops a hanging check and marks unstarted checks "not run"', async () => {
    const { result, events } = await gate([spec('hangs', forever, { timeoutMs: 60_000 }), spec('later', () => Promise.resolve(PASS))], {
      deadlineMs: 100,
      concurrency: 1,
    });
    expect(result.interrupted).toBe('deadline');
    expect(result.status).toBe('failed');
    expect(result.checks[0]).toMatchObject({
      status: 'failed',
      summary: 'gate deadline of 100ms reached before it finished',
      measured: 'interrupted',
    });
    expect(result.checks[1]).toMatchObject({
      status: 'failed',
      summary: 'not run: gate deadline of 100ms reached',
      measured: 'not run',
      attempts: 0,
    });
    expect(events.filter((e) => e.type === 'check-started')).toHaveLength(1);
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('a retry cut short by the deadline says why it stopped', async () => {
    const counter = { n: 0 };
    const { result } = await gate([spec('r', failing(counter), { retry: { attempts: 1000, intervalMs: 40 } })], { deadlineMs: 150 });
    expect(counter.n).toBeGreaterThan(1);
    expect(counter.n).toBeLessThan(1000);
    expect(result.checks[0]!.summary).toMatch(/\(after \d+ attempts; no more retries: gate deadline of 150ms reached\)$/);
  });

  it('cancelling stops running checks and skips the rest as "not run: cancelled"', async () => {
    const controller = new AbortController();
    const started = spec('running', async ({ signal }) => {
      setTimeout(() => controller.abort(), 10);
      await forever();
      return signal.aborted ? FAIL : PASS;
    });
    const { result } = await gate([started, spec('queued', () => Promise.resolve(PASS))], { signal: controller.signal, concurrency: 1 });
    expect(result.interrupted).toBe('cancelled');
    expect(result.checks.map((c) => c.summary)).toEqual(['cancelled before it finished', 'not run: cancelled']);
  });

  it('an already-cancelled gate runs nothing', async () => {
    let ran = false;
    const { result } = await gate([spec('a', () => ((ran = true), Promise.resolve(PASS)))], { signal: AbortSignal.abort() });
    expect(ran).toBe(false);
    expect(result.checks[0]!.summary).toBe('not run: cancelled');
  });
});

describe('gate status', () => {
  const of = (...statuses: CheckStatus[]) => gateStatusOf(statuses.map((status) => ({ status })));

  it('failed beats pending beats passed; skipped checks do not block', () => {
    expect(of('passed', 'pending', 'failed')).toBe('failed');
    expect(of('passed', 'pending', 'skipped')).toBe('pending');
    expect(of('passed', 'skipped')).toBe('passed');
    expect(of()).toBe('passed');
    expect(overallStatus([{ status: 'passed' }, { status: 'pending' }])).toBe('pending');
    expect(overallStatus([{ status: 'pending' }, { status: 'failed' }])).toBe('failed');
    expect(overallStatus([{ status: 'skipped' }])).toBe('skipped');
  });

  it('runGate applies the rules to what the checks report', async () => {
    const outcome = (status: CheckStatus) => spec(status, () => Promise.resolve({ ...PASS, status }));
    expect((await gate([outcome('passed'), outcome('pending')])).result.status).toBe('pending');
    expect((await gate([outcome('pending'), outcome('failed')])).result.status).toBe('failed');
    expect((await gate([outcome('passed'), outcome('skipped')])).result.status).toBe('passed');
  });
});

describe('serial gates (migrate, rollback)', () => {
  it('run one check at a time in order, and after a check does not pass, skip the rest naming it', async () => {
    let inFlight = 0;
    let max = 0;
    const order: string[] = [];
    const step = (id: string, outcome: CheckOutcome) =>
      spec(id, async () => {
        max = Math.max(max, ++inFlight);
        order.push(id);
        await tick(2);
        inFlight--;
        return outcome;
      });
    const { result } = await gate([step('plan', PASS), step('apply', FAIL), step('verify', PASS)], { serial: true, concurrency: 8 });
    expect(max).toBe(1);
    expect(order).toEqual(['plan', 'apply']);
    expect(result.checks.map((check) => check.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.checks[2]!.summary).toBe('not run: "apply" did not pass (failed)');
    expect(result.status).toBe('failed');
  });

  it('go on past an optional check that could not be verified, and stop at a pending one', async () => {
    const unverified: CheckOutcome = { status: 'unverified', summary: 'not verified: no token' };
    const pending: CheckOutcome = { status: 'pending', summary: 'waiting for a person' };
    const { result } = await gate(
      [
        spec('a', () => Promise.resolve(unverified), { optional: true }),
        spec('b', () => Promise.resolve(pending)),
        spec('c', () => Promise.resolve(PASS)),
      ],
      { serial: true },
    );
    expect(result.checks.map((check) => [check.status, check.optional ?? false])).toEqual([
      ['unverified', true],
      ['pending', false],
      ['skipped', false],
    ]);
    expect(result.status).toBe('pending');
  });
});

describe('uninterruptible checks (a migration being applied)', () => {
  it('are not abandoned at the deadline or their timeout: the check sees the abort and finishes its unit of work', async () => {
    let sawAbort = false;
    const apply = spec(
      'apply',
      async ({ signal }) => {
        await tick(60);
        sawAbort = signal.aborted;
        return { ...PASS, summary: 'applied 1 of 2; stopped at the deadline between migrations', data: { applied: ['001'] } };
      },
      { uninterruptible: true, timeoutMs: 1 },
    );
    const { result } = await gate([apply], { deadlineMs: 10 });
    expect(sawAbort).toBe(true);
    expect(result.checks[0]).toMatchObject({ status: 'passed', data: { applied: ['001'] } });
  });
});

describe('not verified', () => {
  it('blocks the gate unless optional; an optional one does not, and keeps its mark', () => {
    expect(gateStatusOf([{ status: 'passed' }, { status: 'unverified' }])).toBe('failed');
    expect(gateStatusOf([{ status: 'passed' }, { status: 'unverified', optional: true }])).toBe('passed');
    expect(gateStatusOf([{ status: 'pending' }, { status: 'unverified', optional: true }])).toBe('pending');
  });
});
