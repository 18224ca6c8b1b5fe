// Each node's CPU: one server. Everything a node does — a client request, a received protocol
// message, a timer, an fsync completion — is a job that waits its turn in a FIFO queue (the
// engine keeps two: timers and liveness messages go before requests and data); a job's handler runs when its
// service ends, and the messages it sends cost CPU before they depart.
// This queue is what makes a leader the bottleneck: its followers' acknowledgements and its
// own sends grow with N while a follower's work does not.

import { grownFloat64, grownInt32, grownUint8 } from '../core/grow.js';

/** What CPU time is spent on: every job and every send is charged to one of these (the
 *  leader_cpu_* columns split the leader's time in office by them). Messages name theirs
 *  (`Message.use`); a client request, or its refusal, is Requests. Timers, deferred steps and
 *  fsync completions cost nothing themselves: what they send is charged by what it is. */
export const enum CpuUse {
  Requests = 0,
  Replication = 1,
  Heartbeats = 2,
  Elections = 3,
}
export const CPU_USES = 4;

/** What a queued job is. */
export const enum Job {
  Request = 0,
  Message = 1,
  Timer = 2,
  Persisted = 3,
  /** A timer the node deferred until its queued work is done (Outbox.deferTimer). */
  Deferred = 4,
  /** A client request the node refused on arrival (ProtocolNode.admit): answered Busy. */
  Refused = 5,
}

/** A growable ring buffer of jobs: (job type, two integer arguments, cost in µs, what the cost
 *  is charged to). A job that costs nothing (timer, deferred step, fsync completion) keeps the
 *  default use: what its handler sends is charged by what that is. */
export class JobQueue {
  private cap = 16;
  private head = 0;
  private count = 0;
  private type = new Int32Array(this.cap);
  private arg1 = new Int32Array(this.cap);
  private arg2 = new Int32Array(this.cap);
  private cost = new Float64Array(this.cap);
  private use = new Uint8Array(this.cap);

  get length(): number {
    return this.count;
  }

  push(type: Job, a: number, b: number, cost: number, use: CpuUse = CpuUse.Requests): void {
    if (this.count === this.cap) this.grow();
    const i = (this.head + this.count) & (this.cap - 1);
    this.type[i] = type;
    this.arg1[i] = a;
    this.arg2[i] = b;
    this.cost[i] = cost;
    this.use[i] = use;
    this.count++;
  }

  /** Index of the oldest job (valid until the next push or shift). */
  peek(): number {
    return this.head;
  }
  typeAt(i: number): Job {
    return this.type[i];
  }
  arg1At(i: number): number {
    return this.arg1[i];
  }
  arg2At(i: number): number {
    return this.arg2[i];
  }
  costAt(i: number): number {
    return this.cost[i];
  }
  useAt(i: number): CpuUse {
    return this.use[i];
  }

  shift(): void {
    this.head = (this.head + 1) & (this.cap - 1);
    this.count--;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const { head, count } = this;
    this.type = grownInt32(this.type, cap, head, count);
    this.arg1 = grownInt32(this.arg1, cap, head, count);
    this.arg2 = grownInt32(this.arg2, cap, head, count);
    this.cost = grownFloat64(this.cost, cap, head, count);
    this.use = grownUint8(this.use, cap, head, count);
    this.head = 0;
    this.cap = cap;
  }
}
