// Test support (not used by the simulator): a tiny deterministic world for Raft groups — a
// binary heap of (time, seq) events, seeded random network delays and fsyncs, crashes with
// restarts, partitions — and a checker of the trace notes. Tests drive it with a few calls
// (`crash`, `partition`, `runUntil`) and read `violations`.
import seedrandom from 'seedrandom';
import type { RaftOptions } from '../../scenario/scenario.js';
import type { Message, Outbox, ReplyStatus, Role } from '../node.js';
import { RaftGroupNode } from './raft-node.js';

export interface ClusterConfig {
  nodes: number;
  seed: string;
  options?: Partial<RaftOptions>;
  unsafe?: { commitWithoutMajority?: boolean };
  /** One-way network delay, uniform in [min, max] µs. */
  delay?: [number, number];
  /** fsync duration, uniform in [min, max] µs; 'sync' confirms inside `persist` itself. */
  fsync?: [number, number] | 'sync';
  loss?: number;
}

export const TEST_OPTIONS: RaftOptions = {
  electionTimeout: [150_000, 300_000],
  heartbeat: 50_000,
  preVote: false,
  checkQuorum: false,
  leaseReads: false,
  maxBatch: 16,
  pipeline: 4,
  maxPending: 0,
};

interface Ev {
  t: number;
  seq: number;
  run: () => void;
}

/** A binary min-heap on (t, seq): equal times run first-in first-out. */
class MiniHeap {
  private readonly a: Ev[] = [];
  private seq = 0;
  get size(): number {
    return this.a.length;
  }
  peekTime(): number {
    return this.a.length === 0 ? Infinity : this.a[0].t;
  }
  push(t: number, run: () => void): void {
    const a = this.a;
    a.push({ t, seq: this.seq++, run });
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!less(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): Ev {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as Ev;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const m = l + 1 < a.length && less(a[l + 1], a[l]) ? l + 1 : l;
        if (l >= a.length || !less(a[m], a[i])) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(x: Ev, y: Ev): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}

/** The world as one node sees it through its Outbox. */
class NodeOutbox implements Outbox {
  constructor(
    private readonly c: Cluster,
    private readonly node: number,
    private readonly rand: () => number,
  ) {}
  send(to: number, msg: Message): void {
    this.c.transmit(this.node, to, msg);
  }
  setTimer(id: number, delay: number): void {
    this.c.setTimer(this.node, id, delay);
  }
  cancelTimer(id: number): void {
    this.c.cancelTimer(this.node, id);
  }
  deferTimer(id: number): void {
    this.c.deferTimer(this.node, id);
  }
  reply(attempt: number, status: ReplyStatus, value: number): void {
    this.c.onReply?.(this.node, attempt, status, value);
  }
  persist(token: number): void {
    this.c.persist(this.node, token);
  }
  random(): number {
    return this.rand();
  }
  role(role: Role, term: number): void {
    this.c.noteRole(this.node, role, term);
  }
  commit(index: number, term: number, op: number): void {
    this.c.noteCommit(this.node, index, term, op);
  }
  electionStarted(): void {
    this.c.elections++;
  }
  served(): void {}
}

export class Cluster {
  now = 0;
  elections = 0;
  readonly nodes: RaftGroupNode[];
  readonly up: boolean[];
  readonly violations: string[] = [];
  /** Client replies go here (set by the test's client model). */
  onReply: ((node: number, attempt: number, status: ReplyStatus, value: number) => void) | null = null;
  private readonly heap = new MiniHeap();
  private readonly outboxes: NodeOutbox[];
  private readonly epoch: number[];
  private readonly timerGen: Map<number, number>[];
  private readonly diskBusy: boolean[];
  private readonly diskPending: number[];
  private side: number[];
  private readonly net: () => number;
  private readonly leaderOfTerm = new Map<number, number>();
  private readonly committed = new Map<number, { term: number; op: number }>();

  constructor(readonly cfg: ClusterConfig) {
    const n = cfg.nodes;
    const options = { ...TEST_OPTIONS, ...cfg.options };
    const members = Array.from({ length: n }, (_, i) => i);
    this.nodes = members.map((id) => new RaftGroupNode(id, members, options, cfg.unsafe));
    this.outboxes = members.map((id) => new NodeOutbox(this, id, seedrandom.alea(`${cfg.seed}/node/${id}`)));
    this.up = new Array<boolean>(n).fill(true);
    this.epoch = new Array<number>(n).fill(0);
    this.timerGen = members.map(() => new Map());
    this.diskBusy = new Array<boolean>(n).fill(false);
    this.diskPending = new Array<number>(n).fill(-1);
    this.side = new Array<number>(n).fill(0);
    this.net = seedrandom.alea(`${cfg.seed}/net`);
    for (const id of members) this.nodes[id].start(0, this.outboxes[id]);
  }

  /** Runs `fn` at time `t` (for scripted faults and client load). */
  at(t: number, fn: () => void): void {
    this.heap.push(t, fn);
  }

  runUntil(t: number): void {
    while (this.heap.size > 0 && this.heap.peekTime() <= t) {
      const ev = this.heap.pop();
      this.now = ev.t;
      ev.run();
    }
    this.now = t;
  }

  outbox(node: number): Outbox {
    return this.outboxes[node];
  }

  delay(): number {
    const [min, max] = this.cfg.delay ?? [500, 5_000];
    return Math.round(min + this.net() * (max - min));
  }

  connected(a: number, b: number): boolean {
    return this.side[a] === this.side[b];
  }

  // ---- faults ----

  crash(node: number): void {
    if (!this.up[node]) return;
    this.up[node] = false;
    this.epoch[node]++;
    this.diskBusy[node] = false;
    this.diskPending[node] = -1;
    this.nodes[node].crash();
  }

  restart(node: number): void {
    if (this.up[node]) return;
    this.up[node] = true;
    this.nodes[node].start(this.now, this.outboxes[node]);
  }

  /** Cuts the links between the groups; nodes not listed form one more group. */
  partition(groups: number[][]): void {
    this.side = this.side.map(() => groups.length);
    groups.forEach((g, k) => g.forEach((node) => (this.side[node] = k)));
  }

  heal(): void {
    this.side = this.side.map(() => 0);
  }

  // ---- what nodes do ----

  transmit(from: number, to: number, msg: Message): void {
    if (!this.connected(from, to) || this.net() < (this.cfg.loss ?? 0)) return;
    this.at(this.now + this.delay(), () => {
      if (this.up[to] && this.connected(from, to)) this.nodes[to].message(this.now, from, msg, this.outboxes[to]);
    });
  }

  setTimer(node: number, id: number, delay: number): void {
    const gen = (this.timerGen[node].get(id) ?? 0) + 1;
    this.timerGen[node].set(id, gen);
    const epoch = this.epoch[node];
    this.at(this.now + delay, () => {
      if (this.epoch[node] === epoch && this.up[node] && this.timerGen[node].get(id) === gen)
        this.nodes[node].timer(this.now, id, this.outboxes[node]);
    });
  }

  cancelTimer(node: number, id: number): void {
    this.timerGen[node].set(id, (this.timerGen[node].get(id) ?? 0) + 1);
  }

  /** No CPU queue here: the deferred timer fires after what is already due now. */
  deferTimer(node: number, id: number): void {
    const epoch = this.epoch[node];
    this.at(this.now, () => {
      if (this.epoch[node] === epoch && this.up[node]) this.nodes[node].timer(this.now, id, this.outboxes[node]);
    });
  }

  /** One fsync at a time covers everything requested before it starts, as in the engine. */
  persist(node: number, token: number): void {
    const fsync = this.cfg.fsync ?? [200, 2_000];
    if (fsync === 'sync') return this.nodes[node].persisted(this.now, token, this.outboxes[node]);
    if (this.diskBusy[node]) {
      this.diskPending[node] = Math.max(this.diskPending[node], token);
      return;
    }
    this.diskBusy[node] = true;
    const epoch = this.epoch[node];
    this.at(this.now + Math.round(fsync[0] + this.net() * (fsync[1] - fsync[0])), () => {
      if (this.epoch[node] !== epoch) return;
      this.diskBusy[node] = false;
      this.nodes[node].persisted(this.now, token, this.outboxes[node]);
      const pending = this.diskPending[node];
      this.diskPending[node] = -1;
      if (pending >= 0 && this.up[node]) this.persist(node, pending);
    });
  }

  // ---- the trace checker ----

  noteRole(node: number, role: Role, term: number): void {
    if (role !== 'leader') return;
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, node);
    else if (other !== node) this.violations.push(`two leaders in term ${term}: ${other} and ${node}`);
  }

  noteCommit(node: number, index: number, term: number, op: number): void {
    const known = this.committed.get(index);
    if (known === undefined) this.committed.set(index, { term, op });
    else if (known.term !== term || known.op !== op) {
      this.violations.push(`index ${index} committed as (${known.term}, ${known.op}) and by node ${node} as (${term}, ${op})`);
    }
  }

  /** The live node leading the highest term, or -1. */
  leader(): number {
    let best = -1;
    this.nodes.forEach((n, i) => {
      const s = n.status();
      if (this.up[i] && s.role === 'leader' && (best < 0 || s.term > this.nodes[best].status().term)) best = i;
    });
    return best;
  }
}
