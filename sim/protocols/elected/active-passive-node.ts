// A node of `active-passive`: a stateless server that serves only while it is the elected
// leader; the others redirect clients to the leader they know (Unavailable when they know of
// none). No client data goes through the election's log — it holds only the leaders' no-ops.
//
// Failover is measured (SPEC.md) up to the first write the new leader commits; a stateless
// leader commits nothing, so the first request it serves in a term stands for that write: it
// is noted as commit (index = term, term, op) of group 0. There is one leader per term, so the
// note is never contradicted. The election log's own no-op commits are noted under
// ELECTION_LOG_GROUP instead, where the invariant checker still watches them.
import { ReplyStatus, type ClientRequest, type Outbox } from '../node.js';
import type { ElectionOptions } from '../../scenario/scenario.js';
import { ElectedNode } from './elected-node.js';
import { ForwardingOutbox } from '../forwarding-outbox.js';

export const ELECTION_LOG_GROUP = 1;

class ElectionLogOutbox extends ForwardingOutbox {
  override commit(index: number, term: number, op: number): void {
    this.inner.commit(index, term, op, ELECTION_LOG_GROUP);
  }
}

export class ActivePassiveNode extends ElectedNode {
  protected readonly adapter = new ElectionLogOutbox();
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
    out.commit(r.term, r.term, req.op);
  }
}
