// `leaderless-quorum`: a consistent-hash ring; each key on `replicas` nodes, W and R quorums.
import { QUORUM_MESSAGE_KINDS, type QuorumMessage } from '../../protocols/quorum/messages.js';
import { EVENTS_PER_FSYNC, EVENTS_PER_MESSAGE, perSecond } from '../cost-model.js';
import { defineKind } from '../kind.js';
import { buildLeaderlessQuorum } from './leaderless-quorum.js';

export interface LeaderlessQuorumSpec {
  kind: 'leaderless-quorum';
  nodes: number;
  replicas: number;
  writeQuorum: number;
  readQuorum: number;
  vnodes: number;
}

const majority = (n: number) => Math.floor(n / 2) + 1;

export const leaderlessQuorum = defineKind<LeaderlessQuorumSpec, QuorumMessage>()({
  kind: 'leaderless-quorum',
  summary: 'a consistent-hash ring; each key on `replicas` nodes, written to W and read from R of them; no leader',
  schema: (k) => ({
    replicas: k.intIn(1, k.MAX_NODES).optional().describe('nodes each key is stored on; default: 3, or nodes if fewer'),
    writeQuorum: k.intIn(1, k.MAX_NODES).optional().describe('W: acknowledgements a write waits for; default: a majority of replicas'),
    readQuorum: k.intIn(1, k.MAX_NODES).optional().describe('R: answers a read waits for; default: a majority of replicas'),
    vnodes: k.intIn(1, 4096).default(16).describe('points per node on the consistent-hash ring (more spread keys more evenly)'),
  }),
  resolve(parsed) {
    const replicas = parsed.replicas ?? Math.min(3, parsed.nodes);
    return {
      ...parsed,
      replicas,
      writeQuorum: parsed.writeQuorum ?? majority(replicas),
      readQuorum: parsed.readQuorum ?? majority(replicas),
    };
  },
  check(spec, report) {
    if (spec.replicas > spec.nodes)
      report('replicas', `must be at most nodes (${spec.nodes}): each key's replicas are distinct nodes (got ${spec.replicas})`);
    else {
      for (const key of ['writeQuorum', 'readQuorum'] as const) {
        if (spec[key] > spec.replicas)
          report(
            key,
            `an impossible quorum: ${spec[key]} acks from ${spec.replicas} replicas; must be from 1 to replicas (${spec.replicas})`,
          );
      }
    }
  },
  leaderGroups: () => 0,
  cost: {
    // every node coordinates ops: serving each, and asking the key's other replicas
    capacity: (spec, c) => spec.nodes * perSecond(c.service + 4 * (spec.replicas - 1) * c.perMessage),
    // the coordinator asks the key's other replicas and hears back; a write is persisted on each
    nodeEvents: (spec, c, served) => served * (2 * EVENTS_PER_MESSAGE * (spec.replicas - 1) + c.writes * EVENTS_PER_FSYNC * spec.replicas),
    innerLatency: (_spec, c) => 2 * c.delay + c.fsync,
  },
  messageKinds: QUORUM_MESSAGE_KINDS,
  build: buildLeaderlessQuorum,
});
