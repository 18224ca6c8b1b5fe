// Engine mechanics with deterministic inputs, where the answer is exact.
import { describe, expect, it } from 'vitest';
import { lb, makeRun, NO_DELAY } from '../../test/fixtures/scenario.js';
import { runOnce } from './run.js';

function closedLoop(clients: number, nodes: number, serviceUs: number) {
  return runOnce(
    makeRun({
      architecture: lb(nodes),
      duration: 2_000_000,
      warmup: 1_000_000,
      network: NO_DELAY,
      cpu: { service: { dist: 'constant', value: serviceUs }, perMessage: 0, perEntry: 0 },
      workload: {
        arrival: { kind: 'closed', clients, think: 0 },
        writes: 0,
        keys: { dist: 'uniform', count: 10 },
        timeout: 1_000_000,
        retries: { max: 0, backoff: 1000 },
      },
    }),
    0,
  ).result.summary;
}

describe('the CPU is one FIFO server per node', () => {
  it('serves one job at a time: one client, 100us jobs → exactly 10,000 per second', () => {
    const s = closedLoop(1, 1, 100);
    expect(s.throughput_ops_s).toBeCloseTo(10_000, -1);
    expect(s.latency_mean_ms).toBeCloseTo(0.1, 6);
    expect(s.mean_utilization).toBeCloseTo(1, 3);
  });

  it('queues a second client behind the first: same throughput, twice the latency', () => {
    const s = closedLoop(2, 1, 100);
    expect(s.throughput_ops_s).toBeCloseTo(10_000, -1);
    // the op still waiting at the end counts at its wait so far (censored): 1e-5 ms off
    expect(s.incomplete).toBe(1);
    expect(s.latency_mean_ms).toBeCloseTo(0.2, 4);
  });

  it('two nodes serve in parallel', () => {
    const s = closedLoop(2, 2, 100);
    expect(s.throughput_ops_s).toBeCloseTo(20_000, -1);
    expect(s.latency_mean_ms).toBeCloseTo(0.1, 6);
  });
});
