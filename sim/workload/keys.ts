// Which key a request touches: uniform, or zipf (a few hot keys take most traffic, as in real
// caches and databases). Zipf is sampled by inverting a precomputed CDF — exact, and one
// binary search per draw.
import type { Random } from '../core/rng.js';
import type { KeySpec } from '../scenario/scenario.js';

export type KeySampler = () => number;

export function keySampler(spec: KeySpec, rng: Random): KeySampler {
  const count = spec.count;
  if (spec.dist === 'uniform') return () => Math.floor(rng() * count);
  const cdf = zipfCdf(count, spec.s);
  return () => {
    const u = rng();
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** P(key ≤ k) for keys ranked 0..count-1 with weight 1/(k+1)^s. */
export function zipfCdf(count: number, s: number): Float64Array {
  const cdf = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    total += 1 / Math.pow(k + 1, s);
    cdf[k] = total;
  }
  for (let k = 0; k < count; k++) cdf[k] /= total;
  cdf[count - 1] = 1;
  return cdf;
}
