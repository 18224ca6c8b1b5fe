// What active-passive and coordinator nodes share: each hosts a replica of one Raft group
// (group 0, timers 0..1) that elects the one node that serves or coordinates. The replica's
// inputs pass through an Outbox adapter the subclass chooses; client requests and the
// subclass's own messages and timers are the subclass's business.
import { BATCHING_DEFAULTS } from '../../scenario/defaults.js';
import type { ElectionOptions, RaftOptions } from '../../scenario/scenario.js';
import type { ClientRequest, Outbox, ProtocolNode } from '../node.js';
import { type RaftMessage, RaftReplica, TIMERS_PER_REPLICA } from '../raft/index.js';
import type { ForwardingOutbox } from '../forwarding-outbox.js';

/** The first timer id free for a subclass. */
export const FIRST_OWN_TIMER = TIMERS_PER_REPLICA;

/**
 * The election: the scenario's timeouts, and checkQuorum so that a leader cut off from a
 * majority stops serving (an active node must be fenced before another takes over). The log
 * carries no client data here, so batching and pipelining stay at raft-group's defaults.
 */
function electionOptions(spec: ElectionOptions): RaftOptions {
  return {
    electionTimeout: spec.electionTimeout,
    heartbeat: spec.heartbeat,
    preVote: false,
    checkQuorum: true,
    leaseReads: false,
    ...BATCHING_DEFAULTS,
    maxPending: 0, // a server's lease requests are bounded by the LeaseClient itself
  };
}

export abstract class ElectedNode implements ProtocolNode<RaftMessage> {
  readonly replica: RaftReplica;
  protected abstract readonly adapter: ForwardingOutbox;

  constructor(id: number, members: readonly number[], election: ElectionOptions) {
    this.replica = new RaftReplica({ id, members, group: 0, timerBase: 0, options: electionOptions(election) });
  }

  abstract request(now: number, req: ClientRequest, out: Outbox): void;

  /** Runs after every input the replica handled: the place to react to a new leader. */
  protected afterReplica(_now: number, _out: Outbox): void {}

  start(now: number, out: Outbox): void {
    this.replica.start(now, this.adapter.over(out));
    this.afterReplica(now, out);
  }
  /** The replica's messages; a subclass with messages of its own takes a wider union,
   *  handles its own and passes these on. */
  message(now: number, from: number, msg: RaftMessage, out: Outbox): void {
    this.replica.message(now, from, msg, this.adapter.over(out));
    this.afterReplica(now, out);
  }
  timer(now: number, id: number, out: Outbox): void {
    this.replica.timer(now, id, this.adapter.over(out));
    this.afterReplica(now, out);
  }
  persisted(now: number, token: number, out: Outbox): void {
    this.replica.persisted(now, token, this.adapter.over(out));
    this.afterReplica(now, out);
  }
  crash(): void {
    this.replica.crash();
  }
}

/** `n` nodes with ids 0..n-1, all members of the one group. */
export function electedGroup<T extends ElectedNode>(n: number, make: (id: number, members: readonly number[]) => T): T[] {
  const members = Array.from({ length: n }, (_, i) => i);
  return members.map((id) => make(id, members));
}
