// A node of `active-passive`: a stateless server that serves only while it is the elected
// leader; the others redirect clients to the leader they know (Unavailable when they know of
// none). No client data goes through the election's log — it holds only the leaders' no-ops.
// A leader that commits nothing says when it first served in its term instead (the `served`
// note): that is what ends a failover of this architecture.
import { ReplyStatus, type ClientRequest, type Outbox } from '../node.js';
import type { ElectionOptions } from '../../scenario/scenario.js';
import { ElectedNode } from './elected-node.js';
import { ForwardingOutbox } from '../forwarding-outbox.js';

export class ActivePassiveNode extends ElectedNode {
  protected readonly adapter = new ForwardingOutbox();
  /** The term in which this node last served a request. */
  private servedTerm = -1;

  constructor(id: number, members: readonly number[], election: ElectionOptions) {
    super(id, members, election);
  }

  request(_now: number, req: ClientRequest, out: Outbox): void {
    const r = this.replica;
    if (r.role !== 'leader') return out.reply(req.attempt, r.leader >= 0 ? ReplyStatus.Redirect : ReplyStatus.Unavailable, r.leader);
    out.reply(req.attempt, ReplyStatus.Ok, 0);
    if (this.servedTerm === r.term) return;
    this.servedTerm = r.term;
    out.served(r.term);
  }
}
