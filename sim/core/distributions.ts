// Samplers for the scenario's distributions. Each sampler is bound to one random stream and
// returns plain numbers in the unit of its parameters (microseconds for durations).
// Lognormal is given as a scenario writes it (docs/scenario-format.md) — by median and p99 — because that is how latency
// is measured in practice: mu = ln(median), sigma = ln(p99 / median) / z(0.99).
import type { DistSpec } from '../scenario/scenario.js';
import type { Random } from './rng.js';

export type Sampler = () => number;

/** The standard normal quantile at 0.99. */
const Z_99 = 2.3263478740408408;

export function sampler(spec: DistSpec, rng: Random): Sampler {
  switch (spec.dist) {
    case 'constant': {
      const v = spec.value;
      return () => v;
    }
    case 'uniform': {
      const { min } = spec;
      const span = spec.max - spec.min;
      return () => min + span * rng();
    }
    case 'exponential': {
      const mean = spec.mean;
      return () => -mean * Math.log(1 - rng());
    }
    case 'normal': {
      const normal = standardNormal(rng);
      const { mean, sd } = spec;
      return () => mean + sd * normal();
    }
    case 'lognormal': {
      const normal = standardNormal(rng);
      const mu = Math.log(spec.median);
      const sigma = Math.log(spec.p99 / spec.median) / Z_99;
      return () => Math.exp(mu + sigma * normal());
    }
    case 'pareto': {
      const { scale } = spec;
      const inverseShape = 1 / spec.shape;
      return () => scale / Math.pow(1 - rng(), inverseShape);
    }
  }
}

/** A sampler of non-negative integer microseconds: what the clock needs. */
export function durationSampler(spec: DistSpec, rng: Random): Sampler {
  const draw = sampler(spec, rng);
  return () => {
    const x = Math.round(draw());
    return x > 0 ? x : 0;
  };
}

/** The distribution's mean, where it exists (Infinity for a pareto with shape ≤ 1). */
export function meanOf(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
    case 'normal':
      return spec.mean;
    case 'lognormal': {
      const sigma = Math.log(spec.p99 / spec.median) / Z_99;
      return spec.median * Math.exp((sigma * sigma) / 2);
    }
    case 'pareto':
      return spec.shape <= 1 ? Infinity : (spec.shape * spec.scale) / (spec.shape - 1);
  }
}

/** Box–Muller, keeping the second value of each pair so every uniform is used. */
function standardNormal(rng: Random): Sampler {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  };
}
