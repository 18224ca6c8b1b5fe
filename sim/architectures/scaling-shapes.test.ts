// The comparison against first principles, on small N: with the same CPU per node and a
// closed-loop load that keeps every architecture busy, throughput of a stateless fleet grows
// linearly with N, sharded Raft grows with its shards, and one Raft group does not grow —
// its leader does the work of the whole group and, as N grows, more of it is replication.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import { LAN, lb, load, makeRun, raft } from '../../test/fixtures/scenario.js';

function throughput(architecture: ArchitectureSpec): number {
  const run = makeRun({
    architecture,
    duration: 3_000_000,
    warmup: 1_000_000,
    network: LAN,
    cpu: { service: { dist: 'exponential', mean: 1000 }, perMessage: 10, perEntry: 2 },
    workload: load({
      clients: 40 * architecture.nodes,
      think: 0,
      writes: 0.5,
      keys: 10_000,
      timeout: 30_000_000,
      retries: 0,
      backoff: 50_000, // a client turned away (busy) waits this long
    }),
  });
  const { result } = runOnce(run, 0);
  expect(result.violations).toEqual([]);
  return result.summary.throughput_ops_s as number;
}

const shards = (nodes: number): ArchitectureSpec => ({ ...raft(nodes), kind: 'sharded-raft', shards: nodes, replication: 3 });

describe('scaling shapes (1 ms of CPU per request, every node saturated)', () => {
  it('stateless-lb grows linearly: N nodes serve N × 1000 requests/s', () => {
    for (const n of [3, 6, 12]) expect(throughput(lb(n, 'least-outstanding')) / (n * 1000)).toBeGreaterThan(0.95);
  });

  it('sharded-raft grows with the number of shards', () => {
    const [t3, t6, t12] = [3, 6, 12].map((n) => throughput(shards(n)));
    expect(t6 / t3).toBeGreaterThan(1.7);
    expect(t12 / t6).toBeGreaterThan(1.7);
  });

  it('one raft-group stays at one leader’s capacity and falls as N grows', () => {
    const [t3, t9, t45] = [3, 9, 45].map((n) => throughput(raft(n)));
    // one node's capacity is 1000/s; the leader also pays for replication
    expect(t3).toBeGreaterThan(850);
    expect(t3).toBeLessThan(1050);
    expect(t9).toBeLessThan(t3);
    expect(t45).toBeLessThan(0.9 * t9);
  });
});
