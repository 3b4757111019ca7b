/**
 * A controlled {@link Clock} for tests of schedules: time moves only when the test says,
 * so no assertion depends on how fast the machine is. {@link ManualClock.run} drives work
 * to its end by jumping from one pending timer to the next whenever the work is idle.
 */
import type { Clock } from '../../src/engine/clock.js';

interface Timer {
  at: number;
  resolve: () => void;
}

/** Lets pending promise callbacks (and I/O-free async work) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class ManualClock implements Clock {
  private time = 0;
  private timers: Timer[] = [];

  constructor(private readonly epochMs = Date.UTC(2026, 0, 1, 12, 0, 0)) {}

  now(): number {
    return this.time;
  }

  date(): Date {
    return new Date(this.epochMs + this.time);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.time + Math.max(0, ms), resolve };
      const cancel = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      timer.resolve = () => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.timers.push(timer);
    });
  }

  /** Moves time to the next pending timer and fires every timer due then; false when none is pending. */
  private next(): boolean {
    if (this.timers.length === 0) return false;
    const at = Math.min(...this.timers.map((timer) => timer.at));
    this.time = Math.max(this.time, at);
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.resolve();
    return true;
  }

  /** Runs `work` to its end, advancing time whenever it waits. */
  async run<T>(work: Promise<T>): Promise<T> {
    const state = { done: false };
    const result = work.finally(() => {
      state.done = true;
    });
    const finished = (): boolean => state.done;
    for (;;) {
      await settle();
      if (finished()) return result;
      if (!this.next()) {
        await settle();
        if (finished()) return result;
        throw new Error('the work is waiting on something other than the clock');
      }
    }
  }
}
