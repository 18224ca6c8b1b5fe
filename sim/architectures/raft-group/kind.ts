// `raft-group`: one Raft group of N nodes; every request goes through its leader.
import { RAFT_MESSAGE_KINDS } from '../../protocols/raft/message-kinds.js';
import type { RaftOptions } from '../../scenario/scenario.js';
import { leaderCapacity } from '../../metrics/capacity.js';
import { ONE_ELECTED_GROUP, raftCommitLatency, raftLeaderEvents } from '../cost-model.js';
import { defineKind } from '../kind.js';
import { checkGroupMembers, withVoters } from '../raft-members.js';
import { buildRaftGroup } from './raft-group.js';

export interface RaftGroupSpec extends RaftOptions {
  kind: 'raft-group';
  nodes: number;
}

export const raftGroup = defineKind<RaftGroupSpec>()({
  kind: 'raft-group',
  schema: (k) => ({ ...k.raft }),
  resolve: (parsed) => withVoters(parsed, parsed.nodes),
  check: (spec, report) => checkGroupMembers(spec, spec.nodes, report),
  leaderGroups: () => 1,
  cost: {
    // the leader serves every op (capacity_ops_s) and replicates it, batching with what its CPU leaves
    nodeEvents: (spec, c, served) => raftLeaderEvents(spec.nodes, served, c, spec),
    innerLatency: (spec, c) => raftCommitLatency(spec.nodes, c),
    refusesOverload: (spec) => spec.maxPending > 0,
    ...ONE_ELECTED_GROUP,
  },
  // With `relays: G` the leader sends one envelope to and hears one aggregate from each group, as
  // if it had G followers; what the relays forward is theirs to pay: G in place of N−1.
  capacity: (spec, cpu) =>
    leaderCapacity(spec.relays === undefined ? spec.nodes : spec.relays + 1, cpu.service, cpu.perMessage, cpu.perEntry, spec.heartbeat),
  messageKinds: RAFT_MESSAGE_KINDS,
  build: (spec, ctx) => buildRaftGroup(spec, ctx),
});
