// Test support: builds replicas and messages for scripted tests, so a test reads as
// "this input → these outputs" over a RecordingOutbox.
import seedrandom from 'seedrandom';
import { CpuUse } from '../../sim/net/cpu.js';
import type { RaftOptions } from '../../sim/scenario/scenario.js';
import type { ClientRequest } from '../../sim/protocols/node.js';
import { RecordingOutbox } from '../fixtures/recording-outbox.js';
import {
  type AppendEntries,
  type AppendResponse,
  EntryKind,
  type Heartbeat,
  type LogEntry,
  type RaftMessage,
  RaftReplica,
  type VoteRequest,
  type VoteResponse,
} from '../../sim/protocols/raft/index.js';
import { TEST_OPTIONS } from './cluster.js';

export const MIN = TEST_OPTIONS.electionTimeout[0];
export const MAX = TEST_OPTIONS.electionTimeout[1];

export interface Scripted {
  r: RaftReplica;
  out: RecordingOutbox;
}

/** Replica `id` of a group of `n` (ids 0..n-1), booted at time 0, effects cleared. */
export function replica(id: number, n: number, options: Partial<RaftOptions> = {}, unsafe?: { commitWithoutMajority?: boolean }): Scripted {
  const members = Array.from({ length: n }, (_, i) => i);
  const r = new RaftReplica({ id, members, group: 0, timerBase: 0, options: { ...TEST_OPTIONS, ...options }, unsafe });
  const out = new RecordingOutbox(seedrandom.alea(`script/${id}`));
  r.start(0, out);
  out.take();
  return { r, out };
}

/** Confirms the latest persist request. */
export function sync(s: Scripted, now: number): void {
  const token = s.out.lastToken;
  if (token >= 0) s.r.persisted(now, token, s.out);
}

/** Runs the timers the replica deferred (a leader's Ready steps) until none is left. */
export function ready(s: Scripted, now: number): void {
  for (let ids = s.out.takeDeferred(); ids.length > 0; ids = s.out.takeDeferred()) for (const id of ids) s.r.timer(now, id, s.out);
}

/** Makes replica s the leader of term 1 (its log as it is) at time `at`; effects cleared. */
export function elect(s: Scripted, at = MAX + 1): void {
  s.r.timer(at, 0, s.out);
  sync(s, at);
  for (const peer of s.r.peers) s.r.message(at, peer, vote(s.r.term, true), s.out);
  sync(s, at);
  ready(s, at);
  s.out.take();
}

export function entry(term: number, op = -1, key = 0, kind = op >= 0 ? EntryKind.Write : EntryKind.Noop): LogEntry {
  return { term, op, key, kind };
}

export function append(term: number, prevIndex: number, prevTerm: number, batch: LogEntry[], commit = 0): AppendEntries {
  return { type: 'AppendEntries', group: 0, term, prevIndex, prevTerm, commit, batch, entries: batch.length, use: CpuUse.Replication };
}

export function appendOk(term: number, index: number): AppendResponse {
  return { type: 'AppendEntriesResp', group: 0, term, success: true, index, rejected: 0, hintTerm: 0, entries: 0, use: CpuUse.Replication };
}

export function appendReject(term: number, rejected: number, hint: number, hintTerm: number): AppendResponse {
  return {
    type: 'AppendEntriesResp',
    group: 0,
    term,
    success: false,
    index: hint,
    rejected,
    hintTerm,
    entries: 0,
    use: CpuUse.Replication,
  };
}

export function heartbeat(term: number, commit: number, round = 1): Heartbeat {
  return { type: 'Heartbeat', group: 0, term, commit, round, entries: 0, urgent: true, use: CpuUse.Heartbeats };
}

export function voteRequest(term: number, lastIndex: number, lastTerm: number, pre = false): VoteRequest {
  return { type: pre ? 'PreVote' : 'RequestVote', group: 0, term, lastIndex, lastTerm, entries: 0, urgent: true, use: CpuUse.Elections };
}

export function vote(term: number, granted: boolean, pre = false): VoteResponse {
  return { type: pre ? 'PreVoteResp' : 'RequestVoteResp', group: 0, term, granted, entries: 0, urgent: true, use: CpuUse.Elections };
}

export function write(attempt: number, op: number, key = 0): ClientRequest {
  return { attempt, op, key, write: true };
}

export function read(attempt: number, key = 0): ClientRequest {
  return { attempt, op: 1000 + attempt, key, write: false };
}

/** Messages sent, with the fields a test compares (batch shown as terms). */
export function sentMessages(out: RecordingOutbox, type?: string): { to: number; msg: Record<string, unknown> }[] {
  return out.sent(type).map(({ to, msg }) => {
    const m = msg as RaftMessage;
    return { to, msg: m.type === 'AppendEntries' ? { ...m, batch: m.batch.map((e) => e.term) } : { ...m } };
  });
}
