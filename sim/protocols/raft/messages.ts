// Raft's messages. Every one names its replication group (a node may host replicas of many
// groups) and the sender's term; `entries` is the number of log entries carried, which sets the
// CPU cost the engine charges at both ends. Messages are immutable once sent, so one object may
// go to many followers (a vote request to all peers; an AppendEntries to every follower in step).
import { CpuUse } from '../../net/cpu.js';
import type { Message } from '../node.js';
import type { LogEntry } from './log.js';

interface Base extends Message {
  readonly group: number;
  readonly term: number;
  /** Every Raft message says what it is for: votes are Elections, AppendEntries and their
   *  answers Replication, heartbeats and their answers Heartbeats. */
  readonly use: CpuUse;
}

/** RequestVote, or with pre-vote the PreVote probe: `term` is the term the candidate would take. */
export interface VoteRequest extends Base {
  readonly type: 'RequestVote' | 'PreVote';
  readonly lastIndex: number;
  readonly lastTerm: number;
}

/** Answer to a vote request; a rejection carries the voter's term so a stale candidate catches up. */
export interface VoteResponse extends Base {
  readonly type: 'RequestVoteResp' | 'PreVoteResp';
  readonly granted: boolean;
}

export interface AppendEntries extends Base {
  readonly type: 'AppendEntries';
  readonly prevIndex: number;
  readonly prevTerm: number;
  /** The leader's commitIndex. */
  readonly commit: number;
  /** Shared with other followers and with the sender's log: never mutate. */
  readonly batch: readonly LogEntry[];
}

/**
 * Success: `index` is the follower's match (its log equals the leader's up to it, durably).
 * Rejection: `rejected` is the prevIndex that failed; `index` and `hintTerm` name the
 * follower's last entry at or below it whose term is ≤ prevTerm. The leader then skips to its
 * own last index at or below `index` with a term ≤ hintTerm: a whole divergent run per round
 * trip instead of one entry (etcd's findConflictByTerm, on both sides).
 */
export interface AppendResponse extends Base {
  readonly type: 'AppendEntriesResp';
  readonly success: boolean;
  readonly index: number;
  readonly rejected: number;
  readonly hintTerm: number;
}

/** Keeps followers from campaigning and tells them what is committed (≤ their match). */
export interface Heartbeat extends Base {
  readonly type: 'Heartbeat';
  readonly commit: number;
  /** Heartbeat round number, echoed back: rounds acknowledged by a quorum give the leader's lease. */
  readonly round: number;
  /** With lease follower reads: the leader's commit index while it holds its lease (else -1),
   *  and its clock's reading when it sent this. */
  readonly readIndex?: number;
  readonly sentAt?: number;
}

/** Also a cumulative acknowledgement: `match` is what an AppendEntries success would say now. */
export interface HeartbeatResponse extends Base {
  readonly type: 'HeartbeatResp';
  readonly round: number;
  readonly match: number;
}

/** A member asks the leader for an index that covers every write acknowledged so far (read-index). */
export interface ReadIndexRequest extends Base {
  readonly type: 'ReadIndex';
  readonly seq: number;
}

export interface ReadIndexResponse extends Base {
  readonly type: 'ReadIndexResp';
  readonly seq: number;
  /** The leader's commit index, confirmed by a quorum round sent after the question arrived. */
  readonly index: number;
}

export type RaftMessage =
  VoteRequest | VoteResponse | AppendEntries | AppendResponse | Heartbeat | HeartbeatResponse | ReadIndexRequest | ReadIndexResponse;

/** Is `msg` (any protocol's) an answer to a Raft vote or pre-vote request? The tracer records those. */
export function isVoteResponse(msg: Message): msg is VoteResponse {
  return msg.type === 'RequestVoteResp' || msg.type === 'PreVoteResp';
}

export function voteResponse(type: VoteResponse['type'], group: number, term: number, granted: boolean): VoteResponse {
  return { type, group, term, granted, entries: 0, urgent: true, use: CpuUse.Elections };
}

export function appendResponse(group: number, term: number, success: boolean, index: number, rejected = 0, hintTerm = 0): AppendResponse {
  return { type: 'AppendEntriesResp', group, term, success, index, rejected, hintTerm, entries: 0, use: CpuUse.Replication };
}

export function heartbeatResponse(group: number, term: number, round: number, match: number): HeartbeatResponse {
  return { type: 'HeartbeatResp', group, term, round, match, entries: 0, urgent: true, use: CpuUse.Heartbeats };
}
