// Multi-Paxos messages, named as the papers name them. Ballots are unique per proposer
// (round × nodes + id), so "higher ballot" alone orders any two proposals. `entries` is the
// number of log slots carried, which sets the CPU cost the engine charges at both ends.
import { CpuUse } from '../../net/cpu.js';
import type { Message } from '../node.js';
import type { LogEntry } from '../raft/index.js';
import type { MsgKind } from '../../trace/trace.js';

/** Phase 1a: promise to ignore ballots below `ballot`, and tell me what you accepted from slot `from` on. */
export interface Prepare extends Message {
  readonly type: 'prepare';
  readonly ballot: number;
  readonly from: number;
}

/**
 * Phase 1b. Granted: the acceptor's accepted slots from `from` on (an entry's `term` is the
 * ballot it was accepted in). Refused: `ballot` is the higher ballot the acceptor promised.
 */
export interface Promise extends Message {
  readonly type: 'promise';
  readonly ballot: number;
  readonly granted: boolean;
  readonly from: number;
  readonly batch: readonly LogEntry[];
}

/** Phase 2a for slots prev+1.., with the proposer's chosen point piggybacked. */
export interface Accept extends Message {
  readonly type: 'accept';
  readonly ballot: number;
  readonly prev: number;
  readonly chosen: number;
  /** Shared with other acceptors and with the sender's log: never mutate. */
  readonly batch: readonly LogEntry[];
}

/**
 * Phase 2b, cumulative. ok: the acceptor holds, durably, every slot up to `index` as this
 * ballot's proposer sent it. Not ok with `rejected` ≥ 0: the accept after `rejected` left a hole
 * (`index` is what it holds); not ok with `rejected` −1: `ballot` is a higher promise (a nack).
 */
export interface Accepted extends Message {
  readonly type: 'accepted';
  readonly ballot: number;
  readonly ok: boolean;
  readonly index: number;
  readonly rejected: number;
}

/** The leader's heartbeat: what is chosen; acceptors answer with an `accepted` of what they hold. */
export interface Chosen extends Message {
  readonly type: 'chosen';
  readonly ballot: number;
  readonly chosen: number;
}

export type PaxosMessage = Prepare | Promise | Accept | Accepted | Chosen;

const NONE: readonly LogEntry[] = [];

export const prepare = (ballot: number, from: number): Prepare => ({
  type: 'prepare',
  ballot,
  from,
  entries: 0,
  urgent: true,
  use: CpuUse.Elections,
});

export const promise = (ballot: number, granted: boolean, from = 0, batch = NONE): Promise => ({
  type: 'promise',
  ballot,
  granted,
  from,
  batch,
  entries: batch.length,
  urgent: true,
  use: CpuUse.Elections,
});

/** An answer to an accept (Replication) or, `heartbeat`, to a chosen message (Heartbeats, urgent). */
export const accepted = (ballot: number, ok: boolean, index: number, rejected: number, heartbeat = false): Accepted => ({
  type: 'accepted',
  ballot,
  ok,
  index,
  rejected,
  entries: 0,
  urgent: heartbeat,
  use: heartbeat ? CpuUse.Heartbeats : CpuUse.Replication,
});

export const chosen = (ballot: number, upTo: number): Chosen => ({
  type: 'chosen',
  ballot,
  chosen: upTo,
  entries: 0,
  urgent: true,
  use: CpuUse.Heartbeats,
});

/** How the replay page draws them: phase 1 as votes, phase 2 as appends, the chosen point as heartbeats. */
export const PAXOS_MESSAGE_KINDS: Readonly<Record<PaxosMessage['type'], MsgKind>> = {
  prepare: 'vote',
  promise: 'vote',
  accept: 'append',
  accepted: 'append',
  chosen: 'heartbeat',
};
