// `coordinator`: a stateless fleet behind a balancer whose every request needs an ID (or a
// rate-limit token) leased from one coordinator elected among the same N nodes.
import { heartbeatLoad } from '../../metrics/capacity.js';
import { LEASE_MESSAGE_KINDS, type LeaseMessage } from '../../protocols/elected/lease-messages.js';
import { RAFT_MESSAGE_KINDS, type RaftMessage } from '../../protocols/raft/index.js';
import type { ElectionOptions } from '../../scenario/scenario.js';
import { electionLog, EVENTS_PER_MESSAGE, leaderRounds, ONE_ELECTED_GROUP, raftCommitLatency, raftGroupEvents } from '../cost-model.js';
import { defineKind, type CpuCosts, type ModelCosts } from '../kind.js';
import { buildCoordinator } from './coordinator.js';

export interface CoordinatorSpec extends ElectionOptions {
  kind: 'coordinator';
  nodes: number;
  purpose: 'ids' | 'rate-limit';
  batch: number;
}

export const coordinator = defineKind<CoordinatorSpec, RaftMessage | LeaseMessage>()({
  kind: 'coordinator',
  summary: 'a stateless fleet behind a balancer; every request needs an ID (or token) leased from one elected coordinator',
  schema: (k) => ({
    purpose: k.z
      .enum(['ids', 'rate-limit'])
      .default('ids')
      .describe('what the coordinator hands out: unique IDs or global rate-limit tokens (the same mechanism)'),
    batch: k.intIn(1, 1_000_000).default(1).describe('IDs (or tokens) a server leases per request to the coordinator'),
    ...k.election,
  }),
  resolve: (parsed) => parsed,
  leaderGroups: () => 1,
  cost: {
    capacity: servedAtMost,
    // a lease per `batch` ops: its request and grant, then the coordinator's Raft round
    innerLatency: (spec, c) => (2 * c.delay + raftCommitLatency(spec.nodes, c)) / spec.batch,
    nodeEvents: leaseEvents,
    ...ONE_ELECTED_GROUP,
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

/** The coordinator's node is also one of the servers: its CPU serves its share of the ops and
 *  every lease, which binds before capacity_ops_s when the fleet is small. Its clients and the
 *  lease requests share one FIFO, and past saturation requests wait out their deadline in it:
 *  measured, such a node gets through about half of what its CPU allows. */
const SATURATION = 0.5;

function servedAtMost(spec: CoordinatorSpec, c: ModelCosts): number {
  const perOp = c.service / spec.nodes + (2 * c.perMessage + (spec.nodes - 1) * c.perEntry) / spec.batch;
  const free = Math.max(0, 1 - heartbeatLoad(spec.nodes - 1, c.perMessage, Math.max(1, spec.heartbeat)));
  return Math.min(coordinatorCapacity(spec, c), (SATURATION * free * 1e6) / perOp);
}

/** Events a second of the leases `served` ops take, and of the coordinator's log replicating them. */
function leaseEvents(spec: CoordinatorSpec, c: ModelCosts, served: number): number {
  const leases = served / spec.batch;
  // a lease request and its grant, the server's lease timer
  const perLease = 2 * EVENTS_PER_MESSAGE + 2;
  // the coordinator's CPU per lease: the request in, the grant out, the entry to each follower
  const busy = (leases * (2 * c.perMessage + (spec.nodes - 1) * c.perEntry)) / 1e6;
  const rounds = leaderRounds(spec.nodes - 1, busy, c, spec.heartbeat);
  return leases * perLease + raftGroupEvents(spec.nodes, leases, rounds, c, electionLog(spec));
}
