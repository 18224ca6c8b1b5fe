// `stateless-lb`: N stateless servers behind a load balancer. No leader, no durable state:
// the baseline that every leader-based architecture is measured against.
import { LoadBalancer } from '../../protocols/balancer/balancer.js';
import { StatelessServer } from '../../protocols/balancer/stateless-server.js';
import { defineArchitecture, type ArchitectureFactory } from '../architecture.js';
import type { StatelessLbSpec as Spec } from './kind.js';

export const buildStatelessLb: ArchitectureFactory<Spec> = (spec, ctx) => {
  const balancer = new LoadBalancer(spec.nodes, spec.policy, spec.healthCheck.unhealthyAfter, ctx.stream('balancer'));
  const { cluster } = ctx;
  return defineArchitecture({
    nodes: Array.from({ length: spec.nodes }, () => new StatelessServer()),
    tickInterval: spec.healthCheck.interval,
    route: () => balancer.pick(),
    attemptEnded: (_now, node) => balancer.done(node),
    tick(now) {
      for (let node = 0; node < spec.nodes; node++) if (balancer.check(node, cluster.isUp(node))) cluster.ejected(now, node);
    },
  });
};
