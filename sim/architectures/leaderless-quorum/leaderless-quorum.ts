// `leaderless-quorum`: a consistent-hash ring of N nodes, each key on `replicas` of them;
// writes wait for W acks, reads for R answers; no election at all. Clients know the ring (a
// token-aware driver): they send a request to a random replica of its key — never to the
// same node for every request, so coordination work spreads — and stay away for a while from
// a node whose attempt just timed out. Nothing here is a bottleneck: each node's work grows
// with its share of the keys, so throughput grows with N.
//
// The coordinator gives up on a quorum after half the client's timeout, so the client still
// hears Unavailable and has time to retry elsewhere before its own timeout. Acknowledged
// writes are not a promise the model can keep (W = 1 acks what one disk holds), so losing one
// is counted (committedWrites), not a violated invariant.
import type { Random } from '../../core/rng.js';
import { ReplyStatus } from '../../protocols/node.js';
import { AckedWrites } from '../../protocols/quorum/acked-writes.js';
import { QuorumNode } from '../../protocols/quorum/quorum-node.js';
import { Ring } from '../../protocols/quorum/ring.js';
import type { Micros } from '../../scenario/scenario.js';
import { defineArchitecture, type ArchitectureFactory, type ClusterView } from '../architecture.js';
import type { LeaderlessQuorumSpec as Spec } from './kind.js';

/** How long clients avoid a node after an attempt to it timed out. */
const SUSPICION: Micros = 1_000_000;

export const buildLeaderlessQuorum: ArchitectureFactory<Spec> = (spec, ctx) => {
  const ring = new Ring(spec.nodes, spec.vnodes, spec.replicas, ctx.scenario.workload.keys.count);
  const acked = new AckedWrites();
  const options = {
    writeQuorum: spec.writeQuorum,
    readQuorum: spec.readQuorum,
    coordinatorTimeout: Math.max(1, Math.round(ctx.scenario.workload.timeout / 2)),
    onWriteAcked: (op: number, key: number, version: number) => acked.record(op, key, version),
  };
  const nodes = Array.from({ length: spec.nodes }, (_, id) => new QuorumNode(id, ring, options));
  const router = new RingRouter(ring, ctx.stream('clients'), ctx.cluster);
  return defineArchitecture({
    nodes,
    versionedReads: true,
    route: (now, attempt) => router.pick(now, attempt.key),
    attemptEnded: (now, node, status) => router.ended(now, node, status),
    committedWrites: () => acked.surviving(ring, { durableVersion: (node, key) => nodes[node].durableVersionOf(key) }),
  });
};

/** A client's choice of coordinator: a random replica of the key that has not just timed out. */
class RingRouter {
  private readonly suspectUntil: Float64Array;
  private readonly candidates: Int32Array;

  constructor(
    private readonly ring: Ring,
    private readonly rng: Random,
    /** Told when clients start avoiding a node (for a dead one, its failover ends there). */
    private readonly cluster?: ClusterView,
  ) {
    this.suspectUntil = new Float64Array(ring.nodes);
    this.candidates = new Int32Array(ring.replicas);
  }

  pick(now: Micros, key: number): number {
    let count = 0;
    for (let i = 0; i < this.ring.replicas; i++) {
      const node = this.ring.replica(key, i);
      if (this.suspectUntil[node] <= now) this.candidates[count++] = node;
    }
    // every replica suspected: suspicion is only a hint, so try one of them anyway
    if (count === 0) return this.ring.replica(key, Math.floor(this.rng() * this.ring.replicas));
    return this.candidates[Math.floor(this.rng() * count)];
  }

  /** An attempt to `node` ended. Unavailable is the quorum's fault, not the coordinator's, so
   *  only silence (TimedOut) makes a node suspect. */
  ended(now: Micros, node: number, status: ReplyStatus): void {
    if (status !== ReplyStatus.TimedOut) return;
    if (this.suspectUntil[node] <= now) this.cluster?.ejected(now, node);
    this.suspectUntil[node] = now + SUSPICION;
  }
}
