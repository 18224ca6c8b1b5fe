// The requests a node is coordinating: each waits for its quorum (W write acks or R read
// answers) and gives up after a fixed timeout with Unavailable, so the client can retry
// elsewhere instead of waiting out its own, longer, timeout.
//
// Every coordination gets the same timeout and ids grow with time, so the Map's insertion
// order is deadline order: one sweep timer aimed at the oldest open request replaces a timer
// per request (and keeps the engine's per-node timer table at one slot).
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
  private readonly open = new Map<number, Coordination>();
  /** Never reset, not even by a crash: an ack for a request of an earlier life never matches. */
  private nextReq = 0;
  private armed = false;

  constructor(private readonly timeout: Micros) {}

  begin(now: Micros, out: Outbox, req: { attempt: number; op: number; key: number; write: boolean }, missing: number): Coordination {
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
    this.open.set(c.req, c);
    if (!this.armed) this.arm(now, out);
    return c;
  }

  get(req: number): Coordination | undefined {
    return this.open.get(req);
  }

  /** The coordination is answered; a late ack or answer for it is ignored. */
  finish(c: Coordination): void {
    this.open.delete(c.req);
  }

  /** The sweep timer fired: every coordination past its deadline answers Unavailable. */
  sweep(now: Micros, out: Outbox): void {
    this.armed = false;
    for (const c of this.open.values()) {
      if (c.deadline > now) break;
      out.reply(c.attempt, ReplyStatus.Unavailable, 0);
      this.open.delete(c.req);
    }
    this.arm(now, out);
  }

  get size(): number {
    return this.open.size;
  }

  /** A crash forgets every coordination (the clients time out) and the timer with them. */
  crash(): void {
    this.open.clear();
    this.armed = false;
  }

  private arm(now: Micros, out: Outbox): void {
    const oldest = this.open.values().next();
    if (oldest.done === true) return;
    out.setTimer(SWEEP_TIMER, oldest.value.deadline - now);
    this.armed = true;
  }
}
