/** A controlled clock for the engine: no wall time in tests. */
import type { Clock } from '../../src/engine/clock.js';

/** A clock whose time moves only when slept through: retries without waiting. */
export function fakeClock(): Clock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    date: () => new Date(Date.UTC(2024, 0, 1) + clock.time),
    sleep: (ms: number) => {
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock;
}
