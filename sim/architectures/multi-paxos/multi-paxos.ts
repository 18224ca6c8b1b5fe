// `multi-paxos`: one group of N acceptors with a distinguished proposer (Multi-Paxos), with
// Flexible Paxos quorums. Clients send to the leader they last heard of, as with raft-group. A
// failover ends when the new leader's first client write is chosen: it notes that itself,
// because the ballot a chosen slot is held in changes as later leaders accept it again.
import { chosenWrites } from '../../protocols/paxos/chosen-writes.js';
import { ballotRound } from '../../protocols/paxos/ballot.js';
import { paxosNodes } from '../../protocols/paxos/paxos-node.js';
import { defineArchitecture, oneGroup, type Architecture, type BuildContext } from '../architecture.js';
import { leaderRouting } from '../leader-hint.js';
import type { MultiPaxosSpec as Spec } from './kind.js';

export const buildMultiPaxos = (spec: Spec, ctx: BuildContext): Architecture => {
  const nodes = paxosNodes(spec.nodes, spec);
  const groups = oneGroup(spec.nodes);
  return defineArchitecture({
    nodes,
    groups,
    failoverEnd: 'served',
    electionRound: (ballot) => ballotRound(ballot, spec.nodes),
    promisesDurability: true,
    versionedReads: true,
    ...leaderRouting(groups, ctx.stream('clients')),
    committedWrites: () => chosenWrites(nodes),
  });
};
