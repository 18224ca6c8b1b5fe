// Random fault schedules for the protocol property tests (Raft and multi-paxos alike): crashes,
// restarts, leader crashes, heals and partitions at random times, under client load, then a
// heal, a restart of every node and time to settle.
import fc from 'fast-check';
import type { Cluster, TestNode } from './raft/cluster.js';
import type { TestClients } from './raft/clients.js';

export const S = 1_000_000;
export const END = 4 * S;

type Action = { kind: 'crash' | 'restart'; node: number } | { kind: 'crash-leader' | 'heal' } | { kind: 'partition'; mask: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constantFrom('crash' as const, 'restart' as const), node: fc.nat(6) }),
  fc.record({ kind: fc.constantFrom('crash-leader' as const, 'heal' as const) }),
  fc.record({ kind: fc.constant('partition' as const), mask: fc.nat(127) }),
);

/** Up to 10 faults between 200 ms and END, on groups of up to 7 nodes. */
export const schedule = fc.array(fc.record({ at: fc.integer({ min: 200_000, max: END }), action }), { maxLength: 10 });
export type Schedule = typeof schedule extends fc.Arbitrary<infer T> ? T : never;

function apply<N extends TestNode>(c: Cluster<N>, a: Action): void {
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

/** Runs `faults` with client load, then heals, restarts and settles; returns the violations. */
export function violationsUnder<N extends TestNode>(c: Cluster<N>, clients: TestClients<N>, faults: Schedule): string[] {
  clients.load(100_000, END, 150);
  for (const { at, action: a } of faults) c.at(at, () => apply(c, a));
  c.runUntil(END);
  c.heal();
  c.nodes.forEach((_, i) => c.restart(i));
  c.runUntil(END + 3 * S);
  clients.checkDurability();
  return c.violations;
}
