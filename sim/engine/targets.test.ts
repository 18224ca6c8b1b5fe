// Fault targets resolve through the engine's view of the cluster, and a partition opens a
// failover only for the groups whose leader it cuts off from a majority of their members.
import { describe, expect, it } from 'vitest';
import { LAN, load, makeRun, raft } from '../../test/fixtures/scenario.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import { ClusterState } from './cluster.js';
import { runOnce } from './run.js';
import { resolveSides, resolveTarget } from './targets.js';

const never = () => 0;
const ctx = (c: ClusterState) => ({ cluster: c, random: never, zoneMembers: (zone: string) => (zone === 'a' ? [0, 1] : []) });

function cluster(): ClusterState {
  const c = new ClusterState(5);
  c.declareGroups([
    [0, 1, 2, 3, 4],
    [2, 3, 4],
  ]);
  for (let n = 0; n < 5; n++) c.nodeUp(n);
  c.roleChanged(1, 0, 'leader', 4);
  c.roleChanged(3, 1, 'leader', 2);
  return c;
}

describe('fault targets', () => {
  it('resolve leader, others, shard leaders, zones and random live nodes through the cluster view', () => {
    const c = cluster();
    expect(resolveTarget('leader', ctx(c))).toEqual([1]);
    expect(resolveTarget('others', ctx(c))).toEqual([0, 2, 3, 4]);
    expect(resolveTarget({ shardLeader: 1 }, ctx(c))).toEqual([3]);
    expect(resolveTarget({ zone: 'a' }, ctx(c))).toEqual([0, 1]);
    c.nodeDown(0);
    expect(resolveTarget('random', ctx(c))).toEqual([1]);
    c.nodeDown(1); // the leader is gone: `leader` names nobody
    expect(resolveTarget('leader', ctx(c))).toEqual([]);
  });

  it('a leader named by role belongs to its own side, even where another side lists it by id', () => {
    expect(resolveSides([['leader'], [0, 1, 2]], ctx(cluster()))).toEqual([[1], [0, 2]]);
    expect(resolveSides([['leader'], ['others']], ctx(cluster()))).toEqual([[1], [0, 2, 3, 4]]);
  });

  it('a newer term takes a group over; the old leader stepping down later changes nothing', () => {
    const c = cluster();
    c.roleChanged(2, 0, 'leader', 5);
    c.roleChanged(1, 0, 'follower', 5);
    expect(c.leader).toBe(2);
    expect(c.groupsLedBy(2)).toEqual([0]);
  });
});

describe('a partition strands a leader only when it cuts it off from its group’s majority', () => {
  it('sharded-raft, 6 shards of 3 on 6 nodes, nodes 0–2 cut off: only shards 2 and 5 lose their leader', () => {
    const architecture: ArchitectureSpec = { ...raft(6), kind: 'sharded-raft', shards: 6, replication: 3 };
    const run = makeRun({
      architecture,
      duration: 2_500_000,
      warmup: 500_000,
      network: LAN,
      workload: load({ rate: 500, writes: 0.5, keys: 1000, timeout: 100_000, retries: 5, backoff: 10_000 }),
      faults: [{ type: 'partition', at: 1_500_000, groups: [[0, 1, 2]] }],
    });
    const r = runOnce(run, 0).result;
    // shard s lives on s, s+1, s+2 and is led by s: shard 2 keeps 1 of {2,3,4} on its leader's side, shard 5 1 of {5,0,1}
    expect(r.failovers).toHaveLength(2);
    expect(r.violations).toEqual([]);
  });
});
