// `raft-group`: one Raft-replicated group of N nodes. Clients send to the leader they last
// heard of; a follower redirects them, and a silent leader sends them to a random node until
// one answers. Every protocol message costs CPU at both ends, so the leader — which sends to
// and hears from all N−1 followers — is where this architecture saturates.
import { committedWrites, raftGroupNodes } from '../../protocols/raft/index.js';
import { defineArchitecture, oneGroup, type Architecture, type BuildContext } from '../architecture.js';
import { leaderRouting, votersOf } from '../leader-hint.js';
import type { RaftGroupSpec as Spec } from './kind.js';

/** `unsafe` deliberately breaks the protocol, for tests that prove the invariant checks can fail. */
export const buildRaftGroup = (spec: Spec, ctx: BuildContext, unsafe?: { commitWithoutMajority?: boolean }): Architecture => {
  const nodes = raftGroupNodes(spec.nodes, spec, unsafe);
  const groups = oneGroup(spec.nodes);
  return defineArchitecture({
    nodes,
    groups,
    promisesDurability: true,
    versionedReads: true,
    ...leaderRouting(
      votersOf(groups, spec.learners),
      ctx.stream('clients'),
      undefined,
      spec.followerReads === undefined ? undefined : { members: groups, rng: ctx.stream('follower-reads') },
    ),
    committedWrites: () => committedWrites(nodes),
    replicasOf: (node) => [nodes[node].replica],
  });
};
