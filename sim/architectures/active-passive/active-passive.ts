// `active-passive`: N stateless replicas elect one leader (raft-group's election, no client
// data in its log) and only the leader serves; the others redirect clients to it and otherwise
// idle. Throughput stays at one node's capacity however many are added — the wasted capacity
// shows as leader_utilization near 1 against mean_utilization near 1/N — and losing the leader
// stops service until a new one wins (the failover gap).
import { ActivePassiveNode } from '../../protocols/elected/active-passive-node.js';
import { electedGroup } from '../../protocols/elected/elected-node.js';
import { defineArchitecture, oneGroup, type ArchitectureFactory } from '../architecture.js';
import { leaderRouting } from '../leader-hint.js';
import type { ActivePassiveSpec as Spec } from './kind.js';

/** Its leader commits no client data: a failover ends when a new leader serves its first request. */
export const buildActivePassive: ArchitectureFactory<Spec> = (spec, ctx) => {
  const groups = oneGroup(spec.nodes);
  const nodes = electedGroup(spec.nodes, (id, members) => new ActivePassiveNode(id, members, spec));
  return defineArchitecture({
    nodes,
    groups,
    replicasOf: (node) => [nodes[node].replica],
    failoverEnd: 'served',
    ...leaderRouting(groups, ctx.stream('clients')),
  });
};
