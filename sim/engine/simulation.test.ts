// Engine mechanics with deterministic inputs, where the answer is exact.
import { describe, expect, it } from 'vitest';
import { LAN, lb, load, makeRun, NO_DELAY, raft } from '../../test/fixtures/scenario.js';
import type { RunSpec } from '../scenario/scenario.js';
import { runOnce } from './run.js';
import type { TraceHooks } from './trace-hooks.js';

function closedLoop(clients: number, nodes: number, serviceUs: number) {
  return runOnce(
    makeRun({
      architecture: lb(nodes),
      duration: 2_000_000,
      warmup: 1_000_000,
      network: NO_DELAY,
      cpu: { service: { dist: 'constant', value: serviceUs }, perMessage: 0, perEntry: 0 },
      workload: load({ clients, think: 0, writes: 0, keys: 10, timeout: 1_000_000, retries: 0, backoff: 1000 }),
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

/** Runs with hooks that record what the test looks at; the rest of the hooks do nothing. */
function traced(run: RunSpec, hooks: Partial<TraceHooks>): void {
  const ignore = () => {};
  const all: TraceHooks = {
    message: ignore,
    clientRequest: ignore,
    clientReply: ignore,
    handled: ignore,
    role: ignore,
    election: ignore,
    nodeUp: ignore,
    faultFired: ignore,
    ejected: ignore,
    ...hooks,
  };
  runOnce(run, 0, { beforeRun: (sim) => sim.traceWith(all) });
}

describe('time stays whole microseconds', () => {
  it('a slow node (factor 1.37) still sends and handles at integer times', () => {
    const times: number[] = [];
    traced(
      makeRun({
        architecture: raft(3),
        duration: 2_000_000,
        warmup: 500_000,
        network: LAN,
        cpu: { service: { dist: 'exponential', mean: 100 }, perMessage: 7, perEntry: 3 },
        workload: load({ rate: 500 }),
        faults: [0, 1, 2].map((node) => ({ type: 'slow' as const, at: 500_000, node, factor: 1.37 })),
      }),
      {
        message: (_from, _to, _msg, departAt, arriveAt) => times.push(departAt, arriveAt),
        handled: (now) => times.push(now),
      },
    );
    expect(times.length).toBeGreaterThan(1000);
    expect(times.filter((t) => !Number.isInteger(t))).toEqual([]);
  });
});

describe('clients draw their network delays from their own streams', () => {
  /** (sent at, delay) of every request delivered in the first second, in delivery order. */
  function requestHops(heartbeat: number): string[] {
    const hops: string[] = [];
    traced(
      makeRun({
        architecture: raft(3, { heartbeat }),
        duration: 2_000_000,
        network: LAN,
        workload: load({ rate: 200 }),
      }),
      { clientRequest: (departAt, arriveAt) => void (arriveAt < 1_000_000 && hops.push(`${departAt}+${arriveAt - departAt}`)) },
    );
    return hops;
  }

  it('a protocol that sends heartbeats more often leaves every request delay as it was', () => {
    // the nodes' messages differ (a heartbeat every 50 vs 20 ms), the clients' hops must not
    const usual = requestHops(50_000);
    expect(usual.length).toBeGreaterThan(150);
    expect(requestHops(20_000)).toEqual(usual);
  });
});
