import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../scenario/scenario.js';
import { durationSampler, meanOf, sampler } from './distributions.js';
import { stream } from './rng.js';

const N = 200_000;

function draws(spec: DistSpec, label = 'test'): Float64Array {
  const draw = sampler(spec, stream(1, label));
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = draw();
  return out;
}
const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: Float64Array) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const min = (xs: Float64Array) => xs.reduce((m, x) => Math.min(m, x), Infinity);
const max = (xs: Float64Array) => xs.reduce((m, x) => Math.max(m, x), -Infinity);
const quantile = (xs: Float64Array, q: number) => Float64Array.from(xs).sort()[Math.floor(q * xs.length)];

describe('distribution moments', () => {
  it('constant', () => {
    expect(mean(draws({ dist: 'constant', value: 7 }))).toBe(7);
  });
  it('uniform: mean (a+b)/2, variance (b-a)²/12', () => {
    const xs = draws({ dist: 'uniform', min: 10, max: 30 });
    expect(mean(xs)).toBeCloseTo(20, 1);
    expect(variance(xs)).toBeCloseTo(400 / 12, 0);
    expect(min(xs)).toBeGreaterThanOrEqual(10);
    expect(max(xs)).toBeLessThan(30);
  });
  it('exponential: mean m, variance m²', () => {
    const xs = draws({ dist: 'exponential', mean: 100 });
    expect(mean(xs) / 100).toBeCloseTo(1, 2);
    expect(variance(xs) / 10_000).toBeCloseTo(1, 1);
  });
  it('normal: mean and sd', () => {
    const xs = draws({ dist: 'normal', mean: 50, sd: 5 });
    expect(mean(xs)).toBeCloseTo(50, 1);
    expect(Math.sqrt(variance(xs))).toBeCloseTo(5, 1);
  });
  it('lognormal: median and p99 as given', () => {
    const xs = draws({ dist: 'lognormal', median: 1000, p99: 5000 });
    expect(quantile(xs, 0.5) / 1000).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.99) / 5000).toBeCloseTo(1, 1);
    expect(mean(xs) / meanOf({ dist: 'lognormal', median: 1000, p99: 5000 })).toBeCloseTo(1, 1);
  });
  it('pareto: minimum is the scale, mean shape·scale/(shape−1)', () => {
    const xs = draws({ dist: 'pareto', scale: 10, shape: 3 });
    expect(min(xs)).toBeGreaterThanOrEqual(10);
    expect(mean(xs) / 15).toBeCloseTo(1, 1);
    expect(meanOf({ dist: 'pareto', scale: 1, shape: 1 })).toBe(Infinity);
  });
  it('duration samplers give non-negative integers', () => {
    const draw = durationSampler({ dist: 'normal', mean: 1, sd: 5 }, stream(3, 'd'));
    for (let i = 0; i < 1000; i++) {
      const x = draw();
      expect(Number.isInteger(x) && x >= 0).toBe(true);
    }
  });
});
