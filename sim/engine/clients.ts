// The clients: they create operations (open-loop Poisson arrivals or closed-loop clients with
// think time), send each as an attempt to the node the architecture names, and handle what
// comes back — success, a redirect to the leader, "unavailable", or silence until the timeout —
// with retries and exponential backoff. Latency is what the client sees: from the op's first
// attempt to its success, retries included. A "busy" answer (a leader shedding load) fails the
// op at once, and a closed-loop client backs off before its next op, twice as long after each
// busy answer in a row (up to 2^6 × backoff): retrying into an overloaded leader is what turns
// overload into collapse, and even refusals cost it CPU.
import { FloatColumn, IntColumn } from '../core/columns.js';
import type { EventQueue } from '../core/event-queue.js';
import type { Random } from '../core/rng.js';
import type { Architecture } from '../architectures/architecture.js';
import { ReplyStatus } from '../protocols/node.js';
import type { Micros, WorkloadSpec } from '../scenario/scenario.js';
import type { MetricsCollector } from '../metrics/collector.js';
import type { KeySampler } from '../workload/keys.js';
import type { Network } from '../net/network.js';
import { pushArrival, pushAttemptDeliver, pushAttemptTimeout, pushRetry, pushThink } from './events.js';
import type { Observers } from './observers.js';

const WRITE = 1;
/** opFlags above the write bit hold the op's session (its client connection). */
const SESSION_SHIFT = 1;
/** attemptState: the client still waits for this attempt's answer. */
const OPEN = 1;
/** attemptState: the request is on its way to a node or waits in its CPU queue (the node still
 *  reads the op's key and kind when it takes the job). */
const IN_FLIGHT = 2;
/** opLive: the op succeeded or failed for good (no more attempts); the bits below count its
 *  attempts not yet retired. */
const DONE = 1 << 30;
/** Redirects are cheap hops to the leader, not retries; this bounds a redirect loop. */
const MAX_REDIRECTS = 5;
/** A client's backoff after busy answers in a row stops doubling here (2^6 × backoff). */
export const MAX_BUSY_DOUBLINGS = 6;

export interface ClientDeps {
  queue: EventQueue;
  workload: WorkloadSpec;
  duration: Micros;
  architecture: Architecture;
  metrics: MetricsCollector;
  observers: Observers;
  network: Network;
  keys: KeySampler;
  /** Draws for arrivals, read/write mix, think time and backoff jitter — one stream each. */
  arrivals: Random;
  mix: Random;
  think: Random;
  jitter: Random;
  /** Picks an open-loop op's session when there are several (closed-loop client c uses c mod sessions). */
  sessions: Random;
}

export class Clients {
  // per op
  private readonly opStart = new FloatColumn();
  private readonly opKey = new IntColumn();
  private readonly opFlags = new IntColumn();
  private readonly opRetries = new IntColumn();
  private readonly opRedirects = new IntColumn();
  private readonly opClient = new IntColumn();
  /** DONE | attempts of the op not yet retired (see attemptState). */
  private readonly opLive = new IntColumn();
  // per attempt
  private readonly attemptOp = new IntColumn();
  private readonly attemptNode = new IntColumn();
  /** OPEN | IN_FLIGHT bits; 0 = retired: nothing will read the attempt again. */
  private readonly attemptState = new IntColumn();
  private readonly attemptSentAt = new FloatColumn();
  /** Every attempt below this is retired, every op below opsRetired done with all its attempts
   *  retired: the columns forget them, so they hold a window of rows, not the whole run. */
  private attemptsRetired = 0;
  private opsRetired = 0;
  private readonly attemptColumns = [this.attemptOp, this.attemptNode, this.attemptState, this.attemptSentAt];
  private readonly opColumns = [this.opStart, this.opKey, this.opFlags, this.opRetries, this.opRedirects, this.opClient, this.opLive];
  /** Attempts time out in the order they were sent (one fixed timeout), so a cursor over
   *  attempt ids with a single pending Timeout event replaces one heap event per attempt. */
  private timeoutCursor = 0;
  private timeoutPending = false;
  private readonly meanInterarrival: number;
  /** Per closed-loop client: busy answers in a row. */
  private readonly busyStreak: Int32Array;

  constructor(private readonly d: ClientDeps) {
    const arrival = d.workload.arrival;
    this.meanInterarrival = arrival.kind === 'poisson' ? 1e6 / arrival.ratePerSecond : 0;
    this.busyStreak = new Int32Array(arrival.kind === 'closed' ? arrival.clients : 0);
  }

  /** Schedules the first arrival, or every closed-loop client's first op, from `at` on (once the nodes are up). */
  start(at: Micros): void {
    const arrival = this.d.workload.arrival;
    if (arrival.kind === 'poisson') pushArrival(this.d.queue, at + this.interarrival());
    else for (let c = 0; c < arrival.clients; c++) pushThink(this.d.queue, at + this.thinkTime(), c);
  }

  private interarrival(): number {
    return Math.round(-this.meanInterarrival * Math.log(1 - this.d.arrivals()));
  }

  private thinkTime(): number {
    const arrival = this.d.workload.arrival;
    return arrival.kind === 'closed' ? Math.round(-arrival.think * Math.log(1 - this.d.think())) : 0;
  }

  arrival(now: Micros): void {
    const next = now + this.interarrival();
    if (next < this.d.duration) pushArrival(this.d.queue, next);
    this.newOp(now, -1);
  }

  clientReady(now: Micros, client: number): void {
    if (now < this.d.duration) this.newOp(now, client);
  }

  private newOp(now: Micros, client: number): void {
    const op = this.opStart.push(now);
    this.opKey.push(this.d.keys());
    const write = this.d.mix() < this.d.workload.writes ? WRITE : 0;
    this.opFlags.push(write | (this.sessionOf(client) << SESSION_SHIFT));
    this.opRetries.push(0);
    this.opRedirects.push(0);
    this.opClient.push(client);
    this.opLive.push(0);
    this.d.metrics.opOffered(now);
    this.send(now, op, -1);
  }

  /** With one session (the default) every op shares it and no draw is made, so runs without
   *  `sessions` are what they were. */
  private sessionOf(client: number): number {
    const sessions = this.d.workload.sessions ?? 1;
    if (sessions === 1) return 0;
    return client >= 0 ? client % sessions : Math.floor(this.d.sessions() * sessions);
  }

  private attemptEnded(now: Micros, attempt: number, status: ReplyStatus, value: number): void {
    const op = this.attemptOp.get(attempt);
    this.d.architecture.attemptEnded(
      now,
      this.attemptNode.get(attempt),
      status,
      value,
      this.opKey.get(op),
      this.opFlags.get(op) >> SESSION_SHIFT,
      (this.opFlags.get(op) & WRITE) !== 0,
    );
  }

  /** Sends an attempt of `op` to `target`, or wherever the architecture routes it when -1. */
  send(now: Micros, op: number, target: number): void {
    const flags = this.opFlags.get(op);
    const write = (flags & WRITE) !== 0;
    const node =
      target >= 0 ? target : this.d.architecture.route(now, { op, key: this.opKey.get(op), write, session: flags >> SESSION_SHIFT });
    if (node < 0) {
      this.d.observers.attemptFailed(now, now);
      return this.retryLater(now, op);
    }
    if ((this.attemptOp.length & 255) === 0) this.forgetRetired(); // now and then: the window may lag a little
    const attempt = this.attemptOp.push(op);
    this.attemptNode.push(node);
    this.attemptSentAt.push(now);
    this.opLive.set(op, this.opLive.get(op) + 1);
    const hop = this.d.network.requestHop();
    this.attemptState.push(hop >= 0 ? OPEN | IN_FLIGHT : OPEN);
    if (hop >= 0) pushAttemptDeliver(this.d.queue, now + hop, node, attempt);
    if (!this.timeoutPending) this.scheduleTimeouts(now);
  }

  /** The node is done reading the attempt's request (it took the job, refused it, or was down). */
  settled(attempt: number): void {
    this.clear(attempt, IN_FLIGHT);
  }

  private isOpen(attempt: number): boolean {
    return attempt >= this.attemptState.first && (this.attemptState.get(attempt) & OPEN) !== 0;
  }

  private clear(attempt: number, bit: number): void {
    const state = this.attemptState.get(attempt) & ~bit;
    this.attemptState.set(attempt, state);
    if (state !== 0) return;
    const op = this.attemptOp.get(attempt);
    this.opLive.set(op, this.opLive.get(op) - 1);
  }

  /** Moves the retired marks past every attempt and op no one will read again, and lets the
   *  columns reuse their rows. */
  private forgetRetired(): void {
    const attempts = this.attemptState;
    let a = this.attemptsRetired;
    while (a < attempts.length && attempts.get(a) === 0) a++;
    if (a !== this.attemptsRetired) {
      this.attemptsRetired = a;
      for (const column of this.attemptColumns) column.forget(a);
    }
    let op = this.opsRetired;
    while (op < this.opLive.length && this.opLive.get(op) === DONE) op++;
    if (op !== this.opsRetired) {
      this.opsRetired = op;
      for (const column of this.opColumns) column.forget(op);
    }
  }

  /** Times out every open attempt whose deadline has passed, then waits for the next open one. */
  timeouts(now: Micros): void {
    this.timeoutPending = false;
    const timeout = this.d.workload.timeout;
    for (; this.timeoutCursor < this.attemptOp.length; this.timeoutCursor++) {
      const attempt = this.timeoutCursor;
      if (!this.isOpen(attempt)) continue;
      if (this.attemptSentAt.get(attempt) + timeout > now) break;
      this.timeout(now, attempt);
    }
    this.scheduleTimeouts(now);
  }

  private scheduleTimeouts(now: Micros): void {
    while (this.timeoutCursor < this.attemptOp.length && !this.isOpen(this.timeoutCursor)) this.timeoutCursor++;
    if (this.timeoutPending || this.timeoutCursor >= this.attemptOp.length) return;
    this.timeoutPending = true;
    pushAttemptTimeout(this.d.queue, Math.max(now, this.attemptSentAt.get(this.timeoutCursor) + this.d.workload.timeout));
  }

  /** When the attempt left its client. */
  sentAt(attempt: number): Micros {
    return this.attemptSentAt.get(attempt);
  }

  /** The request as the node that takes it sees it; the node reads nothing of it later. */
  take(attempt: number): { attempt: number; op: number; key: number; write: boolean } {
    const op = this.attemptOp.get(attempt);
    const request = { attempt, op, key: this.opKey.get(op), write: (this.opFlags.get(op) & WRITE) !== 0 };
    this.settled(attempt);
    return request;
  }

  /** The key of the op an attempt belongs to. */
  keyOf(attempt: number): number {
    return this.opKey.get(this.attemptOp.get(attempt));
  }

  isWrite(attempt: number): boolean {
    return (this.opFlags.get(this.attemptOp.get(attempt)) & WRITE) !== 0;
  }

  reply(now: Micros, attempt: number, status: ReplyStatus, value: number): void {
    if (!this.isOpen(attempt)) return; // it timed out already
    this.clear(attempt, OPEN);
    this.attemptEnded(now, attempt, status, value);
    const op = this.attemptOp.get(attempt);
    if (status === ReplyStatus.Ok) return this.succeed(now, op, value);
    if (status === ReplyStatus.Busy) return this.fail(now, op, this.busyBackoff(op));
    if (status === ReplyStatus.Redirect && value >= 0 && this.opRedirects.get(op) < MAX_REDIRECTS) {
      this.opRedirects.set(op, this.opRedirects.get(op) + 1);
      return this.send(now, op, value);
    }
    this.d.observers.attemptFailed(now, this.attemptSentAt.get(attempt));
    this.retryLater(now, op);
  }

  private timeout(now: Micros, attempt: number): void {
    this.clear(attempt, OPEN);
    this.d.observers.attemptFailed(now, this.attemptSentAt.get(attempt));
    this.attemptEnded(now, attempt, ReplyStatus.TimedOut, 0);
    this.retryLater(now, this.attemptOp.get(attempt));
  }

  /** Backs off and retries, or gives the op up when its retries are spent. */
  private retryLater(now: Micros, op: number): void {
    const used = this.opRetries.get(op);
    if (used >= this.d.workload.retries.max) return this.fail(now, op);
    this.opRetries.set(op, used + 1);
    pushRetry(this.d.queue, now + this.backoff(used), op, -1);
  }

  /** Reports every op still waiting for its answer at `end` (the run stops there): the metrics
   *  count it as incomplete and censor its latency at the wait so far. */
  stillWaiting(end: Micros): void {
    for (let op = this.opsRetired; op < this.opLive.length; op++) {
      if ((this.opLive.get(op) & DONE) === 0) this.d.metrics.opIncomplete(end, this.opStart.get(op));
    }
  }

  /** A closed-loop client turned away backs off exponentially in its busy answers in a row. */
  private busyBackoff(op: number): Micros {
    const client = this.opClient.get(op);
    if (client < 0) return 0;
    const streak = Math.min(this.busyStreak[client]++, MAX_BUSY_DOUBLINGS);
    return this.backoff(streak);
  }

  /** Exponential backoff with ±50% jitter, so retries of a failover do not arrive in lockstep. */
  private backoff(retriesUsed: number): Micros {
    return Math.round(this.d.workload.retries.backoff * 2 ** retriesUsed * (0.5 + this.d.jitter()));
  }

  private succeed(now: Micros, op: number, value: number): void {
    const flags = this.opFlags.get(op);
    const client = this.opClient.get(op);
    if (client >= 0) this.busyStreak[client] = 0;
    this.d.metrics.opCompleted(now, op, this.opStart.get(op), (flags & WRITE) !== 0, this.opKey.get(op), value);
    this.d.observers.succeeded(now);
    this.opDone(now, op);
  }

  /** `pause`: how long a closed-loop client waits beyond its think time before the next op. */
  private fail(now: Micros, op: number, pause: Micros = 0): void {
    this.d.metrics.opFailed(now, this.opStart.get(op));
    this.opDone(now, op, pause);
  }

  private opDone(now: Micros, op: number, pause: Micros = 0): void {
    this.opLive.set(op, this.opLive.get(op) | DONE);
    const client = this.opClient.get(op);
    if (client >= 0) pushThink(this.d.queue, now + pause + this.thinkTime(), client);
  }
}
