// multi-paxos groups in the protocol test world (test/raft/cluster.ts).
import { chosenWrites } from '../../sim/protocols/paxos/chosen-writes.js';
import { PaxosNode } from '../../sim/protocols/paxos/paxos-node.js';
import type { PaxosOptions } from '../../sim/protocols/paxos/options.js';
import { Cluster, TEST_OPTIONS, type ClusterConfig, type Protocol } from '../raft/cluster.js';
import { TestClients } from '../raft/clients.js';

export const majority = (n: number): number => Math.floor(n / 2) + 1;

/** The test options, with `quorums` (default majorities) and any other option overridden. */
export function paxosOptions(n: number, over: Partial<PaxosOptions> = {}): PaxosOptions {
  const { electionTimeout, heartbeat, maxBatch, pipeline, maxPending } = TEST_OPTIONS;
  const quorums = { phase1: majority(n), phase2: majority(n) };
  return { electionTimeout, heartbeat, maxBatch, pipeline, maxPending, quorums, ...over };
}

export function paxosProtocol(options: PaxosOptions): Protocol<PaxosNode> {
  return {
    nodes: (members) => members.map((id) => new PaxosNode(id, members, options)),
    committedWrites: chosenWrites,
  };
}

/** A group of `cfg.nodes` with clients; `over` sets quorums and options. */
export function paxosWorld(
  cfg: ClusterConfig,
  over: Partial<PaxosOptions> = {},
): { c: Cluster<PaxosNode>; clients: TestClients<PaxosNode> } {
  const c = new Cluster(cfg, paxosProtocol(paxosOptions(cfg.nodes, over)));
  return { c, clients: new TestClients(c, cfg.seed) };
}
