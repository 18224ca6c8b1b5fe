// The engine's tracing seam. A run with a tracer attached tells it everything a replay draws:
// messages with their flight, client traffic, role notes, crashes, faults, and — after
// every handler — that a node's state may have changed. Without a tracer (every normal run) the
// engine pays one null check per hook; the tracer observes and never steers.
import type { Message, Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';

export interface TraceHooks {
  /** A message leaves `from`; `arriveAt` is -1 when it is lost or the link is cut. */
  message(from: number, to: number, msg: Message, departAt: Micros, arriveAt: Micros): void;
  clientRequest(departAt: Micros, arriveAt: Micros, node: number): void;
  clientReply(departAt: Micros, arriveAt: Micros, node: number, status: number): void;
  /** A handler of `node` ran at `now` (`local` on the node's own clock): its log, commit point
   *  or timers may have changed. */
  handled(now: Micros, node: number, local: Micros): void;
  role(now: Micros, node: number, group: number, role: Role, term: number): void;
  election(now: Micros, node: number, group: number, term: number): void;
  nodeUp(now: Micros, node: number, up: boolean): void;
  /** Clients stopped sending to `node` (a health check ejected it). */
  ejected(now: Micros, node: number): void;
  /** A fault action fired (crash, partition, heal, slow…): links and markers may have changed. */
  faultFired(now: Micros): void;
}
