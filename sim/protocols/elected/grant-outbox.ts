// The coordinator side of leasing, as an Outbox adapter: a lease request becomes an internal
// client request to the RaftReplica (an allocation entry in its log), and the replica's reply
// to it — sent when the entry commits, or a refusal — becomes a message to the server that
// asked. Block k of the ID space is [k × batch, (k + 1) × batch), where k is the log index
// of the allocation: an index holds one committed entry forever, so no block is granted twice,
// whichever coordinator commits it (an ID allocator on etcd counts with its revisions alike).
import { ReplyStatus, type ClientRequest } from '../node.js';
import { ForwardingOutbox } from './forwarding-outbox.js';
import { leaseGrant, leaseRefused } from './lease-messages.js';

export class GrantOutbox extends ForwardingOutbox {
  /** Internal attempt → the server whose lease request it is. Volatile: cleared by a crash. */
  private readonly askedBy = new Map<number, number>();
  private nextAttempt = 0;

  constructor(private readonly batch: number) {
    super();
  }

  /** The allocation to hand to replica.request for a lease request from `server`. */
  allocation(server: number): ClientRequest {
    const attempt = this.nextAttempt++;
    this.askedBy.set(attempt, server);
    return { attempt, op: attempt, key: server, write: true };
  }

  override reply(attempt: number, status: ReplyStatus, value: number): void {
    const server = this.askedBy.get(attempt);
    if (server === undefined) return this.inner.reply(attempt, status, value);
    this.askedBy.delete(attempt);
    if (status === ReplyStatus.Ok) this.inner.send(server, leaseGrant(value * this.batch, this.batch));
    else this.inner.send(server, leaseRefused(status === ReplyStatus.Redirect ? value : -1));
  }

  crash(): void {
    this.askedBy.clear();
  }
}
