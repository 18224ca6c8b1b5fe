// The server side of leasing: a client request is answered at once with an ID from the
// server's pool; when the pool is empty the request waits (WaitingClients) and the server asks
// the coordinator for a block — one lease request per `batch` waiting requests, at most
// MAX_IN_FLIGHT at a time (a bounded RPC window, so an overloaded coordinator's queue stays
// bounded and the backlog waits at the servers). A refusal naming a coordinator is followed at
// once; a refusal without one makes the server wait `hold`; a request unanswered within
// `timeout` is given up and asked again elsewhere, and so is one sent to a node that is no
// longer the coordinator when the server learns of a new one. A late grant is still used.
import type { Micros } from '../../scenario/scenario.js';
import { ReplyStatus, type Outbox } from '../node.js';
import { IdPool } from './id-pool.js';
import { leaseRequest } from './lease-messages.js';
import { WaitingClients } from './waiting-clients.js';

export const MAX_IN_FLIGHT = 16;

interface Pending {
  readonly sentAt: Micros;
  readonly to: number;
}

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
  private readonly waiting: WaitingClients;
  /** Unanswered lease requests by seq, in the order sent. */
  private readonly inFlight = new Map<number, Pending>();
  private nextSeq = 0;
  /** The coordinator that last answered or was named in a refusal, or -1. */
  private coordinator = -1;
  private holdUntil = 0;
  private timerAt = -1;

  constructor(private readonly cfg: LeaseClientConfig) {
    this.waiting = new WaitingClients(cfg.deadline);
  }

  request(now: Micros, attempt: number, out: Outbox): void {
    const id = this.pool.take();
    if (id >= 0) return out.reply(attempt, ReplyStatus.Ok, id);
    this.waiting.push(now, attempt);
    this.askAsNeeded(now, out);
  }

  granted(now: Micros, from: number, seq: number, start: number, count: number, out: Outbox): void {
    this.answered(seq, from);
    this.pool.add(start, count);
    this.waiting.dropExpired(now);
    while (this.waiting.length > 0) {
      const id = this.pool.take();
      if (id < 0) break;
      out.reply(this.waiting.shift(), ReplyStatus.Ok, id);
    }
    this.askAsNeeded(now, out);
  }

  refused(now: Micros, from: number, seq: number, leader: number, out: Outbox): void {
    this.answered(seq, leader);
    if (leader < 0 || leader === from) this.holdUntil = now + this.cfg.hold;
    this.askAsNeeded(now, out);
  }

  /** The lease timer: requests unanswered past the timeout are given up; then ask again. */
  timer(now: Micros, out: Outbox): void {
    this.timerAt = -1;
    for (const [seq, pending] of this.inFlight) {
      if (pending.sentAt + this.cfg.timeout > now) break;
      this.inFlight.delete(seq);
      this.coordinator = -1;
    }
    this.askAsNeeded(now, out);
  }

  /** The server learned that `leader` coordinates now: requests sent elsewhere go to it instead. */
  coordinatorChanged(now: Micros, leader: number, out: Outbox): void {
    this.coordinator = leader;
    this.holdUntil = 0; // the hold waits for a coordinator to exist: now one does
    for (const [seq, pending] of this.inFlight) if (pending.to !== leader) this.inFlight.delete(seq);
    this.askAsNeeded(now, out);
  }

  crash(): void {
    this.pool.clear();
    this.waiting.clear();
    this.inFlight.clear();
    this.coordinator = -1;
    this.holdUntil = 0;
    this.timerAt = -1;
  }

  private answered(seq: number, coordinator: number): void {
    this.inFlight.delete(seq);
    this.coordinator = coordinator;
  }

  /** Asks for as many blocks as the waiting requests need, then sets the timer for what is pending. */
  private askAsNeeded(now: Micros, out: Outbox): void {
    this.waiting.dropExpired(now);
    const holding = now < this.holdUntil;
    while (!holding && this.inFlight.size < MAX_IN_FLIGHT && this.needsMore()) {
      const seq = this.nextSeq++;
      const to = this.coordinator >= 0 ? this.coordinator : this.cfg.fallback(out);
      out.send(to, leaseRequest(seq));
      this.inFlight.set(seq, { sentAt: now, to });
    }
    let wake = Infinity;
    for (const pending of this.inFlight.values()) {
      wake = pending.sentAt + this.cfg.timeout;
      break;
    }
    if (holding && this.needsMore()) wake = Math.min(wake, this.holdUntil);
    if (wake < Infinity) this.wakeAt(now, wake, out);
  }

  private needsMore(): boolean {
    return this.waiting.length > this.inFlight.size * this.cfg.batch;
  }

  /** Makes sure the timer fires by `at` (an earlier pending firing re-arms it then). */
  private wakeAt(now: Micros, at: Micros, out: Outbox): void {
    if (this.timerAt >= now && this.timerAt <= at) return;
    this.timerAt = at;
    out.setTimer(this.cfg.timerId, at - now);
  }
}
