// `active-passive`: N stateless replicas elect one leader (raft-group's election, no client
// data in its log) and only the leader serves; the others redirect clients to it and otherwise
// idle. Throughput stays at one node's capacity however many are added — the wasted capacity
// shows as leader_utilization near 1 against mean_utilization near 1/N — and losing the leader
// stops service until a new one wins (the failover gap).
import { ActivePassiveNode } from '../protocols/elected/active-passive-node.js';
import { electedGroup } from '../protocols/elected/elected-node.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import type { Architecture, ArchitectureFactory } from './architecture.js';
import { LeaderHint } from './leader-hint.js';

type Spec = Extract<ArchitectureSpec, { kind: 'active-passive' }>;

export const buildActivePassive: ArchitectureFactory<Spec> = (spec, ctx): Architecture => {
  const nodes = electedGroup(spec.nodes, (id, members) => new ActivePassiveNode(id, members, spec));
  const hint = new LeaderHint(spec.nodes, ctx.stream('clients'));
  return {
    nodes,
    hasLeader: true,
    promisesDurability: false,
    versionedReads: false,
    tickInterval: 0,
    route: () => hint.target(),
    attemptEnded: (_now, node, status, value) => hint.update(node, status, value),
    tick: () => {},
    committedWrites: () => null,
  };
};
