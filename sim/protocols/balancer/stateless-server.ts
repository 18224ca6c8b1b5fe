// A stateless server: it answers every request it is given. Its cost is the CPU service time
// the engine charges before the handler runs; there is nothing to replicate and nothing to elect.
import { ReplyStatus, type ClientRequest, type Outbox, type ProtocolNode } from '../node.js';

export class StatelessServer implements ProtocolNode {
  start(_now: number, out: Outbox): void {
    out.role('serving', 0);
  }
  request(_now: number, req: ClientRequest, out: Outbox): void {
    out.reply(req.attempt, ReplyStatus.Ok, 0);
  }
  message(): void {}
  timer(): void {}
  persisted(): void {}
  crash(): void {}
}
