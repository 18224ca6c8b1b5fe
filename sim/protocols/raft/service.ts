// What clients get from a replica: writes go through the log and are answered when applied
// (value = their log index); reads go through the log too (a read marker), or with a valid
// lease are answered at once (value = index of the latest applied write to the key, 0 if none).
// Non-leaders redirect to the leader they know. Load shedding (admit) is in RaftReplica.
import { ReplyStatus, type ClientRequest, type Outbox } from '../node.js';
import type { LeaderState } from './leader-state.js';
import { EntryKind, type RaftLog } from './log.js';
import { leaseHolds } from './lease.js';
import type { RaftReplica } from './raft-replica.js';
import { leaderAppend } from './replication.js';

export function serve(r: RaftReplica, req: ClientRequest, out: Outbox): void {
  const l = r.leaderState;
  if (l === null) {
    if (!req.write && r.reads !== null) return r.reads.arrive(r, req, out);
    return out.reply(req.attempt, ReplyStatus.Redirect, r.leader);
  }
  if (!req.write && leaseValid(r, l)) return out.reply(req.attempt, ReplyStatus.Ok, l.lastWrite.get(req.key) ?? 0);
  const kind = req.write ? EntryKind.Write : EntryKind.Read;
  leaderAppend(r, l, { term: r.term, op: req.op, key: req.key, kind }, req.attempt, out);
}

/**
 * A lease read is safe while no other leader can exist: a quorum answered a heartbeat round
 * sent at quorumHeardAt, and each of them ignores vote requests for electionTimeout.min after
 * receiving it (RaftReplica.inLease). The leader must also have committed an entry of its own
 * term, so that everything committed before it is applied here.
 */
function leaseValid(r: RaftReplica, l: LeaderState): boolean {
  return r.opts.leaseReads && leaseHolds(r, l);
}

/** Applies entries up to commitIndex: one commit note for them all, and on a leader the client
 *  answers (replies only schedule deliveries, so noting first changes no outcome). */
export function applyCommitted(r: RaftReplica, out: Outbox): void {
  if (r.applied >= r.commitIndex) return;
  const first = r.applied + 1;
  r.applied = r.commitIndex;
  out.commit(first, r.applied, r.log, r.group);
  if (r.leaderState !== null) answerApplied(r.leaderState, r.log, first, r.applied, out);
  if (r.reads !== null) {
    for (let i = first; i <= r.applied; i++) if (r.log.kind(i) === EntryKind.Write) r.reads.applied(r.log.key(i), i);
    if (r.leaderState === null) r.reads.serve(r, out);
  }
}

/** Answers the clients waiting for entries first..last, now applied (shared with multi-paxos). */
export function answerApplied(l: Pick<LeaderState, 'pending' | 'lastWrite'>, log: RaftLog, first: number, last: number, out: Outbox): void {
  for (let i = first; i <= last; i++) {
    const write = log.kind(i) === EntryKind.Write;
    if (write) l.lastWrite.set(log.key(i), i);
    if (l.pending.size === 0) continue;
    const attempt = l.pending.take(i);
    if (attempt < 0) continue;
    out.reply(attempt, ReplyStatus.Ok, write ? i : (l.lastWrite.get(log.key(i)) ?? 0));
  }
}
