// Leader election: randomized timeouts lead to RequestVote rounds (§5.2) with the log
// up-to-date check (§5.4.1); optionally each round is preceded by a PreVote round that changes
// no term, so a node cut off from the group cannot inflate terms and depose a healthy leader
// when it returns (Ongaro's thesis §9.6).
import { CpuUse } from '../../net/cpu.js';
import type { Outbox } from '../node.js';
import type { VoteRequest, VoteResponse } from './messages.js';
import { voteResponse } from './messages.js';
import type { RaftReplica } from './raft-replica.js';
import { State } from './state.js';

/** The election timer ran out without word from a leader. */
export function campaign(r: RaftReplica, out: Outbox): void {
  if (r.opts.preVote) preCampaign(r, out);
  else startElection(r, out);
}

function voteRequest(r: RaftReplica, type: VoteRequest['type'], term: number): VoteRequest {
  return {
    type,
    group: r.group,
    term,
    lastIndex: r.log.lastIndex,
    lastTerm: r.log.lastTerm,
    entries: 0,
    urgent: true,
    use: CpuUse.Elections,
  };
}

function preCampaign(r: RaftReplica, out: Outbox): void {
  r.becomePreCandidate(out);
  const msg = voteRequest(r, 'PreVote', r.term + 1);
  for (const peer of r.voterPeers) out.send(peer, msg);
  if (r.quorum <= 1) startElection(r, out);
}

/** A real round: new term, vote for self (counted once durable), ask every peer. */
function startElection(r: RaftReplica, out: Outbox): void {
  r.becomeCandidate(out);
  const msg = voteRequest(r, 'RequestVote', r.term);
  for (const peer of r.voterPeers) out.send(peer, msg);
}

/** A candidate wins with a quorum of votes, its own counting only once it is on disk. */
export function checkElected(r: RaftReplica, out: Outbox): void {
  if (r.state !== State.Candidate) return;
  const self = r.disk.term === r.term && r.disk.vote === r.id ? 1 : 0;
  if (r.votes + self >= r.quorum) r.becomeLeader(out);
}

export function onVoteRequest(r: RaftReplica, from: number, m: VoteRequest, out: Outbox): void {
  // One vote per term; none while a leader of this term is known (etcd's rule).
  // A learner has no vote (it is asked only by a candidate that counts it wrongly).
  const canVote = !r.learner && (r.votedFor === from || (r.votedFor === -1 && r.leader === -1));
  if (m.term < r.term || !canVote || !r.log.isUpToDate(m.lastIndex, m.lastTerm)) {
    out.send(from, voteResponse('RequestVoteResp', r.group, r.term, false));
    return;
  }
  if (r.votedFor !== from) {
    r.votedFor = from;
    r.dirty = true;
  }
  r.lastReset = r.now;
  r.pendingVoteFor = from;
  r.sendPendingVote(out); // at once if the vote is already durable, else after the fsync
}

/**
 * Would we vote? Only for a higher term, a log at least as up-to-date, and when no leader has
 * been heard from within the minimum election timeout. Changes nothing here.
 */
export function onPreVoteRequest(r: RaftReplica, from: number, m: VoteRequest, out: Outbox): void {
  const leaderAlive = r.state === State.Leader || r.now - r.leaderHeardAt < r.opts.electionTimeout[0];
  const granted = !r.learner && m.term > r.term && !leaderAlive && r.log.isUpToDate(m.lastIndex, m.lastTerm);
  out.send(from, voteResponse('PreVoteResp', r.group, granted ? m.term : r.term, granted));
}

export function onPreVoteResponse(r: RaftReplica, m: VoteResponse, out: Outbox): void {
  if (r.state !== State.PreCandidate || m.term !== r.term + 1 || !m.granted) return;
  if (++r.votes + 1 >= r.quorum) startElection(r, out);
}

export function onVoteResponse(r: RaftReplica, m: VoteResponse, out: Outbox): void {
  if (r.state !== State.Candidate || m.term !== r.term || !m.granted) return;
  r.votes++;
  checkElected(r, out);
}
