// The leader's lease: while a quorum has answered within the shortest election timeout (less a
// margin for clock drift), no other leader can have been elected, so the leader may answer reads
// without a log round. Used by lease reads on the leader and by lease follower reads.
import type { LeaderState } from './leader-state.js';
import type { RaftReplica } from './raft-replica.js';

/** Lease reads stop this long before the lease ends: the usual allowance for clock drift. */
const LEASE_MARGIN_FRACTION = 0.1;

/** The lease itself (lease reads on the leader, and the index its heartbeats carry for lease follower reads). */
export function leaseHolds(r: RaftReplica, l: LeaderState): boolean {
  if (r.commitIndex < l.termStart) return false;
  const min = r.opts.electionTimeout[0];
  return r.now < l.quorumHeardAt + min - min * LEASE_MARGIN_FRACTION;
}
