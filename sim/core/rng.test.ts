import { describe, expect, it } from 'vitest';
import { stream, trialSeed } from './rng.js';

describe('rng streams', () => {
  it('repeats exactly for the same seed and label', () => {
    const a = stream(42, 'node/1/election');
    const b = stream(42, 'node/1/election');
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('differs between labels and between seeds', () => {
    expect(stream(42, 'node/1')()).not.toBe(stream(42, 'node/2')());
    expect(stream(42, 'node/1')()).not.toBe(stream(43, 'node/1')());
  });

  it('draws in [0, 1) with a uniform mean', () => {
    const r = stream(7, 'uniformity');
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('derives distinct trial seeds, trial 0 being the scenario seed', () => {
    expect(trialSeed(42, 0)).toBe(42);
    const seeds = new Set(Array.from({ length: 1000 }, (_, k) => trialSeed(42, k)));
    expect(seeds.size).toBe(1000);
    expect(trialSeed(42, 5)).toBe(trialSeed(42, 5));
  });
});
