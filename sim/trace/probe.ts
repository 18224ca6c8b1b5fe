// What the tracer reads of Raft replicas without changing them: their logs and their election
// timers. Which replicas a node hosts is the architecture's to say (Architecture.replicasOf),
// and what kind a message is its descriptor's (KindDescriptor.messageKinds).
import { type RaftReplica, State } from '../protocols/raft/index.js';

/** [last index, commit index] of a node's log, summed over the replicas it hosts. */
export function logOf(replicas: readonly (RaftReplica | undefined)[]): [number, number] {
  let last = 0;
  let commit = 0;
  for (const r of replicas) {
    if (r === undefined) continue;
    last += r.log.lastIndex;
    commit += r.commitIndex;
  }
  return [last, commit];
}

/** [reset at, deadline] of a replica's election timer, or [-1, -1] while it leads or is down.
 *  Raft re-arms its timer lazily (it fires and checks the last reset), so the true deadline is
 *  read from the replica, not from the engine's timer queue. `offset` turns the replica's clock
 *  into true time. */
export function electionDeadline(r: RaftReplica, offset: number): [number, number] {
  if (r.state === State.Leader || r.state === State.Down || r.learner) return [-1, -1];
  return [r.lastReset + offset, r.lastReset + r.electionTimeout + offset];
}
