// The seam between the engine and every protocol: a node is a state machine that takes one
// input (a client request, a message, a timer, a crash or recovery, a finished fsync) and writes
// its effects to an Outbox. It reads no clock but `now`, draws no randomness but `out.random()`,
// and does no I/O. The engine turns the effects into scheduled events; a test can record them.

import type { CpuUse } from '../net/cpu.js';
import type { Micros } from '../scenario/scenario.js';

/** A protocol message, as the engine sees it. `entries` is how many log entries it carries
 *  (it sets the CPU cost). Each protocol declares a discriminated union of its own messages
 *  (RaftMessage, PaxosMessage, …), `type` the discriminant, and its node takes exactly that
 *  union (ProtocolNode<M>), so its handlers switch over `type` without a downcast. */
export interface Message {
  readonly type: string;
  readonly entries: number;
  /** Liveness traffic (heartbeats, votes): the receiver's CPU takes it before queued client
   *  work, as a consensus loop running apart from request handling does. Data messages
   *  (entries, acknowledgements) wait in line with the requests that caused them. */
  readonly urgent?: boolean;
  /** What the CPU time of sending and receiving it counts as (leader_cpu_*); Requests if absent. */
  readonly use?: CpuUse;
}

export type Role = 'leader' | 'follower' | 'candidate' | 'down' | 'serving' | 'idle';

/** A client request as a node sees it. Ids are plain integers so the hot path allocates nothing. */
export interface ClientRequest {
  /** The attempt to answer with `out.reply` (a retry is a new attempt of the same op). */
  readonly attempt: number;
  /** The client operation, stable across retries: durability is checked per op. */
  readonly op: number;
  readonly key: number;
  readonly write: boolean;
}

export const enum ReplyStatus {
  Ok = 0,
  /** Not the leader; `value` is the leader this node believes in, or -1. */
  Redirect = 1,
  /** Cannot serve now (no leader, no quorum); the client backs off and retries. */
  Unavailable = 2,
  /** Overloaded: the leader holds as many proposals as it may (maxPending) and refuses more
   *  at once, as etcd answers "too many requests" (ProtocolNode.admit). The client counts the
   *  op as failed and backs off before its next one. */
  Busy = 3,
  /** No reply came in time: the client gave up on the attempt. Never sent by a node; the
   *  engine's clients report it to the architecture (Architecture.attemptEnded). */
  TimedOut = -1,
}

/** How a commit note reads its entries (a Raft log; read straight from its packed fields). */
export interface CommittedLog {
  term(index: number): number;
  /** The client write at `index`, or -1 for any other entry (a read marker, a no-op). */
  writeOp(index: number): number;
}

export interface Outbox {
  /** Sends a message; the sender's CPU pays `perMessage + perEntry × entries` before it departs. */
  send(to: number, msg: Message): void;
  /** Sets (or resets) timer `id` to fire `delay` from now; one pending instance per id. */
  setTimer(id: number, delay: Micros): void;
  cancelTimer(id: number): void;
  /**
   * Fires timer `id` as soon as this node's CPU has worked through what is queued for it now
   * (client requests and data messages that arrived while it was busy). A leader uses it as
   * etcd uses its Ready loop: take in everything waiting, then send once per follower.
   */
  deferTimer(id: number): void;
  /** Answers a client attempt. For an Ok read, `value` is the version read (for stale-read checks). */
  reply(attempt: number, status: ReplyStatus, value: number): void;
  /** Asks the disk to persist; `onPersisted(token)` follows once it is durable (immediately without a disk). */
  persist(token: number): void;
  /** Injected randomness: uniform in [0, 1), from this node's own stream. */
  random(): number;
  /** Trace notes: the metrics and the invariant checker read these. `group` names the
   *  replication group when a node hosts several (sharded-raft); it defaults to 0. */
  role(role: Role, term: number, group?: number): void;
  /** Log entries first..last became committed at this node, as `log` holds them: an entry's
   *  (index, term, op) must never change once committed. One note for a whole range, because a
   *  node that restarts applies its entire log again (without snapshots, that is how Raft
   *  rebuilds its state machine), and the invariant checker compares every entry. */
  commit(first: number, last: number, log: CommittedLog, group?: number): void;
  /** This node started an election round for `term` (failover counts rounds and detection). */
  electionStarted(term: number, group?: number): void;
  /** As leader of `term`, this node served its first client request of the term. Leaders that
   *  commit no client writes note this instead; it ends their architecture's failovers. */
  served(term: number, group?: number): void;
}

/** A node of a protocol whose messages are `M`. The engine delivers to a node only what nodes
 *  of its own architecture sent, so a node declares the union it receives. */
export interface ProtocolNode<M extends Message = Message> {
  /** The node boots (at time 0, or after recovery with its persisted state). */
  start(now: Micros, out: Outbox): void;
  request(now: Micros, req: ClientRequest, out: Outbox): void;
  /**
   * Optional load shedding: asked as a client request for `key` reaches the node, before it
   * queues for the CPU. False refuses it at once (urgently, for the CPU cost of one message,
   * never the service time: a refusal must stay cheaper than the work it avoids), answered
   * Busy. True admits it; its `request` call follows unless the node crashes first.
   */
  admit?(now: Micros, key: number, write: boolean): boolean;
  message(now: Micros, from: number, msg: M, out: Outbox): void;
  timer(now: Micros, id: number, out: Outbox): void;
  /** Disk confirmed everything persisted up to `token`. */
  persisted(now: Micros, token: number, out: Outbox): void;
  /** Crash: volatile state is lost; persisted state stays. `start` is called on recovery. */
  crash(): void;
}
