// What the tracer reads of protocol nodes without changing them: the Raft replicas a node hosts
// (for its log strip), which timer ids are election timers, and what kind a message is.
import { ElectedNode } from '../protocols/elected/elected-node.js';
import { ShardedRaftNode } from '../protocols/multiraft/sharded-node.js';
import type { ProtocolNode } from '../protocols/node.js';
import type { RaftReplica } from '../protocols/raft/raft-replica.js';
import { RaftGroupNode } from '../protocols/raft/raft-node.js';
import { State } from '../protocols/raft/state.js';
import type { MsgKind } from './trace.js';

export function replicasOf(node: ProtocolNode): readonly (RaftReplica | undefined)[] {
  if (node instanceof RaftGroupNode || node instanceof ElectedNode) return [node.replica];
  if (node instanceof ShardedRaftNode) return node.replicas;
  return [];
}

/** [last index, commit index] of a node's log, summed over the replicas it hosts. */
export function logOf(node: ProtocolNode): [number, number] {
  let last = 0;
  let commit = 0;
  for (const r of replicasOf(node)) {
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

const KIND_BY_PREFIX: [string, MsgKind][] = [
  ['RequestVote', 'vote'],
  ['PreVote', 'vote'],
  ['AppendEntries', 'append'],
  ['Heartbeat', 'heartbeat'],
  ['QWrite', 'qwrite'],
  ['QRead', 'qread'],
  ['Lease', 'lease'],
];

export function kindOfMessage(type: string): MsgKind {
  for (const [prefix, kind] of KIND_BY_PREFIX) if (type.startsWith(prefix)) return kind;
  return 'other';
}
