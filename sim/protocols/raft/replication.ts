// The leader's side of log replication (§5.3): it appends, sends AppendEntries in batches of at
// most maxBatch entries with up to `pipeline` of them unacknowledged per follower, counts
// acknowledgements per index and commits what a quorum holds — but by counting only entries of
// its own term (§5.4.2), which is why a new leader appends a no-op at once.
// Sending is batched as etcd's Ready loop and CockroachDB's proposal buffer batch it: appends
// and acknowledgements only mark that something is to be sent, and one Ready step, queued behind
// the work that arrived meanwhile (Outbox.deferTimer), sends each follower one AppendEntries
// with everything it lacks. Per-message costs are then paid per batch, not per write or per ack.
import { CpuUse } from '../../net/cpu.js';
import type { Outbox } from '../node.js';
import type { LeaderState } from './leader-state.js';
import { EntryKind, type LogEntry } from './log.js';
import type { AppendResponse, HeartbeatResponse } from './messages.js';
import { answerReadIndex } from './follower-reads.js';
import { pickRelays } from './relays.js';
import type { RaftReplica } from './raft-replica.js';
import { leaseHolds } from './lease.js';
import { TIMER_HEARTBEAT, TIMER_READY } from './state.js';

/**
 * The start of a term in office (called by RaftReplica.becomeLeader): the index a read needs,
 * the leader's own durable copy, the no-op that lets it commit entries of earlier terms
 * (§5.4.2), and the first heartbeat timer.
 */
export function startTerm(r: RaftReplica, l: LeaderState, out: Outbox): void {
  // Reads answer with the latest applied write per key; only a leader needs that index, so it
  // is rebuilt here (once per term) instead of being kept by every replica.
  for (let i = 1; i <= r.applied; i++) if (r.log.kind(i) === EntryKind.Write) l.lastWrite.set(r.log.key(i), i);
  l.termStart = r.log.lastIndex + 1;
  onSelfDurable(r, l, out);
  leaderAppend(r, l, { term: r.term, op: -1, key: -1, kind: EntryKind.Noop }, -1, out);
  out.setTimer(r.timerBase + TIMER_HEARTBEAT, r.opts.heartbeat);
}

/** Appends a new entry (persisted at the end of the handler); the next Ready step sends it. */
export function leaderAppend(r: RaftReplica, l: LeaderState, entry: LogEntry, attempt: number, out: Outbox): void {
  const index = r.log.append(entry);
  r.dirty = true;
  if (attempt >= 0) l.pending.add(index, attempt);
  if (r.unsafeCommit) r.advanceCommit(index, out); // the deliberate bug: no quorum, no disk
  if (r.peers.length > 0) queueReady(l, r, out);
}

/** Something is to be sent: one Ready step, behind what is already queued, will send it. */
function queueReady(l: LeaderState, r: RaftReplica, out: Outbox): void {
  if (l.readyQueued) return;
  l.readyQueued = true;
  out.deferTimer(r.timerBase + TIMER_READY);
}

/**
 * Followers served per Ready step. A step's sends are one stretch of CPU that nothing can
 * interrupt; in a group of 1000 with big batches, one step for all followers would hold the
 * leader's CPU for seconds and starve its heartbeats. So a step serves a few followers and
 * queues the next one behind the work that arrived meanwhile (as a real leader's sending
 * interleaves with its other work); followers later in the round get what arrived meanwhile.
 */
const FOLLOWERS_PER_STEP = 8;

/** A Ready step: from the round's cursor on, followers get what they lack (as far as their
 *  windows allow), until FOLLOWERS_PER_STEP got a message or a whole round found nothing. */
export function ready(r: RaftReplica, l: LeaderState, out: Outbox): void {
  const n = r.peers.length;
  // Through relays a step costs the leader one envelope per group: it serves every follower.
  const perStep = l.relays === null ? FOLLOWERS_PER_STEP : n;
  let served = 0;
  for (let seen = 0; seen < n; seen++) {
    const p = l.readyCursor;
    l.readyCursor = p + 1 === n ? 0 : p + 1;
    if (!hasToSend(r, l, p)) continue;
    sendIfAllowed(r, l, p, out);
    if (++served === perStep) {
      l.relays?.flush(r, out);
      return out.deferTimer(r.timerBase + TIMER_READY);
    }
  }
  l.relays?.flush(r, out);
  l.readyQueued = false;
}

/** Would sendIfAllowed send follower `p` anything now? */
function hasToSend(r: RaftReplica, l: LeaderState, p: number): boolean {
  return l.progress.hasToSend(p, r.log.lastIndex);
}

/** The leader's own copy counts once it is on disk. */
export function onSelfDurable(r: RaftReplica, l: LeaderState, out: Outbox): void {
  if (r.disk.term !== r.term || r.disk.length <= l.selfMatch) return;
  l.acks.add(l.selfMatch, r.disk.length);
  l.selfMatch = r.disk.length;
  maybeCommit(r, l, out);
}

function maybeCommit(r: RaftReplica, l: LeaderState, out: Outbox): void {
  if (l.quorumIndex < r.commitIndex) l.quorumIndex = r.commitIndex;
  while (l.acks.count(l.quorumIndex + 1) >= r.quorum) l.quorumIndex++;
  if (l.quorumIndex > r.commitIndex && l.quorumIndex >= l.termStart) r.advanceCommit(l.quorumIndex, out);
}

/** Sends follower `p` what it lacks, as far as its probe state or pipeline window allows. */
function sendIfAllowed(r: RaftReplica, l: LeaderState, p: number, out: Outbox): void {
  const pr = l.progress;
  const last = r.log.lastIndex;
  const batch = r.opts.maxBatch;
  for (let to = pr.batchEnd(p, last, batch); to >= 0; to = pr.batchEnd(p, last, batch)) sendAppend(r, l, p, pr.nextOf(p), to, out);
}

function sendAppend(r: RaftReplica, l: LeaderState, p: number, from: number, to: number, out: Outbox): void {
  const prevIndex = from - 1;
  let m = l.lastAppend;
  // Followers in step get the very same message object: no allocation per follower.
  if (m === null || m.prevIndex !== prevIndex || prevIndex + m.entries !== to || m.commit !== r.commitIndex) {
    const batch = r.log.slice(from, to);
    const prevTerm = r.log.term(prevIndex);
    m = {
      type: 'AppendEntries',
      group: r.group,
      term: r.term,
      prevIndex,
      prevTerm,
      commit: r.commitIndex,
      batch,
      entries: batch.length,
      use: CpuUse.Replication,
    };
    l.lastAppend = m;
  }
  l.progress.sent(p, to);
  if (l.relays !== null && !l.relays.isDirect(p)) l.relays.add(p, m);
  else out.send(r.peers[p], m);
}

export function onAppendResponse(r: RaftReplica, l: LeaderState, from: number, m: AppendResponse, out: Outbox): void {
  const p = r.peerIndex(from);
  if (p < 0) return;
  const pr = l.progress;
  if (m.success) matched(r, l, p, m.index, out);
  else {
    if (pr.staleRejection(p, m.rejected)) return;
    const hint = r.log.conflictHint(m.index, m.hintTerm);
    pr.rejectedTo(p, Math.min(hint + 1, m.rejected));
  }
  if (hasToSend(r, l, p)) queueReady(l, r, out);
}

/** Follower `p` holds our log up to `index`, durably. */
function matched(r: RaftReplica, l: LeaderState, p: number, index: number, out: Outbox): void {
  const before = l.progress.acked(p, index);
  if (index > before && r.peerVotes[p] === 1) l.acks.add(before, index); // a learner's copy does not count
  maybeCommit(r, l, out);
}

/** Every heartbeat interval: check the quorum (optionally), then a heartbeat to every follower. */
export function sendHeartbeats(r: RaftReplica, l: LeaderState, out: Outbox): void {
  if (r.opts.checkQuorum && r.quorum > 1 && r.now - l.lastQuorumContact() > r.opts.electionTimeout[0]) {
    r.becomeFollower(r.term, -1, out); // no quorum heard us for an election timeout: step down
    return;
  }
  const round = l.startRound(r.now, r.quorum);
  pickRelays(r, l);
  if (l.readAsks.length > 0) answerReadIndex(r, l, out);
  const lease = r.opts.followerReads === 'lease' ? { readIndex: leaseHolds(r, l) ? r.commitIndex : -1, sentAt: r.now } : null;
  const pr = l.progress;
  for (let p = 0; p < r.peers.length; p++) {
    // A follower may only learn a commit point it holds: min(match, commitIndex).
    const commit = Math.min(pr.matchOf(p), r.commitIndex);
    let m = l.lastHeartbeat;
    if (m === null || m.commit !== commit || m.round !== round) {
      m = { type: 'Heartbeat', group: r.group, term: r.term, commit, round, entries: 0, urgent: true, use: CpuUse.Heartbeats };
      if (lease !== null) m = { ...m, ...lease };
      l.lastHeartbeat = m;
    }
    if (l.relays !== null && !l.relays.isDirect(p)) l.relays.add(p, m);
    else out.send(r.peers[p], m);
  }
  l.relays?.flush(r, out);
  out.setTimer(r.timerBase + TIMER_HEARTBEAT, r.opts.heartbeat);
}

export function onHeartbeatResponse(r: RaftReplica, l: LeaderState, from: number, m: HeartbeatResponse, out: Outbox): void {
  const p = r.peerIndex(from);
  if (p < 0) return;
  if (r.peerVotes[p] === 1) {
    l.roundAnswered(m.round, r.quorum);
    if (l.readAsks.length > 0) answerReadIndex(r, l, out);
  }
  if (m.match > l.progress.matchOf(p)) matched(r, l, p, m.match, out);
  const behind = l.progress.heartbeatAnswered(p, r.log.lastIndex);
  if (behind && hasToSend(r, l, p)) queueReady(l, r, out);
}
