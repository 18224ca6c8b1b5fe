// `raft-group`: one Raft-replicated group of N nodes. Clients send to the leader they last
// heard of; a follower redirects them, and a silent leader sends them to a random node until
// one answers. Every protocol message costs CPU at both ends, so the leader — which sends to
// and hears from all N−1 followers — is where this architecture saturates.
import { committedWrites, raftGroupNodes } from '../protocols/raft/raft-node.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import type { Architecture, BuildContext } from './architecture.js';
import { LeaderHint } from './leader-hint.js';

type Spec = Extract<ArchitectureSpec, { kind: 'raft-group' }>;

/** `unsafe` deliberately breaks the protocol, for tests that prove the invariant checks can fail. */
export const buildRaftGroup = (spec: Spec, ctx: BuildContext, unsafe?: { commitWithoutMajority?: boolean }): Architecture => {
  const nodes = raftGroupNodes(spec.nodes, spec, unsafe);
  const hint = new LeaderHint(spec.nodes, ctx.stream('clients'));
  return {
    nodes,
    hasLeader: true,
    promisesDurability: true,
    versionedReads: true,
    tickInterval: 0,
    route: () => hint.target(),
    attemptEnded: (_now, node, status, value) => hint.update(node, status, value),
    tick: () => {},
    committedWrites: () => committedWrites(nodes),
  };
};
