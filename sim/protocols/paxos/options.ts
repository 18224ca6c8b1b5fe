// multi-paxos's options: the election's timing, Flexible Paxos quorums, and batching.
import type { ElectionOptions } from '../../scenario/scenario.js';

/** Flexible Paxos quorum sizes: any with phase1 + phase2 > nodes (default: majorities). */
interface PaxosQuorums {
  phase1: number;
  phase2: number;
}

export interface PaxosOptions extends ElectionOptions {
  quorums: PaxosQuorums;
  /** Most slots one accept carries. */
  maxBatch: number;
  /** Most accepts in flight to one acceptor before the leader waits for an answer. */
  pipeline: number;
  /** Most unchosen slots a leader holds; past it, it answers Busy at once. 0: unbounded. */
  maxPending: number;
}
