// The coordinator side of leasing, as an Outbox adapter: a lease request becomes an internal
// client request to the RaftReplica (an allocation entry in its log), and the replica's reply
// to it — sent when the entry commits, or a refusal — becomes a message to the server that
// asked. Block k of the ID space is [k × batch, (k + 1) × batch), where k is the log index
// of the allocation: an index holds one committed entry forever, so no block is granted twice,
// whichever coordinator commits it (an ID allocator on etcd counts with its revisions alike).
import { ReplyStatus, type ClientRequest } from '../node.js';
import { ForwardingOutbox } from '../forwarding-outbox.js';
import { leaseGrant, leaseRefused, type LeaseRequest } from './lease-messages.js';

interface Asked {
  readonly server: number;
  readonly seq: number;
}

export class GrantOutbox extends ForwardingOutbox {
  /** Internal attempt → the lease request it stands for. Volatile: cleared by a crash. */
  private readonly asked = new Map<number, Asked>();
  private nextAttempt = 0;

  constructor(private readonly batch: number) {
    super();
  }

  /** The allocation to hand to replica.request for lease request `msg` from `server`. */
  allocation(server: number, msg: LeaseRequest): ClientRequest {
    const attempt = this.nextAttempt++;
    this.asked.set(attempt, { server, seq: msg.seq });
    return { attempt, op: attempt, key: server, write: true };
  }

  override reply(attempt: number, status: ReplyStatus, value: number): void {
    const ask = this.asked.get(attempt);
    if (ask === undefined) return this.inner.reply(attempt, status, value);
    this.asked.delete(attempt);
    if (status === ReplyStatus.Ok) this.inner.send(ask.server, leaseGrant(ask.seq, value * this.batch, this.batch));
    else this.inner.send(ask.server, leaseRefused(ask.seq, status === ReplyStatus.Redirect ? value : -1));
  }

  crash(): void {
    this.asked.clear();
  }
}
