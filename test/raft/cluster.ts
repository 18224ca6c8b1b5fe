// A tiny deterministic world for Raft groups, for protocol tests: the engine's event queue
// running scripted closures, seeded random network delays and fsyncs, crashes with restarts,
// partitions — and the engine's invariant checker reading the trace notes. Unlike the engine it
// has no CPU model and lets a test reach into any node. Tests drive it with a few calls
// (`crash`, `partition`, `runUntil`) and read `violations`.
import seedrandom from 'seedrandom';
import { EventQueue } from '../../sim/core/event-queue.js';
import { InvariantChecker } from '../../sim/metrics/invariants.js';
import type { RaftOptions } from '../../sim/scenario/scenario.js';
import type { CommittedLog, Message, Outbox, ProtocolNode, ReplyStatus, Role } from '../../sim/protocols/node.js';
import { committedWrites, RaftGroupNode } from '../../sim/protocols/raft/index.js';

/** What the test world needs of a node besides the protocol seam. */
export interface TestNode extends ProtocolNode {
  status(): { role: Role; term: number };
  committedOps(): number[];
}

/** How a test builds the group's nodes (default: raft-group's) and reads its final committed writes. */
export interface Protocol<N extends TestNode> {
  nodes(members: number[]): N[];
  committedWrites(nodes: readonly N[]): ReadonlySet<number>;
}

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

/** Closures run in (time, insertion) order: the engine's queue, each event naming its closure. */
class ScriptQueue {
  private readonly queue = new EventQueue();
  private readonly pending = new Map<number, () => void>();
  private next = 0;
  get size(): number {
    return this.queue.size;
  }
  peekTime(): number {
    return this.queue.size === 0 ? Infinity : this.queue.peekTime();
  }
  push(t: number, run: () => void): void {
    this.pending.set(this.next, run);
    this.queue.push(t, 0, this.next++, 0, 0);
  }
  /** Takes the earliest closure; the time is in `now`. */
  pop(): () => void {
    this.queue.pop();
    const run = this.pending.get(this.queue.a) as () => void;
    this.pending.delete(this.queue.a);
    return run;
  }
  get now(): number {
    return this.queue.now;
  }
}

/** raft-group's nodes with the test options. */
function raftProtocol(cfg: ClusterConfig): Protocol<RaftGroupNode> {
  const options = { ...TEST_OPTIONS, ...cfg.options };
  return {
    nodes: (members) => members.map((id) => new RaftGroupNode(id, members, options, cfg.unsafe)),
    committedWrites,
  };
}

/** The world as one node sees it through its Outbox. */
class NodeOutbox<N extends TestNode> implements Outbox {
  constructor(
    private readonly c: Cluster<N>,
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
    if (role === 'leader') this.c.checker.leaderElected(this.c.now / 1000, 0, this.node, term);
  }
  commit(first: number, last: number, log: CommittedLog): void {
    this.c.checker.entriesCommitted(this.c.now / 1000, 0, this.node, first, last, log);
  }
  electionStarted(): void {
    this.c.elections++;
  }
  served(): void {}
}

export class Cluster<N extends TestNode = RaftGroupNode> {
  now = 0;
  elections = 0;
  readonly nodes: N[];
  readonly up: boolean[];
  /** The engine's checker of the safety invariants; the clients add what they see. */
  readonly checker = new InvariantChecker();
  /** Client replies go here (set by the test's client model). */
  onReply: ((node: number, attempt: number, status: ReplyStatus, value: number) => void) | null = null;
  private readonly heap = new ScriptQueue();
  private readonly outboxes: NodeOutbox<N>[];
  private readonly epoch: number[];
  private readonly timerGen: Map<number, number>[];
  private readonly diskBusy: boolean[];
  private readonly diskPending: number[];
  private side: number[];
  private readonly net: () => number;

  constructor(
    readonly cfg: ClusterConfig,
    readonly protocol: Protocol<N> = raftProtocol(cfg) as unknown as Protocol<N>,
  ) {
    const n = cfg.nodes;
    const members = Array.from({ length: n }, (_, i) => i);
    this.nodes = protocol.nodes(members);
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
      const run = this.heap.pop();
      this.now = this.heap.now;
      run();
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

  /** The violations found so far, one line each. */
  get violations(): string[] {
    return this.checker.violations.map((v) => `${v.invariant} at ${v.at_ms} ms: ${v.detail}`);
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
