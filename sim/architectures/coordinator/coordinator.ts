// `coordinator`: a stateless fleet behind a load balancer (least-outstanding, with stateless-lb's
// health checks) in which every request needs a unique ID or a rate-limit token from one
// coordinator, elected among the same N nodes. The coordinator allocates blocks of `batch`
// durably, through its Raft log, so a new coordinator never repeats an ID. At batch 1 every
// request costs the coordinator two messages plus an entry replicated to N−1 followers: it is
// the bottleneck. Leasing blocks removes it (throughput grows with N again), but servers
// without IDs left stall while a new coordinator is elected. Both purposes share the model: a
// durable counter (for rate limits: a global quota that survives failover).
import { CoordinatorNode } from '../../protocols/elected/coordinator-node.js';
import { electedGroup } from '../../protocols/elected/elected-node.js';
import { HEALTH_CHECK_DEFAULTS } from '../../scenario/defaults.js';
import { parseDuration } from '../../scenario/units.js';
import { defineArchitecture, oneGroup, type ArchitectureFactory } from '../architecture.js';
import { buildStatelessLb } from '../stateless-lb/stateless-lb.js';
import type { CoordinatorSpec as Spec } from './kind.js';

/** The front of the fleet: stateless-lb's balancer and health checks with the schema's defaults,
 *  and the best policy of lb-policies.yaml — least-outstanding also stops feeding a dead server
 *  as soon as requests pile up there, so a coordinator crash shows the election, not the
 *  balancer's health-check delay. */
const FRONT = {
  policy: 'least-outstanding',
  healthCheck: { interval: parseDuration(HEALTH_CHECK_DEFAULTS.interval), unhealthyAfter: HEALTH_CHECK_DEFAULTS.unhealthyAfter },
} as const;

/** A failover ends at the new coordinator's first committed allocation. */
export const buildCoordinator: ArchitectureFactory<Spec> = (spec, ctx) => {
  const deadline = ctx.scenario.workload.timeout;
  const front = buildStatelessLb({ kind: 'stateless-lb', nodes: spec.nodes, ...FRONT }, ctx);
  const nodes = electedGroup(spec.nodes, (id, members) => new CoordinatorNode(id, members, { ...spec, deadline }));
  return defineArchitecture({
    nodes,
    groups: oneGroup(spec.nodes),
    replicasOf: (node) => [nodes[node].replica],
    tickInterval: front.tickInterval,
    route: front.route,
    attemptEnded: front.attemptEnded,
    tick: front.tick,
  });
};
