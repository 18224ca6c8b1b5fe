// Property tests: random crash, restart and partition schedules over 3- and 5-node groups with
// random protocol options; the checks must hold for every schedule. And the same property
// must fail for the deliberately broken protocol — proof that it can.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../test/raft/cluster.js';
import { TestClients } from '../../../test/raft/clients.js';

const S = 1_000_000;
const END = 4 * S;

type Action = { kind: 'crash' | 'restart'; node: number } | { kind: 'crash-leader' | 'heal' } | { kind: 'partition'; mask: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constantFrom('crash' as const, 'restart' as const), node: fc.nat(6) }),
  fc.record({ kind: fc.constantFrom('crash-leader' as const, 'heal' as const) }),
  fc.record({ kind: fc.constant('partition' as const), mask: fc.nat(127) }),
);

const scenario = fc.record({
  nodes: fc.constantFrom(3, 5),
  seed: fc.nat(),
  schedule: fc.array(fc.record({ at: fc.integer({ min: 200_000, max: END }), action }), { maxLength: 10 }),
  preVote: fc.boolean(),
  checkQuorum: fc.boolean(),
  leaseReads: fc.boolean(),
  pipeline: fc.integer({ min: 1, max: 4 }),
  maxBatch: fc.integer({ min: 1, max: 8 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function apply(c: Cluster, a: Action): void {
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

/** Runs one schedule with client load, then heals, restarts and settles; returns the violations. */
function violations(s: Scenario, unsafe: boolean): string[] {
  const { nodes, seed, schedule, ...options } = s;
  const c = new Cluster({ nodes, seed: String(seed), options, unsafe: { commitWithoutMajority: unsafe }, loss: 0.01 });
  const clients = new TestClients(c, String(seed));
  clients.load(100_000, END, 150);
  for (const { at, action: a } of schedule) c.at(at, () => apply(c, a));
  c.runUntil(END);
  c.heal();
  c.nodes.forEach((_, i) => c.restart(i));
  c.runUntil(END + 3 * S);
  clients.checkDurability();
  return c.violations;
}

describe('raft under random fault schedules', () => {
  it('keeps every invariant', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(violations(s, false)).toEqual([]);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('finds a schedule that breaks the unsafe protocol', () => {
    const result = fc.check(
      fc.property(scenario, (s) => violations(s, true).length === 0),
      { numRuns: 60, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });
});
