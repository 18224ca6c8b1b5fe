// `active-passive`: N replicas elect one leader, which alone serves; the others redirect.
import { heartbeatLoad } from '../../metrics/capacity.js';
import { RAFT_MESSAGE_KINDS, type RaftMessage } from '../../protocols/raft/index.js';
import type { ElectionOptions } from '../../scenario/scenario.js';
import { heartbeatEvents, ONE_ELECTED_GROUP } from '../cost-model.js';
import { defineKind } from '../kind.js';
import { buildActivePassive } from './active-passive.js';

export interface ActivePassiveSpec extends ElectionOptions {
  kind: 'active-passive';
  nodes: number;
}

export const activePassive = defineKind<ActivePassiveSpec, RaftMessage>()({
  kind: 'active-passive',
  summary: 'N replicas elect one leader (the Raft election, no log), which alone serves; the others redirect',
  schema: (k) => ({ ...k.election }),
  resolve: (parsed) => parsed,
  leaderGroups: () => 1,
  cost: {
    // the leader serves (capacity_ops_s) and replicates nothing: heartbeats alone
    nodeEvents: (spec) => heartbeatEvents(spec.nodes, spec),
    ...ONE_ELECTED_GROUP,
  },
  // (1 − h(N)) / service: the leader serves every op and replicates none of them
  capacity: (spec, cpu) => Math.max(0, 1 - heartbeatLoad(spec.nodes - 1, cpu.perMessage, spec.heartbeat)) / (cpu.service / 1e6),
  messageKinds: RAFT_MESSAGE_KINDS,
  build: buildActivePassive,
});
