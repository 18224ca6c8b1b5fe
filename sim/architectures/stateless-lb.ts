// `stateless-lb`: N stateless servers behind a load balancer. No leader, no durable state:
// the baseline that every leader-based architecture is measured against.
import { LoadBalancer } from '../protocols/balancer/balancer.js';
import { StatelessServer } from '../protocols/balancer/stateless-server.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import type { Architecture, ArchitectureFactory } from './architecture.js';

type Spec = Extract<ArchitectureSpec, { kind: 'stateless-lb' }>;

export const buildStatelessLb: ArchitectureFactory<Spec> = (spec, ctx): Architecture => {
  const balancer = new LoadBalancer(spec.nodes, spec.policy, spec.healthCheck.unhealthyAfter, ctx.stream('balancer'));
  const nodes = Array.from({ length: spec.nodes }, () => new StatelessServer());
  return {
    nodes,
    hasLeader: false,
    promisesDurability: false,
    versionedReads: false,
    tickInterval: spec.healthCheck.interval,
    route: () => balancer.pick(),
    attemptEnded: (_now, node) => balancer.done(node),
    tick(now, cluster) {
      for (let node = 0; node < nodes.length; node++) {
        if (balancer.check(node, cluster.isUp(node))) cluster.failoverDetected(now);
      }
    },
    committedWrites: () => null,
  };
};
