// `stateless-lb`: N stateless servers behind a load balancer with health checks. No leader.
import type { BalancerPolicy, Micros } from '../../scenario/scenario.js';
import { perSecond } from '../cost-model.js';
import { defineKind } from '../kind.js';
import { buildStatelessLb } from './stateless-lb.js';

export interface StatelessLbSpec {
  kind: 'stateless-lb';
  nodes: number;
  policy: BalancerPolicy;
  healthCheck: { interval: Micros; unhealthyAfter: number };
}

export const statelessLb = defineKind<StatelessLbSpec, never>()({
  kind: 'stateless-lb',
  summary: 'N stateless servers behind a load balancer with health checks; no leader',
  schema: (k) => ({
    policy: k.z
      .enum(['round-robin', 'random', 'least-outstanding', 'power-of-two'])
      .default('round-robin')
      .describe(
        'how the balancer picks a server: in turn, at random, the one with fewest requests outstanding, or the less busy of two at random',
      ),
    healthCheck: k.z
      .strictObject({
        interval: k.duration().prefault(k.HEALTH_CHECK_DEFAULTS.interval).describe('how often the balancer probes each server'),
        unhealthyAfter: k
          .intIn(1, 1000)
          .default(k.HEALTH_CHECK_DEFAULTS.unhealthyAfter)
          .describe('failed probes in a row before a server is taken out of rotation'),
      })
      .prefault({})
      .describe("the balancer's probes; they see only whether a server is up"),
  }),
  resolve: (parsed) => parsed,
  leaderGroups: () => 0,
  cost: {
    // every server serves; the balancer's health-check tick, once per interval
    capacity: (spec, c) => spec.nodes * perSecond(c.service),
    nodeEvents: (spec) => perSecond(spec.healthCheck.interval),
  },
  messageKinds: {},
  build: buildStatelessLb,
});
