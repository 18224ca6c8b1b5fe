// The engine's side of the Outbox: turns a node's effects into scheduled events. One instance
// is reused for every handler call (no allocation per event); `begin` points it at a node and
// an instant, and it adds up the CPU the node spends sending, so messages leave one after
// another as the sender's CPU works through them; the same time is also kept per CpuUse, for
// the leader's CPU split.
import type { Random } from '../core/rng.js';
import { CPU_USES, CpuUse } from '../net/cpu.js';
import type { CommittedLog, Message, Outbox, ReplyStatus, Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';

/** What the outbox needs from the engine. */
export interface NodeEffects {
  sendMessage(from: number, to: number, msg: Message, departAt: Micros): void;
  sendReply(node: number, attempt: number, status: ReplyStatus, value: number, departAt: Micros): void;
  setTimer(node: number, id: number, at: Micros): void;
  /** True time for a delay the node measures on its own clock. */
  timerDelay(node: number, localDelay: Micros): Micros;
  cancelTimer(node: number, id: number): void;
  deferTimer(now: Micros, node: number, id: number): void;
  persist(node: number, token: number, at: Micros): void;
  /** CPU cost of sending `msg` from `node`, in µs (already scaled by the node's slowness). */
  sendCost(node: number, msg: Message): Micros;
  nodeRandom(node: number): Random;
  noteRole(now: Micros, node: number, group: number, role: Role, term: number): void;
  noteCommit(now: Micros, node: number, group: number, first: number, last: number, log: CommittedLog): void;
  noteElection(now: Micros, node: number, group: number, term: number): void;
  noteServed(now: Micros, node: number, group: number, term: number): void;
}

export class EngineOutbox implements Outbox {
  node = 0;
  now = 0;
  /** CPU time spent sending during the current handler. */
  spent = 0;
  /** `spent` by what the messages were for (indexed by CpuUse). */
  readonly spentOn = new Float64Array(CPU_USES);
  private rng: Random = () => 0;

  constructor(private readonly engine: NodeEffects) {}

  begin(node: number, now: Micros): this {
    this.node = node;
    this.now = now;
    if (this.spent > 0) this.spentOn.fill(0);
    this.spent = 0;
    this.rng = this.engine.nodeRandom(node);
    return this;
  }

  /** Charges what the handler sent to `cpu`, from `from` on, one stretch per use. */
  chargeSends(cpu: { cpuBusy(node: number, from: Micros, micros: Micros, use: CpuUse): void }, from: Micros): void {
    for (let use = 0; use < CPU_USES; use++) {
      const micros = this.spentOn[use];
      if (micros <= 0) continue;
      cpu.cpuBusy(this.node, from, micros, use);
      from += micros;
    }
  }

  send(to: number, msg: Message): void {
    const cost = this.engine.sendCost(this.node, msg);
    this.spent += cost;
    this.spentOn[msg.use ?? CpuUse.Requests] += cost;
    this.engine.sendMessage(this.node, to, msg, this.now + this.spent);
  }

  setTimer(id: number, delay: Micros): void {
    this.engine.setTimer(this.node, id, this.now + Math.max(0, Math.round(this.engine.timerDelay(this.node, delay))));
  }

  cancelTimer(id: number): void {
    this.engine.cancelTimer(this.node, id);
  }

  deferTimer(id: number): void {
    this.engine.deferTimer(this.now, this.node, id);
  }

  reply(attempt: number, status: ReplyStatus, value: number): void {
    this.engine.sendReply(this.node, attempt, status, value, this.now + this.spent);
  }

  persist(token: number): void {
    this.engine.persist(this.node, token, this.now + this.spent);
  }

  random(): number {
    return this.rng();
  }

  role(role: Role, term: number, group = 0): void {
    this.engine.noteRole(this.now, this.node, group, role, term);
  }

  commit(first: number, last: number, log: CommittedLog, group = 0): void {
    this.engine.noteCommit(this.now, this.node, group, first, last, log);
  }

  electionStarted(term: number, group = 0): void {
    this.engine.noteElection(this.now, this.node, group, term);
  }

  served(term: number, group = 0): void {
    this.engine.noteServed(this.now, this.node, group, term);
  }
}
