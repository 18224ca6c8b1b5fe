// Every message passes Raft's term rule first (§5.1): a higher term makes us a follower of it,
// a lower one marks the sender as stale. Then it goes to the module that handles its type.
import type { Outbox } from '../node.js';
import { onPreVoteRequest, onPreVoteResponse, onVoteRequest, onVoteResponse } from './election.js';
import { onReadIndexRequest } from './follower-reads.js';
import { onAppend, onHeartbeat } from './follower.js';
import { appendResponse, heartbeatResponse, voteResponse, type RaftMessage } from './messages.js';
import type { RaftReplica } from './raft-replica.js';
import { onAppendResponse, onHeartbeatResponse } from './replication.js';

/** Applies the term rule; returns whether the message should still be handled. */
export function stepTerm(r: RaftReplica, from: number, m: RaftMessage, out: Outbox): boolean {
  if (m.term > r.term) {
    switch (m.type) {
      case 'PreVote':
        return true; // a pre-vote never changes the receiver's term
      case 'PreVoteResp':
        if (m.granted) return true;
        break;
      case 'RequestVote':
        if (r.inLease()) return false; // ignored entirely: a leader is believed alive
        r.becomeFollower(m.term, -1, out, true);
        return true;
      case 'AppendEntries':
      case 'Heartbeat':
        r.becomeFollower(m.term, from, out);
        return true;
      // an answer or a read-index exchange from a newer term: step down, drop it
      case 'AppendEntriesResp':
      case 'HeartbeatResp':
      case 'RequestVoteResp':
      case 'ReadIndex':
      case 'ReadIndexResp':
        break;
    }
    r.becomeFollower(m.term, -1, out);
    return false;
  }
  if (m.term < r.term) {
    // Answer a stale leader or candidate with our term so it steps down; drop stale answers.
    if (m.type === 'AppendEntries') out.send(from, appendResponse(r.group, r.term, false, 0, -1));
    else if (m.type === 'Heartbeat') out.send(from, heartbeatResponse(r.group, r.term, m.round, 0));
    else if (m.type === 'RequestVote') out.send(from, voteResponse('RequestVoteResp', r.group, r.term, false));
    return m.type === 'PreVote';
  }
  return true;
}

export function dispatch(r: RaftReplica, from: number, m: RaftMessage, out: Outbox): void {
  switch (m.type) {
    case 'AppendEntries':
      return onAppend(r, from, m, out);
    case 'Heartbeat':
      return onHeartbeat(r, from, m, out);
    case 'AppendEntriesResp':
      if (r.leaderState !== null) onAppendResponse(r, r.leaderState, from, m, out);
      return;
    case 'HeartbeatResp':
      if (r.leaderState !== null) onHeartbeatResponse(r, r.leaderState, from, m, out);
      return;
    case 'RequestVote':
      return onVoteRequest(r, from, m, out);
    case 'PreVote':
      return onPreVoteRequest(r, from, m, out);
    case 'RequestVoteResp':
      return onVoteResponse(r, m, out);
    case 'PreVoteResp':
      return onPreVoteResponse(r, m, out);
    case 'ReadIndex':
      if (r.leaderState !== null) onReadIndexRequest(r.leaderState, from, m);
      return;
    case 'ReadIndexResp':
      r.reads?.onReadIndex(r, m, out);
      return;
  }
}
