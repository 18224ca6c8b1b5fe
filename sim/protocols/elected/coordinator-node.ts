// A node of `coordinator`: a stateless server behind the load balancer that needs an ID (or a
// rate-limit token) for every request, and a member of the group that elects the one
// coordinator handing them out. Serving is the LeaseClient's job; coordinating is the
// replica's, through the GrantOutbox: a lease request becomes an allocation entry in the
// replica's log, and its commit becomes a grant. The replica's replies can come out of any of
// its handlers (a commit is noticed on an AppendEntries response), so every replica call goes
// through the adapter. The coordinator's own server asks it by message like any other (a
// loopback RPC), so its clients cost it what everyone's cost it.
import type { ElectionOptions, Micros } from '../../scenario/scenario.js';
import type { ClientRequest, Outbox, ProtocolNode } from '../node.js';
import type { RaftMessage } from '../raft/index.js';
import { ElectedNode, FIRST_OWN_TIMER } from './elected-node.js';
import { GrantOutbox } from './grant-outbox.js';
import { LeaseClient } from './lease-client.js';
import type { LeaseMessage } from './lease-messages.js';

const TIMER_LEASE = FIRST_OWN_TIMER;

export interface CoordinatorOptions extends ElectionOptions {
  /** IDs or tokens per lease. */
  batch: number;
  /** The clients' timeout: a request waiting longer is dropped (see LeaseClient). */
  deadline: Micros;
}

export class CoordinatorNode extends ElectedNode implements ProtocolNode<RaftMessage | LeaseMessage> {
  protected readonly adapter: GrantOutbox;
  private readonly lease: LeaseClient;
  /** The leader this node's replica last reported. */
  private knownLeader = -1;

  constructor(id: number, members: readonly number[], options: CoordinatorOptions) {
    super(id, members, options);
    this.adapter = new GrantOutbox(options.batch);
    const [, electionMax] = options.electionTimeout;
    this.lease = new LeaseClient({
      batch: options.batch,
      deadline: options.deadline,
      timeout: electionMax,
      hold: options.heartbeat,
      timerId: TIMER_LEASE,
      fallback: (out) => this.guessCoordinator(out, members.length),
    });
  }

  request(now: Micros, req: ClientRequest, out: Outbox): void {
    this.lease.request(now, req.attempt, out);
  }

  override message(now: Micros, from: number, msg: RaftMessage | LeaseMessage, out: Outbox): void {
    switch (msg.type) {
      case 'LeaseRequest':
        return this.replica.request(now, this.adapter.allocation(from, msg), this.adapter.over(out));
      case 'LeaseGrant':
        return this.lease.granted(now, from, msg.seq, msg.start, msg.count, out);
      case 'LeaseRefused':
        return this.lease.refused(now, from, msg.seq, msg.leader, out);
      default:
        return super.message(now, from, msg, out);
    }
  }

  override timer(now: Micros, id: number, out: Outbox): void {
    if (id === TIMER_LEASE) this.lease.timer(now, out);
    else super.timer(now, id, out);
  }

  override crash(): void {
    super.crash();
    this.lease.crash();
    this.adapter.crash();
    this.knownLeader = -1;
  }

  /** A member hears who won an election (heartbeats): its lease requests follow at once. */
  protected override afterReplica(now: Micros, out: Outbox): void {
    const leader = this.replica.leader;
    if (leader === this.knownLeader) return;
    this.knownLeader = leader;
    if (leader >= 0) this.lease.coordinatorChanged(now, leader, out);
  }

  /** The leader this node's replica follows, else a random member. */
  private guessCoordinator(out: Outbox, members: number): number {
    const leader = this.replica.leader;
    return leader >= 0 ? leader : Math.floor(out.random() * members);
  }
}
