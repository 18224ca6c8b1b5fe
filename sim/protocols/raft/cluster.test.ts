// Whole groups in the test cluster: elections, replication under crashes and partitions, and
// the checks (one leader per term, committed entries never change, acknowledged writes kept,
// no stale reads). The last test breaks the protocol on purpose and requires the checks to fail.
import { describe, expect, it } from 'vitest';
import type { ClusterConfig } from '../../../test/raft/cluster.js';
import { Cluster } from '../../../test/raft/cluster.js';
import { TestClients } from '../../../test/raft/clients.js';

const S = 1_000_000;

function world(cfg: ClusterConfig): { c: Cluster; clients: TestClients } {
  const c = new Cluster(cfg);
  return { c, clients: new TestClients(c, cfg.seed) };
}

/** Heals everything, restarts every node, lets the group settle, then checks durability. */
function settle(c: Cluster, clients: TestClients, at: number): void {
  c.runUntil(at);
  c.heal();
  c.nodes.forEach((_, i) => c.restart(i));
  c.runUntil(at + 3 * S);
  clients.checkDurability();
}

describe('raft group in the test cluster', () => {
  for (const n of [3, 5, 7]) {
    it(`elects one leader and replicates writes with ${n} nodes`, () => {
      const { c, clients } = world({ nodes: n, seed: `steady-${n}` });
      clients.load(500_000, 3 * S, 300);
      settle(c, clients, 3 * S);
      expect(c.violations).toEqual([]);
      expect(c.leader()).toBeGreaterThanOrEqual(0);
      expect(clients.acked.size).toBeGreaterThan(500);
      const logs = c.nodes.map((node) => node.committedOps());
      for (const log of logs) expect(log).toEqual(logs[0]);
    });

    it(`survives leader crashes and partitions with ${n} nodes`, () => {
      const { c, clients } = world({ nodes: n, seed: `faults-${n}`, options: { preVote: true, checkQuorum: true } });
      clients.load(300_000, 6 * S, 200);
      c.at(1 * S, () => c.crash(c.leader()));
      c.at(2 * S, () => c.restart(0));
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

  it('serves lease reads without stale results across a leader change', () => {
    const { c, clients } = world({ nodes: 5, seed: 'lease', options: { leaseReads: true, checkQuorum: true } });
    clients.load(300_000, 5 * S, 400);
    c.at(2 * S, () => {
      const l = c.leader();
      c.partition([[l], c.nodes.map((_, i) => i).filter((i) => i !== l)]);
    });
    c.at(3.5 * S, () => c.heal());
    settle(c, clients, 5 * S);
    expect(c.violations).toEqual([]);
    expect(clients.okReads).toBeGreaterThan(300);
  });

  it('works with synchronous persistence, loss and a slow disk', () => {
    for (const fsync of ['sync', [2_000, 20_000]] as const) {
      const { c, clients } = world({ nodes: 5, seed: `disk-${String(fsync)}`, fsync: fsync === 'sync' ? 'sync' : [...fsync], loss: 0.02 });
      clients.load(300_000, 4 * S, 300);
      c.at(2 * S, () => c.crash(c.leader()));
      settle(c, clients, 4 * S);
      expect(c.violations).toEqual([]);
      expect(clients.acked.size).toBeGreaterThan(400);
    }
  });

  it('catches a protocol that commits without a majority', () => {
    const { c, clients } = world({ nodes: 5, seed: 'unsafe', unsafe: { commitWithoutMajority: true } });
    clients.load(300_000, 4 * S, 300);
    c.at(1.5 * S, () => {
      const l = c.leader();
      c.partition([[l], c.nodes.map((_, i) => i).filter((i) => i !== l)]);
    });
    c.at(3 * S, () => c.heal());
    settle(c, clients, 4 * S);
    expect(c.violations.length).toBeGreaterThan(0);
  });
});
