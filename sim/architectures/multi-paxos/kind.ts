// `multi-paxos`: one group of N acceptors with a distinguished proposer, and Flexible Paxos
// quorums (phase 1 and phase 2 need only intersect: phase1 + phase2 > nodes).
import { PAXOS_MESSAGE_KINDS, type PaxosMessage } from '../../protocols/paxos/messages.js';
import type { PaxosOptions } from '../../protocols/paxos/options.js';
import { leaderCapacity } from '../../metrics/capacity.js';
import { ONE_ELECTED_GROUP, raftCommitLatency, raftLeaderEvents } from '../cost-model.js';
import { defineKind } from '../kind.js';
import { buildMultiPaxos } from './multi-paxos.js';

export interface MultiPaxosSpec extends PaxosOptions {
  kind: 'multi-paxos';
  nodes: number;
}

const majority = (n: number) => Math.floor(n / 2) + 1;

export const multiPaxos = defineKind<MultiPaxosSpec, PaxosMessage>()({
  kind: 'multi-paxos',
  summary: 'one group of N acceptors with a distinguished proposer (the leader) and Flexible Paxos quorums',
  schema: (k) => ({
    quorums: k.z
      .strictObject({
        phase1: k.intIn(1, k.MAX_NODES).optional().describe('promises a leader needs (phase 1); default: a majority of nodes'),
        phase2: k.intIn(1, k.MAX_NODES).optional().describe('acceptances that choose a slot (phase 2); default: a majority of nodes'),
      })
      .prefault({})
      .describe('Flexible Paxos: any sizes with phase1 + phase2 > nodes'),
    ...k.election,
    maxBatch: k.raft.maxBatch,
    pipeline: k.raft.pipeline,
    maxPending: k.raft.maxPending,
  }),
  resolve: (parsed) => ({
    ...parsed,
    quorums: { phase1: parsed.quorums.phase1 ?? majority(parsed.nodes), phase2: parsed.quorums.phase2 ?? majority(parsed.nodes) },
  }),
  check(spec, report) {
    const q = spec.quorums;
    for (const key of ['phase1', 'phase2'] as const)
      if (q[key] > spec.nodes)
        return report(
          'quorums',
          `${key} must be from 1 to nodes (${spec.nodes}): a quorum of ${q[key]} nodes cannot be met (got ${q[key]})`,
        );
    if (q.phase1 + q.phase2 <= spec.nodes)
      report(
        'quorums',
        `phase1 + phase2 must exceed nodes (${spec.nodes}), or a new leader's phase-1 quorum can miss a chosen value (got phase1 ${q.phase1} + phase2 ${q.phase2} = ${q.phase1 + q.phase2})`,
      );
  },
  leaderGroups: () => 1,
  cost: {
    // raft-group's model: the leader serves every op (capacity_ops_s) and sends each slot to all
    // N−1 acceptors, batching with what its CPU leaves; a leader elected at boot and per failover
    nodeEvents: (spec, c, served) => raftLeaderEvents(spec.nodes, served, c, spec),
    innerLatency: (spec, c) => raftCommitLatency(spec.nodes, c),
    refusesOverload: (spec) => spec.maxPending > 0,
    ...ONE_ELECTED_GROUP,
  },
  // raft-group's bound: whatever the phase-2 quorum, the leader sends every slot to all N−1
  // acceptors, so the fan-out, not the quorum, sets the CPU cost
  capacity: (spec, cpu) => leaderCapacity(spec.nodes, cpu.service, cpu.perMessage, cpu.perEntry, spec.heartbeat),
  messageKinds: PAXOS_MESSAGE_KINDS,
  build: buildMultiPaxos,
});
