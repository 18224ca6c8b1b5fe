// An Outbox that passes every effect on to another one: the base of the small adapters that
// sit between a RaftReplica and the engine and change one kind of effect (an elected node's
// grants, a multi-Raft node's shared disk).
// One instance per node, pointed at the real outbox for each handler call (`over`), so the
// hot path allocates nothing.
import type { Micros } from '../scenario/scenario.js';
import type { CommittedLog, Message, Outbox, ReplyStatus, Role } from './node.js';

const NOWHERE: Outbox = {
  send: () => {},
  setTimer: () => {},
  cancelTimer: () => {},
  deferTimer: () => {},
  reply: () => {},
  persist: () => {},
  random: () => 0,
  role: () => {},
  commit: () => {},
  electionStarted: () => {},
  served: () => {},
};

export class ForwardingOutbox implements Outbox {
  protected inner: Outbox = NOWHERE;

  /** Forwards to `out` from now on; returns this adapter, to hand to the replica. */
  over(out: Outbox): this {
    this.inner = out;
    return this;
  }

  send(to: number, msg: Message): void {
    this.inner.send(to, msg);
  }
  setTimer(id: number, delay: Micros): void {
    this.inner.setTimer(id, delay);
  }
  cancelTimer(id: number): void {
    this.inner.cancelTimer(id);
  }
  deferTimer(id: number): void {
    this.inner.deferTimer(id);
  }
  reply(attempt: number, status: ReplyStatus, value: number): void {
    this.inner.reply(attempt, status, value);
  }
  persist(token: number): void {
    this.inner.persist(token);
  }
  random(): number {
    return this.inner.random();
  }
  role(role: Role, term: number, group?: number): void {
    this.inner.role(role, term, group);
  }
  commit(first: number, last: number, log: CommittedLog, group?: number): void {
    this.inner.commit(first, last, log, group);
  }
  electionStarted(term: number, group?: number): void {
    this.inner.electionStarted(term, group);
  }
  served(term: number, group?: number): void {
    this.inner.served(term, group);
  }
}
