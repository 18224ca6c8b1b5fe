// coordinator through the real engine (runOnce), from first principles:
// - At batch 1 every request costs the coordinator a lease request and a grant (perMessage
//   each) plus an allocation entry replicated to N − 1 followers (an AppendEntries and its
//   answer each): about 20 + 7 × 22 µs at N = 8, besides its own clients. Its CPU fills up
//   long before the fleet's: the coordinator is the bottleneck.
// - Leasing 100 IDs per call divides that by 100: the fleet scales with N again, close to a
//   stateless fleet behind the same balancer.
// - When the coordinator fails, servers with no IDs left wait for a new one (an election);
//   blocks that outlast the election hide it.
// - IDs are unique: every block is granted from a committed log index, across failovers.
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../architecture.js';
import { buildCoordinator } from './coordinator.js';
import { runOnce, type RunOutput } from '../../engine/run.js';
import type { Message } from '../../protocols/node.js';
import { ReplyStatus } from '../../protocols/node.js';
import type { LeaseGrant } from '../../protocols/elected/lease-messages.js';
import type { ArchitectureSpec, ArrivalSpec, FaultSpec, RunSpec, Scenario } from '../../scenario/scenario.js';
import { LAN, lb, loadRun, noiseGapMs, type LoadSetup } from '../../../test/fixtures/scenario.js';

const MS = 1000;
const S = 1_000_000;

type CoordinatorSpec = Extract<ArchitectureSpec, { kind: 'coordinator' }>;

function coordinator(nodes: number, batch: number): CoordinatorSpec {
  return { kind: 'coordinator', nodes, purpose: 'ids', batch, electionTimeout: [150 * MS, 300 * MS], heartbeat: 50 * MS };
}

/** The shared load run; without a network given, no delay. */
function run(architecture: ArchitectureSpec, setup: Omit<LoadSetup, 'network'> & { network?: Scenario['network'] }): RunSpec {
  return loadRun(architecture, { ...setup, network: setup.network ?? { delay: { dist: 'constant', value: 0 }, loss: 0 } });
}

const num = (cell: unknown) => cell as number;
const summary = (spec: RunSpec) => runOnce(spec, 0).result.summary;

describe('coordinator: the bottleneck and the lease that removes it', () => {
  // 20 closed-loop clients per node thinking 2 ms: C/Z = μ per node, the fleet near saturation
  const load = (nodes: number): ArrivalSpec => ({ kind: 'closed', clients: 20 * nodes, think: 2 * MS });
  const throughput = (spec: ArchitectureSpec, nodes: number) => num(summary(run(spec, { arrival: load(nodes) })).throughput_ops_s);
  const fleet = new Map([3, 8].map((n) => [n, throughput(lb(n), n)]));

  it('batch 1: the coordinator saturates; the fleet serves a fraction of a stateless one and hardly grows with N', () => {
    const s = summary(run(coordinator(8, 1), { arrival: load(8) }));
    expect(num(s.leader_utilization)).toBeGreaterThan(0.9);
    expect(num(s.throughput_ops_s)).toBeLessThan((fleet.get(8) as number) / 3);
    expect(num(s.mean_utilization)).toBeLessThan(0.5); // the others wait for it
    expect(num(s.throughput_ops_s)).toBeLessThan(1.5 * throughput(coordinator(3, 1), 3));
  });

  it('batch 100: throughput scales with N, at least 80% of stateless-lb at N = 3 and N = 8', () => {
    for (const nodes of [3, 8]) {
      expect(throughput(coordinator(nodes, 100), nodes), `N=${nodes}`).toBeGreaterThanOrEqual(0.8 * (fleet.get(nodes) as number));
    }
  });
});

/** Builds the coordinator and records every grant a server receives and every ID a client gets. */
function observed(spec: RunSpec, trial: number): { out: RunOutput; grants: LeaseGrant[]; ids: number[] } {
  const grants: LeaseGrant[] = [];
  const ids: number[] = [];
  const out = runOnce(spec, trial, {
    build: (ctx) => {
      const arch: Architecture = buildCoordinator(spec.scenario.architecture as CoordinatorSpec, ctx);
      for (const node of arch.nodes) {
        const message = node.message.bind(node);
        node.message = (now, from, msg: Message, o) => {
          if (msg.type === 'LeaseGrant') grants.push(msg as LeaseGrant);
          message(now, from, msg, o);
        };
      }
      const attemptEnded = arch.attemptEnded;
      return {
        ...arch,
        attemptEnded: (now, node, status, value, key, session, write) => {
          if (status === ReplyStatus.Ok) ids.push(value);
          attemptEnded(now, node, status, value, key, session, write);
        },
      };
    },
  });
  return { out, grants, ids };
}

function expectDisjoint(grants: LeaseGrant[]): void {
  const blocks = grants.map((g) => [g.start, g.start + g.count]).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < blocks.length; i++) expect(blocks[i][0], `block ${i}`).toBeGreaterThanOrEqual(blocks[i - 1][1]);
}

describe('coordinator: every ID is granted once', () => {
  const faults: FaultSpec[] = [
    { type: 'crash', at: 1500 * MS, target: 'leader', recoverAfter: 1 * S },
    { type: 'crash', at: 3 * S, target: 'leader', recoverAfter: 500 * MS },
  ];
  for (const batch of [1, 100]) {
    it(`batch ${batch}: grants never overlap and no client gets an ID twice, across two coordinator crashes`, () => {
      const spec = run(coordinator(5, batch), {
        arrival: { kind: 'poisson', ratePerSecond: 3000 },
        faults,
        network: { ...LAN, loss: 0.01 },
      });
      for (const trial of [0, 1, 2]) {
        const { out, grants, ids } = observed(spec, trial);
        expect(out.result.violations).toEqual([]);
        expect(out.result.failovers).toHaveLength(2);
        expect(grants.length).toBeGreaterThan(ids.length / batch / 2);
        expectDisjoint(grants);
        expect(new Set(ids).size).toBe(ids.length);
      }
    });
  }
});

describe('coordinator: the stall while a new coordinator is elected', () => {
  const crash: FaultSpec[] = [{ type: 'crash', at: 2 * S, target: 'leader' }];
  const stall = (batch: number, trial: number) =>
    runOnce(
      run(coordinator(5, batch), { arrival: { kind: 'poisson', ratePerSecond: 3000 }, faults: crash, bucket: 10 * MS, network: LAN }),
      trial,
    ).result;

  it('batch 1: every server waits for the election — one failover of 100–400 ms, service stops meanwhile', () => {
    for (const trial of [0, 1, 2, 3, 4]) {
      const r = stall(1, trial);
      expect(r.failovers).toHaveLength(1);
      const f = r.failovers[0];
      expect(num(f.failover_ms), `trial ${trial}`).toBeGreaterThanOrEqual(100);
      expect(num(f.failover_ms), `trial ${trial}`).toBeLessThanOrEqual(400);
      // servers learn the new coordinator from its first heartbeat and ask it at once
      expect(num(f.first_commit_at_ms) - num(f.elected_at_ms), `trial ${trial}`).toBeLessThan(20);
      expect(num(r.summary.unavailable_ms), `trial ${trial}`).toBeGreaterThanOrEqual(0.5 * num(f.failover_ms));
    }
  });

  it('blocks that outlast the election hide it: no stretch without a success beyond the traffic’s own', () => {
    for (const trial of [0, 1, 2, 3, 4]) {
      const r = stall(100_000, trial);
      expect(num(r.summary.unavailable_ms), `trial ${trial}`).toBeLessThan(noiseGapMs(3000, 10)); // 10 s: longer than the run
    }
  });
});

describe('coordinator: determinism', () => {
  it('same scenario and seed, same results', () => {
    const spec = run(coordinator(5, 10), {
      arrival: { kind: 'poisson', ratePerSecond: 3000 },
      faults: [{ type: 'crash', at: 2 * S, target: 'leader', recoverAfter: 1 * S }],
      network: { ...LAN, loss: 0.01 },
    });
    expect(JSON.stringify(runOnce(spec, 1).result)).toBe(JSON.stringify(runOnce(spec, 1).result));
  });
});
