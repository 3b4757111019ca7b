/**
 * Threshold maths: the nearest-rank percentile, each threshold's verdict, and the promise
 * behind failing early — a breach called "certain" after some of the planned samples is
 * still a breach however the rest of the window turns out (checked over many random
 * windows with a seeded generator).
 */
import { describe, expect, it } from '@jest/globals';
import {
  certainBreach,
  judge,
  percentile,
  percentileRank,
  thresholdLabel,
  type CountedSample,
  type Threshold,
} from '../../../src/gates/monitor/thresholds.js';

const INTERVAL = 1000;

/** Samples from a pattern: `o` ok, `x` failed; latencies from `latency(i)`. */
function samples(pattern: string, latency: (i: number) => number = () => 10): CountedSample[] {
  return pattern.split('').map((c, i) => ({ slot: i, scheduledMs: i * INTERVAL, ok: c === 'o', latencyMs: latency(i) }));
}

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    ['1..100', hundred, 95, 95],
    ['1..100', hundred, 99, 99],
    ['1..100', hundred, 50, 50],
    ['[7]', [7], 95, 7],
    ['1..20', Array.from({ length: 20 }, (_, i) => i + 1), 95, 19],
    ['[30, 10, 20]', [30, 10, 20], 95, 30],
  ])('of %s at p%i is %i', (_label, values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('ranks in integer arithmetic (no 0.95 × 60 = 56.999… off-by-one)', () => {
    expect(percentileRank(95, 60)).toBe(57);
    expect(percentileRank(99, 100)).toBe(99);
    expect(percentileRank(95, 1)).toBe(1);
  });

  it('is undefined without values', () => {
    expect(percentile([], 95)).toBeUndefined();
  });
});

describe('verdicts over the samples taken', () => {
  it.each<[Threshold, string, boolean, string]>([
    [{ key: 'max-error-rate', limit: 0.1 }, 'ooooooooox', true, 'error rate 10% (1 of 10)'],
    [{ key: 'max-error-rate', limit: 0.1 }, 'oooooooxox', false, 'error rate 20% (2 of 10)'],
    [{ key: 'max-consecutive-failures', limit: 2 }, 'oxxoxxo', true, '2 consecutive failures'],
    [{ key: 'max-consecutive-failures', limit: 2 }, 'oxxxo', false, '3 consecutive failures'],
    [{ key: 'max-failures', limit: 2 }, 'xoxoo', true, '2 of 5 failed'],
    [{ key: 'max-failures', limit: 2 }, 'xoxox', false, '3 of 5 failed'],
    [{ key: 'every-sample', limit: 0 }, 'ooo', true, 'all 3 passed'],
    [{ key: 'every-sample', limit: 0 }, 'oxo', false, '1 of 3 failed'],
    // 5 s of failing: from the first failed sample's slot to the last one's.
    [{ key: 'max-failing-for', limit: 5000 }, 'oxxxxxxo', true, 'failing for 5s (6 samples in a row)'],
    [{ key: 'max-failing-for', limit: 5000 }, 'oxxxxxxxo', false, 'failing for 6s (7 samples in a row)'],
  ])('%j over %s holds: %s', (threshold, pattern, holds, measured) => {
    expect(judge(threshold, samples(pattern))).toMatchObject({ holds, measured });
  });

  it('judges p95 over the latencies and names the slow samples', () => {
    const slowAt = new Set([3, 7]);
    const taken = samples('o'.repeat(20), (i) => (slowAt.has(i) ? 2000 : 100));
    expect(judge({ key: 'max-p95', limit: 1000 }, taken)).toEqual({ holds: false, measured: 'p95 2s over 20', slots: [3, 7] });
    expect(judge({ key: 'max-p99', limit: 2000 }, taken).holds).toBe(true);
  });

  it('labels thresholds the way the report shows them', () => {
    expect(thresholdLabel({ key: 'max-error-rate', limit: 0.01 })).toBe('error rate ≤ 1%');
    expect(thresholdLabel({ key: 'max-p95', limit: 1000 })).toBe('p95 ≤ 1s');
    expect(thresholdLabel({ key: 'max-failing-for', limit: 300_000 })).toBe('failing ≤ 5m');
  });
});

describe('certain breaches', () => {
  it('calls an error rate certain only when even a passing rest cannot bring it back', () => {
    const threshold: Threshold = { key: 'max-error-rate', limit: 0.01 };
    // 120 planned (30 min every 15 s): 1 failure may end at 0.83%; 2 cannot end under 1.67%.
    expect(certainBreach(threshold, samples('x'), 120)).toBeUndefined();
    expect(certainBreach(threshold, samples('xox'), 120)?.measured).toBe('error rate ≥ 1.67% (2 failed of 120 planned samples)');
  });

  it('calls p95 certain once more samples are slow than the rank leaves room for', () => {
    const threshold: Threshold = { key: 'max-p95', limit: 1000 };
    // 20 planned: the p95 is the 19th of 20, so one slow sample is allowed, two are not.
    const oneSlow = samples('ooo', (i) => (i === 1 ? 5000 : 10));
    const twoSlow = samples('ooo', (i) => (i >= 1 ? 5000 : 10));
    expect(certainBreach(threshold, oneSlow, 20)).toBeUndefined();
    expect(certainBreach(threshold, twoSlow, 20)?.slots).toEqual([1, 2]);
  });

  it('keeps its promise: a certain breach is a breach at the end, whatever the rest of the window is', () => {
    let seed = 20261;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const thresholds: Threshold[] = [
      { key: 'max-error-rate', limit: 0.05 },
      { key: 'max-error-rate', limit: 0.2 },
      { key: 'max-p95', limit: 500 },
      { key: 'max-p99', limit: 500 },
      { key: 'max-consecutive-failures', limit: 2 },
      { key: 'max-failures', limit: 3 },
      { key: 'max-failing-for', limit: 3000 },
      { key: 'every-sample', limit: 0 },
    ];
    const sample = (i: number, failShare: number, slowShare: number): CountedSample => ({
      slot: i,
      scheduledMs: i * INTERVAL,
      ok: random() >= failShare,
      latencyMs: random() < slowShare ? 900 : 50,
    });
    let certain = 0;
    for (let trial = 0; trial < 400; trial++) {
      const threshold = thresholds[trial % thresholds.length] as Threshold;
      const planned = 5 + Math.floor(random() * 60);
      const taken = 1 + Math.floor(random() * planned);
      const failShare = random() * 0.4;
      const slowShare = random() * 0.4;
      const prefix = Array.from({ length: taken }, (_, i) => sample(i, failShare, slowShare));
      if (!certainBreach(threshold, prefix, planned)) continue;
      certain++;
      for (let rest = 0; rest < 5; rest++) {
        // The rest of the window: some slots count, some do not (no data, source errors).
        const more = Array.from({ length: planned - taken }, (_, i) =>
          sample(taken + i, rest === 0 ? 0 : 0.1, rest === 0 ? 0 : 0.1),
        ).filter(() => rest === 0 || random() < 0.7);
        expect({ threshold, planned, taken, holds: judge(threshold, [...prefix, ...more]).holds }).toEqual({
          threshold,
          planned,
          taken,
          holds: false,
        });
      }
    }
    expect(certain).toBeGreaterThan(50);
  });
});
