// The requests a node is coordinating: each waits for its quorum (W write acks or R read
// answers) and gives up after a fixed timeout with Unavailable, so the client can retry
// elsewhere instead of waiting out its own, longer, timeout.
//
// Every coordination gets the same timeout and ids grow with time, so id order is deadline
// order: one sweep timer aimed at the oldest open request replaces a timer per request (and
// keeps the engine's per-node timer table at one slot). The open ones sit in a ring indexed
// by id (every ack and answer looks its coordination up: an array read, not a Map's hash probe),
// spanning the ids from the oldest open one to the newest.
import { ReplyStatus, type Outbox } from '../node.js';
import type { Micros } from '../../scenario/scenario.js';

export const SWEEP_TIMER = 0;

export interface Coordination {
  readonly req: number;
  readonly attempt: number;
  readonly op: number;
  readonly key: number;
  readonly write: boolean;
  readonly deadline: Micros;
  /** Acks (write) or answers (read) still needed. */
  missing: number;
  /** A write's version; for a read, the highest version answered so far. */
  version: number;
  /** Read answers so far, for read repair: who answered, and with which version (null for a write). */
  readonly from: number[] | null;
  readonly versions: number[] | null;
}

export class Coordinations {
  /** ring[id & mask]: the open coordination with that id, for ids in [oldest, nextReq). */
  private ring: (Coordination | undefined)[] = new Array<Coordination | undefined>(16).fill(undefined);
  private mask = 15;
  /** Every id below this is closed; the one at it is open unless none is (oldest = nextReq). */
  private oldest = 0;
  /** Never reset, not even by a crash: an ack for a request of an earlier life never matches. */
  private nextReq = 0;
  private count = 0;
  private armed = false;

  constructor(private readonly timeout: Micros) {}

  begin(now: Micros, out: Outbox, req: { attempt: number; op: number; key: number; write: boolean }, missing: number): Coordination {
    if (this.nextReq - this.oldest === this.ring.length) this.grow();
    const c: Coordination = {
      req: this.nextReq++,
      attempt: req.attempt,
      op: req.op,
      key: req.key,
      write: req.write,
      deadline: now + this.timeout,
      missing,
      version: 0,
      from: req.write ? null : [],
      versions: req.write ? null : [],
    };
    this.ring[c.req & this.mask] = c;
    this.count++;
    if (!this.armed) this.arm(now, out);
    return c;
  }

  get(req: number): Coordination | undefined {
    return req < this.oldest || req >= this.nextReq ? undefined : this.ring[req & this.mask];
  }

  /** The coordination is answered; a late ack or answer for it is ignored. */
  finish(c: Coordination): void {
    this.ring[c.req & this.mask] = undefined;
    this.count--;
    while (this.oldest < this.nextReq && this.ring[this.oldest & this.mask] === undefined) this.oldest++;
  }

  /** The sweep timer fired: every coordination past its deadline answers Unavailable. */
  sweep(now: Micros, out: Outbox): void {
    this.armed = false;
    for (let c = this.first(); c !== undefined && c.deadline <= now; c = this.first()) {
      out.reply(c.attempt, ReplyStatus.Unavailable, 0);
      this.finish(c);
    }
    this.arm(now, out);
  }

  get size(): number {
    return this.count;
  }

  /** A crash forgets every coordination (the clients time out) and the timer with them. */
  crash(): void {
    this.ring.fill(undefined);
    this.oldest = this.nextReq;
    this.count = 0;
    this.armed = false;
  }

  /** The oldest open coordination, if any. */
  private first(): Coordination | undefined {
    return this.oldest < this.nextReq ? this.ring[this.oldest & this.mask] : undefined;
  }

  private arm(now: Micros, out: Outbox): void {
    const c = this.first();
    if (c === undefined) return;
    out.setTimer(SWEEP_TIMER, c.deadline - now);
    this.armed = true;
  }

  /** Doubles the ring: every id in [oldest, nextReq) keeps its coordination at its new place. */
  private grow(): void {
    const ring = new Array<Coordination | undefined>(2 * this.ring.length).fill(undefined);
    const mask = ring.length - 1;
    for (let id = this.oldest; id < this.nextReq; id++) ring[id & mask] = this.ring[id & this.mask];
    this.ring = ring;
    this.mask = mask;
  }
}
