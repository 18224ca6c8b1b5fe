// active-passive through the real engine (runOnce), from first principles:
// - Only the leader serves, so the group's capacity is one node's, whatever N: at twice that
//   load throughput stays at μ = 1/service, the leader's CPU is full and the N−1 others idle —
//   mean_utilization ≈ leader_utilization / N. A stateless fleet of N serves N·μ.
// - Losing the leader stops service until a follower's election timeout runs out and it wins:
//   with 150–300 ms timeouts and 50 ms heartbeats, between 100 ms and about 300 ms.
//
// The overload is closed-loop: C clients thinking Z offer at most C/Z. An open-loop overload
// would grow the leader's FIFO CPU queue without bound; heartbeats would wait behind it and
// the followers would depose the leader again and again — a different experiment.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../engine/run.js';
import type { RunResult } from '../../metrics/run-result.js';
import type { ArchitectureSpec, ArrivalSpec, FaultSpec, RunSpec, Scenario } from '../../scenario/scenario.js';
import { LAN, lb, loadRun, noiseGapMs, type LoadSetup } from '../../../test/fixtures/scenario.js';

const MS = 1000;
const S = 1_000_000;
/** Mean service 100 µs: one node serves μ = 10 000 requests/s. */
const CAPACITY = 10_000;
/** 40 clients per node's worth, thinking 2 ms: C/Z = 2μ per node. */
const twiceCapacityOf = (nodes: number): ArrivalSpec => ({ kind: 'closed', clients: 40 * nodes, think: 2 * MS });
/** The scaling runs leave network delay out: closed-loop clients would spend it waiting. */
const NO_DELAY: Scenario['network'] = { delay: { dist: 'constant', value: 0 }, loss: 0 };

function activePassive(nodes: number): ArchitectureSpec {
  return { kind: 'active-passive', nodes, electionTimeout: [150 * MS, 300 * MS], heartbeat: 50 * MS };
}

/** The shared load run; without a network given, a LAN. */
function run(architecture: ArchitectureSpec, setup: Omit<LoadSetup, 'network'> & { network?: Scenario['network'] }): RunSpec {
  return loadRun(architecture, { ...setup, network: setup.network ?? LAN });
}

const num = (cell: unknown) => cell as number;
const summary = (spec: RunSpec) => runOnce(spec, 0).result.summary;

describe('active-passive: one node serves, N − 1 wait', () => {
  for (const nodes of [1, 3, 6]) {
    it(`N=${nodes} at 2× one node's capacity: throughput ≈ μ, mean utilization ≈ leader's / N; stateless-lb serves N·μ`, () => {
      const ap = summary(run(activePassive(nodes), { arrival: twiceCapacityOf(1), network: NO_DELAY }));
      expect(Math.abs(num(ap.throughput_ops_s) / CAPACITY - 1)).toBeLessThan(0.1);
      expect(num(ap.leader_utilization)).toBeGreaterThan(0.95);
      expect(num(ap.mean_utilization) / (num(ap.leader_utilization) / nodes)).toBeCloseTo(1, 1);
      expect(ap.elections).toBe(0);
      // a stateless fleet at the same overload per node grows linearly with N
      const fleet = summary(run(lb(nodes), { arrival: twiceCapacityOf(nodes), network: NO_DELAY }));
      expect(Math.abs(num(fleet.throughput_ops_s) / (nodes * CAPACITY) - 1)).toBeLessThan(0.1);
    });
  }
});

describe('active-passive: losing the leader', () => {
  const poisson: ArrivalSpec = { kind: 'poisson', ratePerSecond: 2000 };
  const crash: FaultSpec[] = [{ type: 'crash', at: 2 * S, target: 'leader' }];
  const results: RunResult[] = Array.from(
    { length: 10 },
    (_, trial) => runOnce(run(activePassive(3), { arrival: poisson, faults: crash, bucket: 10 * MS }), trial).result,
  );

  it('one failover per crash, as long as an election: a new leader serves within 100–400 ms', () => {
    for (const r of results) {
      expect(r.violations).toEqual([]);
      expect(r.failovers).toHaveLength(1);
      const f = r.failovers[0];
      expect(num(f.failover_ms), `trial ${r.trial}`).toBeGreaterThanOrEqual(100);
      expect(num(f.failover_ms), `trial ${r.trial}`).toBeLessThanOrEqual(400);
      // service resumes as soon as the new leader wins: clients find it by redirects
      expect(num(f.first_commit_at_ms) - num(f.elected_at_ms), `trial ${r.trial}`).toBeLessThan(20);
    }
  });

  it('clients see the gap: nothing succeeds for most of the election', () => {
    for (const r of results) {
      expect(num(r.summary.unavailable_ms), `trial ${r.trial}`).toBeGreaterThanOrEqual(0.5 * num(r.failovers[0].failover_ms));
    }
  });

  it('a stateless fleet losing one server has no such gap: its longest stretch without a success is the traffic’s own', () => {
    const fleet = summary(run(lb(3), { arrival: poisson, faults: [{ type: 'crash', at: 2 * S, target: 0 }], bucket: 10 * MS }));
    // the failover lasts until the health check ejects the server (3 checks of 1 s)
    expect(num(fleet.unavailable_ms)).toBeLessThan(noiseGapMs(2000, 3));
  });
});

describe('active-passive: determinism', () => {
  it('same scenario and seed, same results', () => {
    const spec = run(activePassive(3), {
      arrival: { kind: 'poisson', ratePerSecond: 3000 },
      faults: [{ type: 'crash', at: 2 * S, target: 'leader', recoverAfter: 1 * S }],
    });
    expect(JSON.stringify(runOnce(spec, 3).result)).toBe(JSON.stringify(runOnce(spec, 3).result));
  });
});
