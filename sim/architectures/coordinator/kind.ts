// `coordinator`: a stateless fleet behind a balancer whose every request needs an ID (or a
// rate-limit token) leased from one coordinator elected among the same N nodes.
import { heartbeatLoad } from '../../metrics/capacity.js';
import { LEASE_MESSAGE_KINDS } from '../../protocols/elected/lease-messages.js';
import { RAFT_MESSAGE_KINDS } from '../../protocols/raft/message-kinds.js';
import type { ElectionOptions } from '../../scenario/scenario.js';
import { defineKind, type CpuCosts } from '../kind.js';
import { heartbeatRate } from '../message-rates.js';
import { buildCoordinator } from './coordinator.js';

export interface CoordinatorSpec extends ElectionOptions {
  kind: 'coordinator';
  nodes: number;
  purpose: 'ids' | 'rate-limit';
  batch: number;
}

export const coordinator = defineKind<CoordinatorSpec>()({
  kind: 'coordinator',
  schema: (k) => ({
    purpose: k.z.enum(['ids', 'rate-limit']).default('ids'),
    batch: k.intIn(1, 1_000_000).default(1),
    ...k.election,
  }),
  resolve: (parsed) => parsed,
  leaderGroups: () => 1,
  cost: {
    servingNodes: (spec) => spec.nodes,
    // a lease request and its grant, and one entry to each follower, per `batch` requests
    messageRates: (spec) => ({
      perRequest: 2 + (2 * (spec.nodes - 1)) / spec.batch,
      perSecond: heartbeatRate(1, spec.nodes, spec.heartbeat),
    }),
  },
  capacity: coordinatorCapacity,
  messageKinds: { ...RAFT_MESSAGE_KINDS, ...LEASE_MESSAGE_KINDS },
  build: buildCoordinator,
});

/** The smaller of the coordinator's bound, batch·(1 − h(N)) / (2·perMessage + (N−1)·perEntry)
 *  (a lease request in, a grant out, one entry to each follower per `batch` ops), and the
 *  fleet's, (N − 2h(N)) / (service + (4·perMessage + 2(N−1)·perEntry)/batch) (all CPUs
 *  together: both ends of every lease and of every heartbeat). */
function coordinatorCapacity(spec: CoordinatorSpec, c: CpuCosts): number {
  const { nodes, batch, heartbeat } = spec;
  const followers = nodes - 1;
  const perLease = 2 * c.perMessage + followers * c.perEntry;
  const coordinator = (batch * Math.max(0, 1 - heartbeatLoad(followers, c.perMessage, heartbeat))) / (perLease / 1e6);
  const heartbeats = 2 * heartbeatLoad(followers, c.perMessage, heartbeat); // leader's and followers' alike
  const perOp = c.service + (4 * c.perMessage + 2 * followers * c.perEntry) / batch;
  const fleet = Math.max(0, nodes - heartbeats) / (perOp / 1e6);
  return Math.min(coordinator, fleet);
}
