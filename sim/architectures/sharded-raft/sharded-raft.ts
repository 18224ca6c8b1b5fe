// `sharded-raft`: S shards, each its own Raft group of `replication` replicas, placed on N
// nodes; keys hash to shards. Shard s lives on nodes s, s+1, …, s+R−1 (mod N), so every node
// holds about S·R/N replicas; node s is shard s's preferred leader (it stands first after
// boot), so leaders spread evenly and each node leads about S/N shards. A node crash
// fails over every shard leader it held, at once; heartbeats and elections of all its groups
// share its one CPU and one disk.
import { ShardedRaftNode } from '../../protocols/multiraft/sharded-node.js';
import { committedWritesOf, type RaftReplica } from '../../protocols/raft/index.js';
import { defineArchitecture, type Architecture, type BuildContext } from '../architecture.js';
import { leaderRouting, votersOf } from '../leader-hint.js';
import type { ShardedRaftSpec as Spec } from './kind.js';

/** A key's shard: a multiplicative hash, so neighbouring keys spread over shards. */
export function shardOfKey(key: number, shards: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 0) % shards;
}

export function placement(shards: number, replication: number, nodes: number): number[][] {
  return Array.from({ length: shards }, (_, s) => Array.from({ length: replication }, (_, j) => (s + j) % nodes));
}

export const buildShardedRaft = (spec: Spec, ctx: BuildContext): Architecture => {
  const layout = placement(spec.shards, spec.replication, spec.nodes);
  const shardOf = (key: number) => shardOfKey(key, spec.shards);
  const nodes = Array.from({ length: spec.nodes }, (_, id) => new ShardedRaftNode(id, layout, spec, shardOf));
  return defineArchitecture({
    nodes,
    groups: layout,
    promisesDurability: true,
    versionedReads: true,
    ...leaderRouting(
      votersOf(layout, spec.learners),
      ctx.stream('clients'),
      shardOf,
      spec.followerReads === undefined ? undefined : { members: layout, rng: ctx.stream('follower-reads') },
    ),
    committedWrites: () => {
      const all = new Set<number>();
      layout.forEach((members, shard) => {
        const replicas = members.map((node) => nodes[node].replicas[shard]).filter((r): r is RaftReplica => r !== undefined); // every member holds one
        for (const op of committedWritesOf(replicas)) all.add(op);
      });
      return all;
    },
    replicasOf: (node) => nodes[node].replicas,
  });
};
