// Property tests: random crash, restart and partition schedules over groups of 3 to 7 with
// random intersecting (Flexible Paxos) quorums; every check must hold for every schedule. The
// same property must fail for quorums that do not intersect (phase1 + phase2 ≤ nodes): two
// leaders then choose different values for one slot — proof that the checks can catch it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paxosWorld } from '../../../test/paxos/protocol.js';
import type { Cluster } from '../../../test/raft/cluster.js';
import type { PaxosNode } from './paxos-node.js';

const S = 1_000_000;
const END = 4 * S;

type Action = { kind: 'crash' | 'restart'; node: number } | { kind: 'crash-leader' | 'heal' } | { kind: 'partition'; mask: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constantFrom('crash' as const, 'restart' as const), node: fc.nat(6) }),
  fc.record({ kind: fc.constantFrom('crash-leader' as const, 'heal' as const) }),
  fc.record({ kind: fc.constant('partition' as const), mask: fc.nat(127) }),
);

const scenario = fc.record({
  nodes: fc.constantFrom(3, 5, 7),
  /** phase 1's share of the nodes; phase 2 takes the rest plus one (or, broken, exactly the rest). */
  split: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.nat(),
  schedule: fc.array(fc.record({ at: fc.integer({ min: 200_000, max: END }), action }), { maxLength: 10 }),
  pipeline: fc.integer({ min: 1, max: 4 }),
  maxBatch: fc.integer({ min: 1, max: 8 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function apply(c: Cluster<PaxosNode>, a: Action): void {
  const n = c.nodes.length;
  const leader = c.leader();
  if (a.kind === 'crash') c.crash(a.node % n);
  else if (a.kind === 'restart') c.restart(a.node % n);
  else if (a.kind === 'crash-leader') {
    if (leader >= 0) c.crash(leader);
  } else if (a.kind === 'heal') c.heal();
  else if (a.kind === 'partition') {
    const side = c.nodes.map((_, i) => (a.mask >> i) & 1);
    c.partition([c.nodes.map((_, i) => i).filter((i) => side[i] === 1)]);
  }
}

/** Quorum sizes in 1..n: intersecting (phase1 + phase2 = n + 1), or broken (= n). */
function quorums(n: number, split: number, broken: boolean): { phase1: number; phase2: number } {
  const phase1 = Math.min(n, 1 + Math.floor(split * n));
  const phase2 = Math.max(1, n + (broken ? 0 : 1) - phase1);
  return { phase1, phase2 };
}

/** Runs one schedule with client load, then heals, restarts and settles; returns the violations. */
function violations(s: Scenario, broken: boolean): string[] {
  const { nodes, seed, schedule, split, pipeline, maxBatch } = s;
  const { c, clients } = paxosWorld(
    { nodes, seed: String(seed), loss: 0.01 },
    { quorums: quorums(nodes, split, broken), pipeline, maxBatch },
  );
  clients.load(100_000, END, 150);
  for (const { at, action: a } of schedule) c.at(at, () => apply(c, a));
  c.runUntil(END);
  c.heal();
  c.nodes.forEach((_, i) => c.restart(i));
  c.runUntil(END + 3 * S);
  clients.checkDurability();
  return c.violations;
}

describe('multi-paxos under random fault schedules', () => {
  it('keeps every invariant with intersecting quorums', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(violations(s, false)).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('finds a schedule that breaks quorums that do not intersect', () => {
    const result = fc.check(
      fc.property(scenario, (s) => violations(s, true).length === 0),
      { numRuns: 60, seed: 7 },
    );
    expect(result.failed).toBe(true);
    const found = result.counterexample === null ? [] : violations(result.counterexample[0], true);
    expect(found.some((v) => v.startsWith('committed-entries-never-change'))).toBe(true); // two values in one slot
  });
});
