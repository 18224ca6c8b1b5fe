import { describe, expect, it } from 'vitest';
import { stream } from '../core/rng.js';
import { keySampler, zipfCdf } from './keys.js';

describe('key samplers', () => {
  it('uniform keys cover the range evenly', () => {
    const draw = keySampler({ dist: 'uniform', count: 10 }, stream(1, 'k'));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[draw()]++;
    for (const c of counts) expect(c / 10_000).toBeCloseTo(1, 1);
  });

  it('zipf keys follow 1/k^s', () => {
    const s = 0.99;
    const draw = keySampler({ dist: 'zipf', count: 1000, s }, stream(1, 'z'));
    const counts = new Array(1000).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[draw()]++;
    const cdf = zipfCdf(1000, s);
    expect(counts[0] / n).toBeCloseTo(cdf[0], 2);
    // rank 1 is drawn 2^s times less often than rank 0
    expect(counts[0] / counts[1]).toBeCloseTo(Math.pow(2, s), 0);
    expect(cdf[999]).toBe(1);
  });
});
