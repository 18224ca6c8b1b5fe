// Zones and regions: which delay a message takes, that zones leave every other draw where it
// was, what a zone outage does to majorities of different spreads, and what regions cost a commit.
import { describe, expect, it } from 'vitest';
import { stream } from '../core/rng.js';
import { runOnce } from '../engine/run.js';
import type { RunResult } from '../metrics/run-result.js';
import { parseScenarioText } from '../scenario/load.js';
import type { NetworkSpec } from '../scenario/scenario.js';
import { makeScenario, raft } from '../../test/fixtures/scenario.js';
import { Network } from './network.js';

const constant = (value: number) => ({ dist: 'constant' as const, value });

function network(spec: NetworkSpec, nodes: number): Network {
  const scenario = makeScenario({ architecture: raft(nodes), network: spec });
  return new Network(scenario, nodes, (name) => stream(1, name));
}

describe('zones in the network', () => {
  it('a message takes the delay of its zone pair; within a zone, the zone delay', () => {
    const zones = { names: ['a', 'b', 'c'], of: [0, 0, 1, 2], between: [] as NetworkSpec['delay'][] };
    zones.between = [
      constant(0),
      constant(5_000),
      constant(9_000),
      constant(5_000),
      constant(0),
      constant(7_000),
      constant(9_000),
      constant(7_000),
      constant(0),
    ];
    const net = network({ delay: constant(100), loss: 0, zones }, 4);
    expect([net.arrival(0, 1, 0), net.arrival(0, 2, 0), net.arrival(2, 0, 0), net.arrival(3, 0, 0), net.arrival(2, 3, 0)]).toEqual([
      100, 5_000, 5_000, 9_000, 7_000,
    ]);
  });

  it('adding zones leaves the draws within a zone where they were (each pair has its own stream)', () => {
    const lan = { dist: 'lognormal' as const, median: 500, p99: 2000 };
    const flat = network({ delay: lan, loss: 0 }, 4);
    const zoned = network(
      { delay: lan, loss: 0, zones: { names: ['a', 'b'], of: [0, 0, 1, 1], between: [lan, constant(3_000), constant(3_000), lan] } },
      4,
    );
    const within: number[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = i * 10_000;
      expected.push(flat.arrival(0, 1, t) - t);
      zoned.arrival(0, 2, t); // a cross-zone message in between draws from a-b's stream
      within.push(zoned.arrival(0, 1, t) - t);
    }
    expect(within).toEqual(expected);
  });
});

const base = (arch: string, network: string) => `
seed: 3
duration: 8s
warmup: 1s
architecture: ${arch}
network: ${network}
workload: { arrival: { kind: poisson, rate: 400/s }, writes: 1, timeout: 300ms, retries: { max: 3, backoff: 20ms } }
faults: [{ at: 3s, crash: "zone:a", recoverAfter: 3s }]
`;

function run(text: string): RunResult {
  return runOnce(parseScenarioText(text, 'zones.yaml').runs[0], 0).result;
}

/** Completed requests per second over [fromMs, toMs). */
function throughput(r: RunResult, fromMs: number, toMs: number): number {
  const rows = r.timeseries.filter((b) => (b.t_ms as number) >= fromMs && (b.t_ms as number) < toMs);
  return rows.reduce((s, b) => s + (b.throughput_ops_s as number), 0) / rows.length;
}

describe('a zone outage', () => {
  it('five nodes over three zones keep a majority and keep serving; three over two zones stop', () => {
    const five = run(base('{ kind: raft-group, nodes: 5 }', '{ preset: three-az, zones: 3 }'));
    const three = run(base('{ kind: raft-group, nodes: 3 }', '{ preset: three-az, zones: 2 }'));
    // from 1 s after the outage began (past any failover) to its end
    expect(throughput(five, 4000, 6000)).toBeGreaterThan(0.9 * 400);
    expect(throughput(three, 4000, 6000)).toBe(0);
    expect(five.faults[0].label).toBe('crash zone a (nodes 0, 3)');
    expect(three.faults[0].label).toBe('crash zone a (nodes 0, 2)');
    // and the three-node group recovers when the zone returns
    expect(throughput(three, 7000, 8000)).toBeGreaterThan(0.9 * 400);
  });

  it('a commit across regions waits for a round trip to the nearest majority', () => {
    // a = [0, 1], b = [2, 3], c = [4]; a-b 20 ms one way, a-c 30 ms, b-c 40 ms: the fastest
    // majority (3 of 5) of any leader is its zone mate plus a node 40 ms of round trip away
    const regions = `{ delay: { dist: constant, value: 100us }, zones: { a: [0, 1], b: [2, 3], c: [4] },
      between: { a-b: { dist: constant, value: 20ms }, a-c: { dist: constant, value: 30ms }, b-c: { dist: constant, value: 40ms } } }`;
    const r = run(
      base('{ kind: raft-group, nodes: 5, electionTimeout: [500ms, 1s], heartbeat: 100ms }', regions).replace(/faults: .*/, ''),
    );
    const p50 = r.summary.latency_p50_ms as number;
    expect(p50).toBeGreaterThanOrEqual(40);
    // at most: forwarded from the farthest region (2 × 40 ms) plus the slowest leader's majority (60 ms)
    expect(p50).toBeLessThan(150);
  });
});
