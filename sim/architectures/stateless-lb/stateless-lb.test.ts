// The stateless fleet against queueing theory. Service is exponential and the network adds
// no delay, so each server is an M/M/1 queue and a balancing policy is a routing rule
// whose effect has a closed form (or a known large-N limit).
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../engine/run.js';
import type { BalancerPolicy } from '../../scenario/scenario.js';
import { lb, load, makeRun, NO_DELAY } from '../../../test/fixtures/scenario.js';

/** Runs N servers of mean service `serviceUs` at utilization rho; latencies in ms. */
function fleet(nodes: number, policy: BalancerPolicy, rho: number, serviceUs: number, seconds: number, seed = 1) {
  const run = makeRun({
    seed,
    architecture: lb(nodes, policy),
    duration: (seconds + 1) * 1e6,
    warmup: 1e6,
    network: NO_DELAY,
    cpu: { service: { dist: 'exponential', mean: serviceUs }, perMessage: 0, perEntry: 0 },
    workload: load({ rate: (rho * nodes * 1e6) / serviceUs, writes: 0.5, keys: 100, timeout: 1e9, retries: 0, backoff: 1000 }),
  });
  return runOnce(run, 0).result.summary;
}

const relative = (actual: unknown, expected: number) => Math.abs((actual as number) / expected - 1);

describe('M/M/1: one server, Poisson arrivals, exponential service', () => {
  // mean response 1/(μ−λ); the response time is exponential, so p99 = ln(100)/(μ−λ)
  for (const rho of [0.5, 0.8]) {
    it(`mean response is 1/(μ−λ) within 3% at ρ=${rho}`, () => {
      const s = fleet(1, 'round-robin', rho, 100, 150);
      const theoryMs = 0.1 / (1 - rho);
      expect(relative(s.latency_mean_ms, theoryMs)).toBeLessThan(0.03);
      expect(relative(s.latency_p99_ms, Math.log(100) * theoryMs)).toBeLessThan(0.05);
      expect(relative(s.mean_utilization, rho)).toBeLessThan(0.02);
    });
  }
});

describe('N servers behind a balancer', () => {
  it('random splitting makes N independent M/M/1 queues (ρ=0.7, N=4)', () => {
    const s = fleet(4, 'random', 0.7, 100, 60);
    expect(relative(s.latency_mean_ms, 0.1 / 0.3)).toBeLessThan(0.04);
    expect(relative(s.latency_p99_ms, (Math.log(100) * 0.1) / 0.3)).toBeLessThan(0.06);
  });

  // Mitzenmacher's supermarket model: with d=2 choices and N→∞, the mean time in system is
  // Σ_{i≥1} ρ^(2^i − 2) service times — 2.61 at ρ=0.9 against 10 for random routing.
  const supermarket = (rho: number) => Array.from({ length: 12 }, (_, i) => rho ** (2 ** (i + 1) - 2)).reduce((a, b) => a + b);

  it('power-of-two and least-outstanding beat random at ρ=0.9 by the predicted margins (N=50)', () => {
    const random = fleet(50, 'random', 0.9, 1000, 20);
    const two = fleet(50, 'power-of-two', 0.9, 1000, 20);
    const least = fleet(50, 'least-outstanding', 0.9, 1000, 20);
    expect(relative(random.latency_mean_ms, 10)).toBeLessThan(0.05);
    // finite N sits a little above the N→∞ limit
    expect(two.latency_mean_ms as number).toBeGreaterThan(supermarket(0.9));
    expect(relative(two.latency_mean_ms, supermarket(0.9))).toBeLessThan(0.08);
    // joining the shortest queue leaves almost no waiting: mean close to one service time
    expect(least.latency_mean_ms as number).toBeLessThan(1.3);
    expect(least.latency_p99_ms as number).toBeLessThan(two.latency_p99_ms as number);
    expect((two.latency_p99_ms as number) * 4).toBeLessThan(random.latency_p99_ms as number);
  });
});
