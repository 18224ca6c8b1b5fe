// Clients for the test cluster. They send reads and writes to the node they
// believe leads, follow redirects, retry on timeouts, and check what the answers promise:
// every acknowledged write is in the final committed state, and no read returns a version
// older than a write acknowledged before the read began.
import seedrandom from 'seedrandom';
import { ReplyStatus } from '../../sim/protocols/node.js';
import type { Cluster, TestNode } from './cluster.js';

interface Op {
  id: number;
  key: number;
  write: boolean;
  /** For reads: the newest version acknowledged for the key when the read began. */
  floor: number;
  tries: number;
  attempt: number;
  done: boolean;
}

export interface ClientConfig {
  keys?: number;
  /** Fraction of writes. */
  writes?: number;
  maxTries?: number;
  timeout?: number;
}

export class TestClients<N extends TestNode = TestNode> {
  /** Acknowledged write op → its log index. */
  readonly acked = new Map<number, number>();
  okReads = 0;
  staleReads = 0;
  gaveUp = 0;
  private readonly ackedByKey = new Map<number, number>();
  private readonly ops = new Map<number, Op>();
  private readonly opOfAttempt = new Map<number, number>();
  private nextOp = 1;
  private nextAttempt = 1;
  private guess = 0;
  private readonly rand: () => number;

  constructor(
    private readonly c: Cluster<N>,
    seed: string,
    private readonly cfg: ClientConfig = {},
  ) {
    this.rand = seedrandom.alea(`${seed}/clients`);
    c.onReply = (_node, attempt, status, value) => c.at(c.now + c.delay(), () => this.answer(attempt, status, value));
  }

  /** Starts one op every 1e6/rate µs during [from, to). */
  load(from: number, to: number, ratePerSecond: number): void {
    const gap = Math.round(1e6 / ratePerSecond);
    for (let t = from; t < to; t += gap) this.c.at(t, () => this.submit(this.rand() < (this.cfg.writes ?? 0.7)));
  }

  submit(write: boolean): void {
    const key = Math.floor(this.rand() * (this.cfg.keys ?? 20));
    const op: Op = { id: this.nextOp++, key, write, floor: this.ackedByKey.get(key) ?? 0, tries: 0, attempt: 0, done: false };
    this.ops.set(op.id, op);
    this.send(op);
  }

  private send(op: Op): void {
    if (op.done) return;
    if (op.tries++ >= (this.cfg.maxTries ?? 20)) {
      this.gaveUp++;
      return;
    }
    const attempt = (op.attempt = this.nextAttempt++);
    this.opOfAttempt.set(attempt, op.id);
    const c = this.c;
    const target = this.guess;
    c.at(c.now + c.delay(), () => {
      if (c.up[target]) c.nodes[target].request(c.now, { attempt, op: op.id, key: op.key, write: op.write }, c.outbox(target));
    });
    c.at(c.now + (this.cfg.timeout ?? 400_000), () => {
      if (op.attempt !== attempt || op.done) return;
      this.guess = Math.floor(this.rand() * c.nodes.length);
      this.send(op);
    });
  }

  private answer(attempt: number, status: ReplyStatus, value: number): void {
    const op = this.ops.get(this.opOfAttempt.get(attempt) ?? -1);
    if (op === undefined) return;
    if (status === ReplyStatus.Ok) return this.succeeded(op, value);
    if (op.done || op.attempt !== attempt) return;
    // Redirect to the named leader, or anywhere; back off a little before trying again.
    this.guess = status === ReplyStatus.Redirect && value >= 0 ? value : Math.floor(this.rand() * this.c.nodes.length);
    this.c.at(this.c.now + (status === ReplyStatus.Redirect ? 1_000 : 20_000), () => this.send(op));
  }

  /** An Ok, even for an older attempt of the op, is a promise the checks hold the system to. */
  private succeeded(op: Op, value: number): void {
    if (op.write) {
      this.acked.set(op.id, value);
      this.ackedByKey.set(op.key, Math.max(this.ackedByKey.get(op.key) ?? 0, value));
    } else {
      this.okReads++;
      if (value < op.floor) {
        this.staleReads++;
        const detail = `read of key ${op.key} returned version ${value} < ${op.floor} acknowledged before it began`;
        this.c.checker.violate('reads-not-stale', this.c.now / 1000, detail);
      }
    }
    op.done = true;
  }

  /** Every acknowledged write must be in the final committed state. */
  checkDurability(): void {
    const committed = this.c.protocol.committedWrites(this.c.nodes);
    this.c.checker.ackedWritesLost(
      this.c.now / 1000,
      [...this.acked.keys()].filter((op) => !committed.has(op)),
    );
  }
}
