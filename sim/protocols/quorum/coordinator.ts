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

interface Common {
  readonly req: number;
  readonly attempt: number;
  readonly op: number;
  readonly key: number;
  readonly deadline: Micros;
  /** Acks (write) or answers (read) still needed. */
  missing: number;
  /** A write's version; for a read, the highest version answered so far. */
  version: number;
}

/** A write waits for W acks. It has the read's fields too, null, so both kinds share one
 *  object shape (monomorphic property loads on the hot path). */
export interface WriteCoordination extends Common {
  readonly write: true;
  readonly from: null;
  readonly versions: null;
}

/** A read waits for R answers, kept for read repair: who answered, and with which version. */
export interface ReadCoordination extends Common {
  readonly write: false;
  readonly from: number[];
  readonly versions: number[];
}

export type Coordination = WriteCoordination | ReadCoordination;

/** What a coordination is opened for: the client attempt. */
interface Asked {
  attempt: number;
  op: number;
  key: number;
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

  // Both literals list the fields in one order: one hidden class for both kinds.
  beginWrite(now: Micros, out: Outbox, req: Asked, missing: number): WriteCoordination {
    const c: WriteCoordination = {
      req: this.nextId(),
      attempt: req.attempt,
      op: req.op,
      key: req.key,
      write: true,
      deadline: now + this.timeout,
      missing,
      version: 0,
      from: null,
      versions: null,
    };
    this.open(now, out, c);
    return c;
  }

  beginRead(now: Micros, out: Outbox, req: Asked, missing: number): ReadCoordination {
    const c: ReadCoordination = {
      req: this.nextId(),
      attempt: req.attempt,
      op: req.op,
      key: req.key,
      write: false,
      deadline: now + this.timeout,
      missing,
      version: 0,
      from: [],
      versions: [],
    };
    this.open(now, out, c);
    return c;
  }

  private nextId(): number {
    if (this.nextReq - this.oldest === this.ring.length) this.grow();
    return this.nextReq++;
  }

  private open(now: Micros, out: Outbox, c: Coordination): void {
    this.ring[c.req & this.mask] = c;
    this.count++;
    if (!this.armed) this.arm(now, out);
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
