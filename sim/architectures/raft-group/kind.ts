// `raft-group`: one Raft group of N nodes; every request goes through its leader.
import { RAFT_MESSAGE_KINDS } from '../../protocols/raft/message-kinds.js';
import type { RaftOptions } from '../../scenario/scenario.js';
import { leaderCapacity } from '../../metrics/capacity.js';
import { defineKind } from '../kind.js';
import { heartbeatRate } from '../message-rates.js';
import { checkGroupMembers } from '../raft-members.js';
import { buildRaftGroup } from './raft-group.js';

export interface RaftGroupSpec extends RaftOptions {
  kind: 'raft-group';
  nodes: number;
}

export const raftGroup = defineKind<RaftGroupSpec>()({
  kind: 'raft-group',
  schema: (k) => ({ ...k.raft }),
  resolve: (parsed) => parsed,
  check: (spec, report) => checkGroupMembers(spec, spec.nodes, report),
  leaderGroups: () => 1,
  cost: {
    servingNodes: () => 1,
    // the leader sends each write to N−1 followers and hears back from each
    messageRates: (spec) => ({ perRequest: 2 * (spec.nodes - 1), perSecond: heartbeatRate(1, spec.nodes, spec.heartbeat) }),
  },
  capacity: (spec, cpu) => leaderCapacity(spec.nodes, cpu.service, cpu.perMessage, cpu.perEntry, spec.heartbeat),
  messageKinds: RAFT_MESSAGE_KINDS,
  build: (spec, ctx) => buildRaftGroup(spec, ctx),
});
