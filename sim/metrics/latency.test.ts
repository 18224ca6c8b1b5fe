// The latency histogram must report what hdr-histogram-js reports, to the digit: the baselines
// were recorded with the library, and its precision guarantee is the documented one.
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { stream } from '../core/rng.js';
import { LatencyHistogram } from './latency.js';

const PERCENTILES = [0, 0.1, 1, 10, 50, 90, 99, 99.9, 99.99, 100];

function library(digits: 2 | 3): hdr.Histogram {
  return hdr.build({ numberOfSignificantValueDigits: digits, lowestDiscernibleValue: 1, autoResize: true, useWebAssembly: false });
}

/** Latencies over many magnitudes: sub-microsecond, M/M/1-like, heavy tails up to hours. */
function samples(label: string, n: number): number[] {
  const rand = stream(7, label);
  return Array.from({ length: n }, () => {
    const magnitude = 10 ** (rand() * 10); // 1 µs .. 10^10 µs
    const value = rand() * magnitude;
    return rand() < 0.5 ? Math.round(value) : value;
  });
}

describe('LatencyHistogram', () => {
  for (const digits of [2, 3] as const) {
    it(`gives hdr-histogram-js's percentiles with ${digits} significant digits`, () => {
      for (const [label, n] of [
        ['few', 7],
        ['some', 1000],
        ['many', 50_000],
      ] as const) {
        const ours = new LatencyHistogram(digits);
        const theirs = library(digits);
        for (const v of samples(`${label}/${digits}`, n)) {
          ours.record(v);
          theirs.recordValue(v < 1 ? 1 : v);
        }
        for (const p of PERCENTILES) expect([label, p, ours.percentileMicros(p)]).toEqual([label, p, theirs.getValueAtPercentile(p)]);
      }
    });
  }

  it('keeps a percentile within one part in 10^3 of the exact order statistic', () => {
    const h = new LatencyHistogram(3);
    const values = samples('precision', 20_000).map((v) => Math.floor(v) + 1);
    for (const v of values) h.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [50, 99, 99.9]) {
      const exact = sorted[Math.round((p / 100) * sorted.length) - 1]; // p% of 20 000 is a whole rank
      expect(Math.abs((h.percentileMicros(p) as number) - exact) / exact).toBeLessThanOrEqual(1e-3);
    }
  });

  it('counts each value in exactly one slot, and forgets everything on reset', () => {
    const h = new LatencyHistogram(2);
    for (let v = 1; v <= 5000; v++) h.record(v);
    expect(h.percentileMicros(100)).toBeGreaterThanOrEqual(5000);
    expect(h.percentileMicros(50)).toBeCloseTo(2500, -2);
    expect(h.meanMicros()).toBe(2500.5);
    h.reset();
    expect(h.percentileMicros(50)).toBeNull();
    h.record(3);
    expect([h.percentileMicros(50), h.count]).toEqual([3, 1]);
  });
});
