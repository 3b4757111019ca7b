/** Time behind a small interface, so the engine can be driven in tests. */

/** A clock: monotonic milliseconds, wall time and an abortable sleep. */
export interface Clock {
  /** Monotonic time in milliseconds (for durations). */
  now(): number;
  /** Wall time (for `startedAt`). */
  date(): Date;
  /** Resolves after `ms` milliseconds, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
