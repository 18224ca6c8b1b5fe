// `sharded-raft`: S shards, each a Raft group of R replicas, spread over N nodes.
import { RAFT_MESSAGE_KINDS, type RaftMessage } from '../../protocols/raft/index.js';
import type { RaftOptions } from '../../scenario/scenario.js';
import { electionEvents, firstElection, raftCommitLatency, raftGroupEvents } from '../cost-model.js';
import { defineKind, type CpuCosts, type ModelCosts } from '../kind.js';
import { checkGroupMembers, withVoters } from '../raft-members.js';
import { buildShardedRaft } from './sharded-raft.js';

export interface ShardedRaftSpec extends RaftOptions {
  kind: 'sharded-raft';
  nodes: number;
  shards: number;
  replication: number;
}

export const shardedRaft = defineKind<ShardedRaftSpec, RaftMessage>()({
  kind: 'sharded-raft',
  summary: 'S shards, each a Raft group of R replicas, spread over the N nodes',
  schema: (k) => ({
    shards: k.intIn(1, 100_000).optional().describe('Raft groups the keys are hashed to; default: one shard per node'),
    replication: k.intIn(1, k.MAX_NODES).optional().describe('replicas of each shard, on consecutive nodes; default: 3, or nodes if fewer'),
    ...k.raft,
  }),
  resolve: (parsed) => {
    const replication = parsed.replication ?? Math.min(3, parsed.nodes);
    return withVoters({ ...parsed, shards: parsed.shards ?? parsed.nodes, replication }, replication);
  },
  check(spec, report) {
    if (spec.replication > spec.nodes)
      report('replication', `must be at most nodes (${spec.nodes}): a shard keeps each replica on its own node (got ${spec.replication})`);
    if (spec.relays !== undefined)
      report(
        'relays',
        `relays are built for raft-group only: a sharded-raft group of ${spec.replication} has few followers to relay to (got ${spec.relays})`,
      );
    checkGroupMembers(spec, spec.replication, report);
  },
  leaderGroups: (spec) => spec.shards,
  shards: (spec) => spec.shards,
  cost: {
    nodeEvents: shardedEvents,
    innerLatency: (spec, c) => raftCommitLatency(spec.replication, c),
    refusesOverload: (spec) => spec.maxPending > 0,
    startupEvents: (spec) => spec.shards * electionEvents(spec.replication),
    leaderlessAtBoot: firstElection,
    // a node holds about shards × replication / nodes replicas, each of which may elect
    faultEvents: (spec) => Math.max(1, (spec.shards * spec.replication) / spec.nodes) * electionEvents(spec.replication),
    replicas: (spec) => spec.shards * spec.replication,
  },
  capacity: shardedCapacity,
  messageKinds: RAFT_MESSAGE_KINDS,
  build: buildShardedRaft,
});

/** The smallest over nodes of what its own CPU allows, with writes spread evenly over shards:
 *  node j leads L_j shards and follows F_j, so per write it spends
 *  (L_j·(service + (R−1)·perEntry) + F_j·perEntry)/S, and on heartbeats
 *  (2(R−1)·L_j + 2·F_j)·perMessage/heartbeat. Shard s is on nodes s, s+1, …, s+R−1 (mod N), led
 *  by node s (sharded-raft.ts). */
function shardedCapacity(spec: ShardedRaftSpec, c: CpuCosts): number {
  const { nodes, shards, replication } = spec;
  const leads = new Float64Array(nodes);
  const follows = new Float64Array(nodes);
  for (let s = 0; s < shards; s++) {
    leads[s % nodes]++;
    for (let k = 1; k < replication; k++) follows[(s + k) % nodes]++;
  }
  let bound = Infinity;
  for (let j = 0; j < nodes; j++) {
    const perWrite = (leads[j] * (c.service + (replication - 1) * c.perEntry) + follows[j] * c.perEntry) / shards;
    if (perWrite === 0) continue;
    const heartbeats = ((2 * (replication - 1) * leads[j] + 2 * follows[j]) * c.perMessage) / spec.heartbeat;
    bound = Math.min(bound, Math.max(0, 1 - heartbeats) / (perWrite / 1e6));
  }
  return bound;
}

/** Events a second of every shard's group: node j leads about shards/nodes groups and follows
 *  (replication − 1) times as many; its one CPU serves its share of the ops and every round of
 *  all of them, so each group batches with what is left. */
function shardedEvents(spec: ShardedRaftSpec, c: ModelCosts, served: number): number {
  const led = spec.shards / spec.nodes;
  const followers = spec.replication - 1;
  const busy = (served / Math.min(spec.shards, spec.nodes)) * (c.service + followers * c.perEntry) * 1e-6;
  const hearts = (4 * led * followers * c.perMessage) / Math.max(1, spec.heartbeat);
  const free = Math.max(0, 1 - busy - hearts);
  const cpuRounds = (free * 1e6) / Math.max(1e-9, 4 * Math.max(1, led) * followers * c.perMessage);
  return spec.shards * raftGroupEvents(spec.replication, served / spec.shards, cpuRounds, c, spec);
}
