// What happened in a run, as events any number of observers subscribe to: the metrics
// collector records them, the failover tracker measures failovers from them, and a tracer
// could write them down. Observers never change what happens next; the engine's own view of
// the cluster (ClusterState) is updated before they hear of a change.
import type { CommittedLog, Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';

/** A fault took away what clients depend on: the leader of `group` (in `term`), or — without
 *  leaders (group -1, term -1) — the serving node `node`. */
export interface Loss {
  readonly group: number;
  readonly node: number;
  readonly term: number;
}

export interface SimObserver {
  roleChanged?(now: Micros, node: number, group: number, role: Role, term: number): void;
  electionStarted?(now: Micros, node: number, group: number, term: number): void;
  /** Log entries first..last committed at `node`, read from `log`. */
  committed?(now: Micros, node: number, group: number, first: number, last: number, log: CommittedLog): void;
  /** A leader served its first client request of `term` (leaders that commit nothing say so). */
  servedInTerm?(now: Micros, node: number, group: number, term: number): void;
  nodeDown?(now: Micros, node: number): void;
  nodeUp?(now: Micros, node: number): void;
  lost?(now: Micros, loss: Loss): void;
  /** Clients stopped sending to `node` (a health check ejected it, or they suspect it). */
  ejected?(now: Micros, node: number): void;
  /** A client op succeeded. */
  succeeded?(now: Micros): void;
  /** A client attempt sent at `sentAt` failed: it timed out, or was refused (or no node could
   *  take it: then it was never sent, and `sentAt` is now). */
  attemptFailed?(now: Micros, sentAt: Micros): void;
}

type Handlers = { [K in keyof SimObserver]-?: NonNullable<SimObserver[K]>[] };

/** Fans each event out to the observers that handle it (bound once, so publishing allocates nothing). */
export class Observers {
  private readonly h: Handlers = {
    roleChanged: [],
    electionStarted: [],
    committed: [],
    servedInTerm: [],
    nodeDown: [],
    nodeUp: [],
    lost: [],
    ejected: [],
    succeeded: [],
    attemptFailed: [],
  };

  subscribe(o: SimObserver): this {
    const h = this.h;
    if (o.roleChanged) h.roleChanged.push(o.roleChanged.bind(o));
    if (o.electionStarted) h.electionStarted.push(o.electionStarted.bind(o));
    if (o.committed) h.committed.push(o.committed.bind(o));
    if (o.servedInTerm) h.servedInTerm.push(o.servedInTerm.bind(o));
    if (o.nodeDown) h.nodeDown.push(o.nodeDown.bind(o));
    if (o.nodeUp) h.nodeUp.push(o.nodeUp.bind(o));
    if (o.lost) h.lost.push(o.lost.bind(o));
    if (o.ejected) h.ejected.push(o.ejected.bind(o));
    if (o.succeeded) h.succeeded.push(o.succeeded.bind(o));
    if (o.attemptFailed) h.attemptFailed.push(o.attemptFailed.bind(o));
    return this;
  }

  roleChanged(now: Micros, node: number, group: number, role: Role, term: number): void {
    for (const f of this.h.roleChanged) f(now, node, group, role, term);
  }
  electionStarted(now: Micros, node: number, group: number, term: number): void {
    for (const f of this.h.electionStarted) f(now, node, group, term);
  }
  committed(now: Micros, node: number, group: number, first: number, last: number, log: CommittedLog): void {
    for (const f of this.h.committed) f(now, node, group, first, last, log);
  }
  servedInTerm(now: Micros, node: number, group: number, term: number): void {
    for (const f of this.h.servedInTerm) f(now, node, group, term);
  }
  nodeDown(now: Micros, node: number): void {
    for (const f of this.h.nodeDown) f(now, node);
  }
  nodeUp(now: Micros, node: number): void {
    for (const f of this.h.nodeUp) f(now, node);
  }
  lost(now: Micros, loss: Loss): void {
    for (const f of this.h.lost) f(now, loss);
  }
  ejected(now: Micros, node: number): void {
    for (const f of this.h.ejected) f(now, node);
  }
  succeeded(now: Micros): void {
    for (const f of this.h.succeeded) f(now);
  }
  attemptFailed(now: Micros, sentAt: Micros): void {
    for (const f of this.h.attemptFailed) f(now, sentAt);
  }
}
