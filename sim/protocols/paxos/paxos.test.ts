// Whole multi-paxos groups in the protocol test world: phase 1 and phase 2 under load, crashes,
// restarts and partitions, with flexible quorums; the engine's checker (one leader per ballot,
// one value per slot at every node) and the clients' durability check must hold throughout.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../test/raft/cluster.js';
import type { TestClients } from '../../../test/raft/clients.js';
import { paxosWorld } from '../../../test/paxos/protocol.js';
import { ballotRound, nextBallot } from './ballot.js';
import type { PaxosNode } from './paxos-node.js';

const S = 1_000_000;

function settle(c: Cluster<PaxosNode>, clients: TestClients<PaxosNode>, at: number): void {
  c.runUntil(at);
  c.heal();
  c.nodes.forEach((_, i) => c.restart(i));
  c.runUntil(at + 3 * S);
  clients.checkDurability();
}

describe('ballots', () => {
  it('are unique per node and start the round after the one seen', () => {
    expect(nextBallot(0, 2, 5)).toBe(7);
    expect(nextBallot(0, 0, 5)).toBe(5);
    expect(nextBallot(7, 2, 5)).toBe(12);
    expect(nextBallot(7, 4, 5)).toBe(14);
    expect(nextBallot(14, 0, 5)).toBe(15);
    expect(ballotRound(14, 5)).toBe(2);
  });
});

describe('multi-paxos group in the test cluster', () => {
  for (const [n, q1, q2] of [
    [3, 2, 2],
    [5, 3, 3],
    [10, 8, 3],
    [10, 3, 8],
  ]) {
    it(`elects one leader and chooses writes with ${n} nodes, quorums ${q1}/${q2}`, () => {
      const { c, clients } = paxosWorld({ nodes: n, seed: `steady-${n}-${q1}` }, { quorums: { phase1: q1, phase2: q2 } });
      clients.load(500_000, 3 * S, 300);
      settle(c, clients, 3 * S);
      expect(c.violations).toEqual([]);
      expect(c.leader()).toBeGreaterThanOrEqual(0);
      expect(clients.acked.size).toBeGreaterThan(500);
      const logs = c.nodes.map((node) => node.committedOps());
      for (const log of logs) expect(log).toEqual(logs[0]);
    });

    it(`survives leader crashes, restarts and partitions with ${n} nodes, quorums ${q1}/${q2}`, () => {
      const { c, clients } = paxosWorld({ nodes: n, seed: `faults-${n}-${q1}` }, { quorums: { phase1: q1, phase2: q2 } });
      clients.load(300_000, 6 * S, 200);
      c.at(1 * S, () => c.crash(c.leader()));
      c.at(2 * S, () => c.nodes.forEach((_, i) => c.restart(i)));
      c.at(2.5 * S, () => {
        const l = c.leader();
        c.partition([[l], c.nodes.map((_, i) => i).filter((i) => i !== l)]);
      });
      c.at(4 * S, () => c.heal());
      settle(c, clients, 6 * S);
      expect(c.violations).toEqual([]);
      expect(clients.acked.size).toBeGreaterThan(500);
    });
  }

  it('a leader cut off from a phase-2 quorum steps down, and the rest elect another', () => {
    const { c } = paxosWorld({ nodes: 5, seed: 'cut' });
    c.runUntil(1 * S);
    const old = c.leader();
    expect(old).toBeGreaterThanOrEqual(0);
    c.partition([[old], c.nodes.map((_, i) => i).filter((i) => i !== old)]);
    c.runUntil(2 * S);
    expect(c.nodes[old].status().role).not.toBe('leader');
    expect(c.leader()).not.toBe(old);
    expect(c.leader()).toBeGreaterThanOrEqual(0);
  });

  it('with phase 1 of 8 of 10, no leader is elected once only 7 nodes are up, and acknowledged writes stay', () => {
    const { c, clients } = paxosWorld({ nodes: 10, seed: 'no-quorum' }, { quorums: { phase1: 8, phase2: 3 } });
    clients.load(200_000, 4 * S, 200);
    for (const at of [1, 1.5, 2]) c.at(at * S, () => c.crash(c.leader()));
    c.runUntil(2.6 * S);
    const acked = clients.acked.size;
    c.runUntil(4 * S);
    expect(c.leader()).toBe(-1);
    expect(clients.acked.size).toBe(acked);
    clients.checkDurability();
    expect(c.violations).toEqual([]);
  });
});
