// The engine's event kinds. An event is (time, kind, a, b, c) in the EventQueue — numbers only,
// which keeps the queue fast — and each kind is written and read in one place: its `push…`
// function below packs its arguments, and `dispatchEvent` unpacks them into the handler of the
// same name, so the compiler checks both ends. Adding a kind is one enum member, one push
// function, one case and one handler (EventHandlers): a case left out does not compile.
import type { EventQueue } from '../core/event-queue.js';
import type { ReplyStatus } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';

export const enum Ev {
  Start = 0,
  Arrival = 1,
  Think = 2,
  AttemptDeliver = 3,
  ReplyDeliver = 4,
  AttemptTimeout = 5,
  Retry = 6,
  MessageDeliver = 7,
  CpuDone = 8,
  Timer = 9,
  DiskDone = 10,
  Fault = 11,
  Recover = 12,
  Tick = 13,
}

/** What the engine does with each kind of event, its arguments by name. */
export interface EventHandlers {
  /** A node boots. */
  onStart(now: Micros, node: number): void;
  /** The next open-loop arrival. */
  onArrival(now: Micros): void;
  /** A closed-loop client finished thinking. */
  onThink(now: Micros, client: number): void;
  /** A client attempt reaches a node. */
  onAttemptDeliver(now: Micros, node: number, attempt: number): void;
  /** A node's reply reaches the client (`value` may exceed 32 bits). */
  onReplyDeliver(now: Micros, attempt: number, status: ReplyStatus, value: number): void;
  /** The oldest open attempt's timeout is due (the clients keep the order). */
  onAttemptTimeout(now: Micros): void;
  /** An op's retry after backoff, to `hint` (-1: no node in mind). */
  onRetry(now: Micros, op: number, hint: number): void;
  /** A protocol message reaches node `to` (the message waits in `slot`). */
  onMessageDeliver(now: Micros, to: number, slot: number, from: number): void;
  /** A node's CPU finishes its current job, started in the node's life `epoch`. */
  onCpuDone(now: Micros, node: number, epoch: number): void;
  /** A node's timer fires (void unless `generation` is still the timer's). */
  onTimer(now: Micros, node: number, id: number, generation: number): void;
  /** A node's fsync of `token` completes, started in the node's life `epoch`. */
  onDiskDone(now: Micros, node: number, token: number, epoch: number): void;
  /** Action `index` of the fault plan is due. */
  onFault(now: Micros, index: number): void;
  /** A crashed node recovers. */
  onRecover(now: Micros, node: number): void;
  /** The architecture's periodic tick (health checks). */
  onTick(now: Micros): void;
}

/** The one decoder: the event just popped, to its handler. */
export function dispatchEvent(h: EventHandlers, now: Micros, kind: Ev, a: number, b: number, c: number): void {
  switch (kind) {
    case Ev.Start:
      return h.onStart(now, a);
    case Ev.Arrival:
      return h.onArrival(now);
    case Ev.Think:
      return h.onThink(now, a);
    case Ev.AttemptDeliver:
      return h.onAttemptDeliver(now, a, b);
    case Ev.ReplyDeliver:
      return h.onReplyDeliver(now, a, b, c);
    case Ev.AttemptTimeout:
      return h.onAttemptTimeout(now);
    case Ev.Retry:
      return h.onRetry(now, a, b);
    case Ev.MessageDeliver:
      return h.onMessageDeliver(now, a, b, c);
    case Ev.CpuDone:
      return h.onCpuDone(now, a, b);
    case Ev.Timer:
      return h.onTimer(now, a, b, c);
    case Ev.DiskDone:
      return h.onDiskDone(now, a, b, c);
    case Ev.Fault:
      return h.onFault(now, a);
    case Ev.Recover:
      return h.onRecover(now, a);
    case Ev.Tick:
      return h.onTick(now);
  }
}

// ---- the encoders, one per kind ----

export function pushStart(q: EventQueue, at: Micros, node: number): void {
  q.push(at, Ev.Start, node, 0, 0);
}
export function pushArrival(q: EventQueue, at: Micros): void {
  q.push(at, Ev.Arrival, 0, 0, 0);
}
export function pushThink(q: EventQueue, at: Micros, client: number): void {
  q.push(at, Ev.Think, client, 0, 0);
}
export function pushAttemptDeliver(q: EventQueue, at: Micros, node: number, attempt: number): void {
  q.push(at, Ev.AttemptDeliver, node, attempt, 0);
}
export function pushReplyDeliver(q: EventQueue, at: Micros, attempt: number, status: ReplyStatus, value: number): void {
  q.push(at, Ev.ReplyDeliver, attempt, status, value);
}
export function pushAttemptTimeout(q: EventQueue, at: Micros): void {
  q.push(at, Ev.AttemptTimeout, 0, 0, 0);
}
export function pushRetry(q: EventQueue, at: Micros, op: number, hint: number): void {
  q.push(at, Ev.Retry, op, hint, 0);
}
export function pushMessageDeliver(q: EventQueue, at: Micros, to: number, slot: number, from: number): void {
  q.push(at, Ev.MessageDeliver, to, slot, from);
}
export function pushCpuDone(q: EventQueue, at: Micros, node: number, epoch: number): void {
  q.push(at, Ev.CpuDone, node, epoch, 0);
}
/** In `lane` of the queue: a timer id with one interval keeps its lane in order (no heap work). */
export function pushTimer(q: EventQueue, lane: number, at: Micros, node: number, id: number, generation: number): void {
  q.pushInLane(lane, at, Ev.Timer, node, id, generation);
}
export function pushDiskDone(q: EventQueue, at: Micros, node: number, token: number, epoch: number): void {
  q.push(at, Ev.DiskDone, node, token, epoch);
}
export function pushFault(q: EventQueue, at: Micros, index: number): void {
  q.push(at, Ev.Fault, index, 0, 0);
}
export function pushRecover(q: EventQueue, at: Micros, node: number): void {
  q.push(at, Ev.Recover, node, 0, 0);
}
/** The first tick goes through the heap, the next ones in `lane`. */
export function pushTick(q: EventQueue, at: Micros, lane?: number): void {
  if (lane === undefined) q.push(at, Ev.Tick, 0, 0, 0);
  else q.pushInLane(lane, at, Ev.Tick, 0, 0, 0);
}
