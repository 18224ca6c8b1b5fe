// `raft-group`: one Raft group of N nodes; every request goes through its leader.
import { RAFT_MESSAGE_KINDS, RELAY_MESSAGE_KINDS, type RaftMessage, type RelayMessage } from '../../protocols/raft/index.js';
import type { RaftOptions } from '../../scenario/scenario.js';
import { leaderCapacity } from '../../metrics/capacity.js';
import {
  EVENTS_PER_MESSAGE,
  ONE_ELECTED_GROUP,
  leaderRounds,
  raftCommitLatency,
  raftGroupEvents,
  raftLeaderEvents,
} from '../cost-model.js';
import { defineKind, type ModelCosts } from '../kind.js';
import { checkGroupMembers, withVoters } from '../raft-members.js';
import { buildRaftGroup } from './raft-group.js';

export interface RaftGroupSpec extends RaftOptions {
  kind: 'raft-group';
  nodes: number;
}

export const raftGroup = defineKind<RaftGroupSpec, RaftMessage | RelayMessage>()({
  kind: 'raft-group',
  summary: 'one Raft group of N nodes; every request goes through its leader',
  schema: (k) => ({ ...k.raft }),
  resolve: (parsed) => withVoters(parsed, parsed.nodes),
  check: (spec, report) => checkGroupMembers(spec, spec.nodes, report),
  leaderGroups: () => 1,
  cost: {
    // the leader serves every op (capacity_ops_s) and replicates it, batching with what its CPU
    // leaves; with follower reads and relays, see groupEvents
    nodeEvents: (spec, c, served) =>
      spec.followerReads === undefined && spec.relays === undefined
        ? raftLeaderEvents(spec.nodes, served, c, spec)
        : groupEvents(spec, c, served),
    capacity: opsCapacity,
    innerLatency: (spec, c) => raftCommitLatency(spec.nodes, c),
    refusesOverload: (spec) => spec.maxPending > 0,
    ...ONE_ELECTED_GROUP,
  },
  // With `relays: G` the leader sends one envelope to and hears one aggregate from each group, as
  // if it had G followers; what the relays forward is theirs to pay: G in place of N−1.
  capacity: (spec, cpu) =>
    leaderCapacity(spec.relays === undefined ? spec.nodes : spec.relays + 1, cpu.service, cpu.perMessage, cpu.perEntry, spec.heartbeat),
  messageKinds: { ...RAFT_MESSAGE_KINDS, ...RELAY_MESSAGE_KINDS },
  build: (spec, ctx) => buildRaftGroup(spec, ctx),
});

/** What the leader's CPU pays per write: its service and one entry per follower it sends to
 *  (with relays, per group: what the relays forward is theirs to pay). */
const fanOut = (spec: RaftGroupSpec) => (spec.relays === undefined ? spec.nodes - 1 : spec.relays);

/** Ops a second it serves at most: with follower reads, the leader bounds the writes alone and
 *  every member's CPU the reads; otherwise capacity_ops_s. */
function opsCapacity(spec: RaftGroupSpec, c: ModelCosts): number {
  const writes = leaderCapacity(fanOut(spec) + 1, c.service, c.perMessage, c.perEntry, spec.heartbeat);
  if (spec.followerReads === undefined) return writes;
  const reads = (spec.nodes * 1e6) / Math.max(1, c.service);
  return Math.min(c.writes > 0 ? writes / c.writes : Infinity, c.writes < 1 ? reads / (1 - c.writes) : Infinity);
}

/**
 * With follower reads only the writes reach the leader; a read-index read costs its member at
 * most a question to the leader and its answer (shared by the reads that wait together). With
 * relays the leader's CPU affords rounds at G followers' cost, while as many messages cross the
 * network as without them: one envelope per group, forwarded to the rest, an answer each back to
 * the relay and one aggregate to the leader.
 */
function groupEvents(spec: RaftGroupSpec, c: ModelCosts, served: number): number {
  const writes = spec.followerReads === undefined ? served : served * c.writes;
  const questions = spec.followerReads === 'read-index' ? served - writes : 0;
  const busy = (writes * (c.service + fanOut(spec) * c.perEntry) + questions * c.perMessage) / 1e6;
  const rounds = leaderRounds(fanOut(spec), busy, c, spec.heartbeat);
  return raftGroupEvents(spec.nodes, writes, rounds, c, spec) + 2 * EVENTS_PER_MESSAGE * questions;
}
