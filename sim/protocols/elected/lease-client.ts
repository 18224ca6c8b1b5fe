// The server side of leasing: a client request is answered at once with an ID from the
// server's pool; when the pool is empty the request waits and the server asks the coordinator
// for a block — one lease request per `batch` waiting requests, at most MAX_IN_FLIGHT at a
// time (a bounded RPC window, so an overloaded coordinator's queue stays bounded and the
// backlog waits at the servers). A refusal naming a coordinator is followed at once; a refusal
// without one, or no answer within `timeout`, makes the server ask again later (elsewhere).
// Clients send their deadline along (as gRPC does): a request still waiting when its client
// has given up is dropped, not answered — otherwise, after a stall, IDs would go to attempts
// nobody waits for while their retries queue behind them, and the backlog would never drain.
import type { Micros } from '../../scenario/scenario.js';
import { ReplyStatus, type Outbox } from '../node.js';
import { Fifo } from './fifo.js';
import { IdPool } from './id-pool.js';
import { LEASE_REQUEST } from './lease-messages.js';

export const MAX_IN_FLIGHT = 16;

export interface LeaseClientConfig {
  /** IDs per lease. */
  batch: number;
  /** How long a client waits for an answer (its timeout). */
  deadline: Micros;
  /** A lease request unanswered this long is given up (and asked again). */
  timeout: Micros;
  /** After a refusal that names no coordinator, wait this long before asking again. */
  hold: Micros;
  timerId: number;
  /** Where to ask when no coordinator is known (its own best guess: e.g. its replica's leader). */
  fallback: (out: Outbox) => number;
}

export class LeaseClient {
  private readonly pool = new IdPool();
  /** Client attempts waiting for an ID, oldest first, and when each arrived. */
  private readonly waiting = new Fifo();
  private readonly waitingSince = new Fifo();
  /** Send times of unanswered lease requests, oldest first. */
  private readonly inFlight = new Fifo();
  /** The coordinator that last answered or was named in a refusal, or -1. */
  private coordinator = -1;
  private holdUntil = 0;
  private timerAt = -1;

  constructor(private readonly cfg: LeaseClientConfig) {}

  request(now: Micros, attempt: number, out: Outbox): void {
    const id = this.pool.take();
    if (id >= 0) return out.reply(attempt, ReplyStatus.Ok, id);
    this.waiting.push(attempt);
    this.waitingSince.push(now);
    this.askAsNeeded(now, out);
  }

  granted(now: Micros, from: number, start: number, count: number, out: Outbox): void {
    this.answered(from);
    this.pool.add(start, count);
    this.dropExpired(now);
    while (this.waiting.length > 0) {
      const id = this.pool.take();
      if (id < 0) break;
      this.waitingSince.shift();
      out.reply(this.waiting.shift(), ReplyStatus.Ok, id);
    }
    this.askAsNeeded(now, out);
  }

  refused(now: Micros, from: number, leader: number, out: Outbox): void {
    this.answered(leader);
    if (leader < 0 || leader === from) this.holdUntil = now + this.cfg.hold;
    this.askAsNeeded(now, out);
  }

  /** The lease timer: unanswered requests past their deadline are given up, then ask again. */
  timer(now: Micros, out: Outbox): void {
    this.timerAt = -1;
    while (this.inFlight.length > 0 && this.inFlight.peek() + this.cfg.timeout <= now) {
      this.inFlight.shift();
      this.coordinator = -1;
    }
    this.askAsNeeded(now, out);
  }

  crash(): void {
    this.pool.clear();
    this.waiting.clear();
    this.waitingSince.clear();
    this.inFlight.clear();
    this.coordinator = -1;
    this.holdUntil = 0;
    this.timerAt = -1;
  }

  private answered(coordinator: number): void {
    if (this.inFlight.length > 0) this.inFlight.shift();
    this.coordinator = coordinator;
  }

  private dropExpired(now: Micros): void {
    while (this.waiting.length > 0 && this.waitingSince.peek() + this.cfg.deadline <= now) {
      this.waiting.shift();
      this.waitingSince.shift();
    }
  }

  private askAsNeeded(now: Micros, out: Outbox): void {
    const { batch, timeout } = this.cfg;
    this.dropExpired(now);
    const holding = now < this.holdUntil;
    while (!holding && this.inFlight.length < MAX_IN_FLIGHT && this.waiting.length > this.inFlight.length * batch) {
      out.send(this.coordinator >= 0 ? this.coordinator : this.cfg.fallback(out), LEASE_REQUEST);
      this.inFlight.push(now);
    }
    let wake = this.inFlight.length > 0 ? this.inFlight.peek() + timeout : Infinity;
    if (holding && this.waiting.length > this.inFlight.length * batch) wake = Math.min(wake, this.holdUntil);
    if (wake < Infinity) this.wakeAt(now, wake, out);
  }

  /** Makes sure the timer fires by `at` (an earlier pending firing re-arms it then). */
  private wakeAt(now: Micros, at: Micros, out: Outbox): void {
    if (this.timerAt >= now && this.timerAt <= at) return;
    this.timerAt = at;
    out.setTimer(this.cfg.timerId, at - now);
  }
}
