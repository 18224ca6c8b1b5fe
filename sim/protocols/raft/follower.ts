// A follower's side of replication: the AppendEntries consistency check, conflict truncation,
// the commit point the leader reports, and heartbeats. Acknowledgements wait for the disk:
// a follower may only claim entries that survive its crash.
import type { Outbox } from '../node.js';
import type { AppendEntries, Heartbeat } from './messages.js';
import { appendResponse, heartbeatResponse } from './messages.js';
import type { RaftReplica } from './raft-replica.js';
import { sendToLeader } from './relays.js';
import { State } from './state.js';

/** Accepts `from` as this term's leader and resets the election clock (lazily). */
function heardFromLeader(r: RaftReplica, from: number, out: Outbox): void {
  if (r.state !== State.Follower || r.leader !== from) r.becomeFollower(r.term, from, out);
  r.leaderHeardAt = r.now;
  r.lastReset = r.now;
  r.reads?.leaderHeard(r, out);
}

export function onAppend(r: RaftReplica, from: number, m: AppendEntries, out: Outbox): void {
  if (r.state === State.Leader) return; // two leaders in one term: impossible unless broken
  heardFromLeader(r, from, out);
  const log = r.log;
  if (m.prevIndex > log.lastIndex || log.term(m.prevIndex) !== m.prevTerm) {
    const hint = log.conflictHint(m.prevIndex, m.prevTerm);
    sendToLeader(r, from, appendResponse(r.group, r.term, false, hint, m.prevIndex, log.term(hint)), out);
    return;
  }
  appendBatch(r, m.prevIndex, m);
  const match = m.prevIndex + m.entries;
  const commit = Math.min(m.commit, match);
  if (commit > r.commitIndex) r.advanceCommit(commit, out);
  owe(r, from, match, out);
}

/**
 * Skips entries we already have (a retransmission or a reordered message), truncates at the
 * first conflicting one (§5.3) and appends the rest. Usually prevIndex is our last index and
 * this is a plain append.
 */
function appendBatch(r: RaftReplica, prevIndex: number, m: AppendEntries): void {
  const log = r.log;
  const batch = m.batch;
  let index = prevIndex;
  for (let k = 0; k < batch.length; k++) {
    index++;
    if (index <= log.lastIndex) {
      if (log.term(index) === batch[k].term) continue;
      r.truncateLog(index - 1);
    }
    log.append(batch[k]);
    r.dirty = true;
  }
}

/** Records the acknowledgement owed to the leader; it leaves once the entries are durable. */
function owe(r: RaftReplica, leader: number, match: number, out: Outbox): void {
  r.acks.accepted(leader, r.term, match);
  r.sendPendingAck(out);
}

export function onHeartbeat(r: RaftReplica, from: number, m: Heartbeat, out: Outbox): void {
  if (r.state === State.Leader) return;
  heardFromLeader(r, from, out);
  // The leader sends min(our match, its commit), so this prefix is known to match its log.
  const commit = Math.min(m.commit, r.log.lastIndex);
  if (commit > r.commitIndex) r.advanceCommit(commit, out);
  r.reads?.onHeartbeat(r, m, out);
  // Report what we hold durably of this leader's log: it replaces an acknowledgement the
  // network may have lost, so a quiet leader still learns our match (and tells us the commit).
  sendToLeader(r, from, heartbeatResponse(r.group, r.term, m.round, r.acks.durableFor(from, r.term, r.disk)), out);
}
