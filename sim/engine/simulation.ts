// The engine: one event loop that moves time, and the node-side mechanics every architecture
// shares — a CPU per node (cpus.ts), timers, an fsync queue (disks.ts), message delivery,
// crashes. Protocol nodes only see inputs and write effects to the Outbox; everything they do
// passes through here. Faults act on it through the narrow FaultControl it hands the injector.
import { durationSampler, type Sampler } from '../core/distributions.js';
import { EventQueue } from '../core/event-queue.js';
import { stream, type Random } from '../core/rng.js';
import type { Architecture } from '../architectures/architecture.js';
import type { MetricsCollector } from '../metrics/collector.js';
import { CpuUse, Job } from '../net/cpu.js';
import { Network } from '../net/network.js';
import { ReplyStatus, type CommittedLog, type Message, type Role } from '../protocols/node.js';
import type { Micros, Scenario } from '../scenario/scenario.js';
import { keySampler } from '../workload/keys.js';
import { Clients } from './clients.js';
import { Cpus } from './cpus.js';
import { Disks } from './disks.js';
import { NodeClocks } from './clocks.js';
import type { ClusterState } from './cluster.js';
import {
  dispatchEvent,
  pushFault,
  pushMessageDeliver,
  pushRecover,
  pushReplyDeliver,
  pushStart,
  pushTick,
  pushTimer,
  type EventHandlers,
} from './events.js';
import { FaultInjector, type FaultControl } from './fault-injector.js';
import type { Observers } from './observers.js';
import type { TraceHooks } from './trace-hooks.js';
import { EngineOutbox, type NodeEffects } from './outbox.js';
import { grownInt32 } from '../core/grow.js';

const BOOT_SPREAD: Micros = 10_000;
const TIMER_LANES = 2;

export class Simulation implements NodeEffects, EventHandlers {
  /** Lanes 0 .. TIMER_LANES-1 for node timers by id, one more for the architecture's tick. */
  readonly queue = new EventQueue(1 << 12, TIMER_LANES + 1);
  readonly network: Network;
  readonly clients: Clients;
  readonly clocks: NodeClocks;
  /** Bumped at every crash: events of an earlier life of the node are ignored. */
  private readonly epoch: Int32Array;
  private readonly cpus: Cpus;
  private readonly timerGen: Int32Array[];
  private readonly disks: Disks;
  private readonly service: Sampler[];
  private readonly rngs: Random[];
  private readonly messages: (Message | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly outbox = new EngineOutbox(this);
  private readonly faults: FaultInjector;
  private readonly perMessage: number;
  private readonly perEntry: number;
  private events = 0;
  private nextProgress = 0;
  private started = false;
  /** Set only for a traced re-run (the replay page); null costs one check per hook. */
  private tracer: TraceHooks | null = null;

  constructor(
    private readonly scenario: Scenario,
    private readonly arch: Architecture,
    readonly metrics: MetricsCollector,
    private readonly seed: number,
    /** The engine's view of who is up and who leads (this loop keeps it current). */
    readonly cluster: ClusterState,
    /** Who hears of what happens: the metrics, the failover tracker. */
    readonly observers: Observers,
  ) {
    const n = arch.nodes.length;
    this.network = new Network(scenario, n, (name) => stream(seed, name));
    this.clocks = new NodeClocks(scenario, n, seed);
    this.epoch = new Int32Array(n);
    this.cpus = new Cpus(n, this.queue, this.epoch, metrics);
    this.timerGen = Array.from({ length: n }, () => new Int32Array(4));
    this.disks = new Disks(scenario, n, seed, this.queue, this.epoch);
    this.service = Array.from({ length: n }, (_, i) => durationSampler(scenario.cpu.service, stream(seed, `node/${i}/cpu`)));
    this.rngs = Array.from({ length: n }, (_, i) => stream(seed, `node/${i}/protocol`));
    this.perMessage = scenario.cpu.perMessage;
    this.perEntry = scenario.cpu.perEntry;
    this.faults = new FaultInjector(this.faultControl(), scenario, seed);
    this.clients = new Clients({
      queue: this.queue,
      workload: scenario.workload,
      duration: scenario.duration,
      architecture: arch,
      metrics,
      observers,
      network: this.network,
      keys: keySampler(scenario.workload.keys, stream(seed, 'workload/keys')),
      arrivals: stream(seed, 'workload/arrivals'),
      mix: stream(seed, 'workload/mix'),
      think: stream(seed, 'workload/think'),
      jitter: stream(seed, 'workload/backoff'),
      sessions: stream(seed, 'workload/sessions'),
    });
  }

  /** What faults may do to the cluster: nothing else of the engine is theirs. */
  private faultControl(): FaultControl {
    const { queue, network, scenario } = this;
    return {
      cluster: this.cluster,
      links: network,
      zoneMembers: (zone) => network.zoneMembers(scenario, zone),
      fireAt: (at, index) => pushFault(queue, at, index),
      crash: (now, node) => this.crash(now, node),
      recover: (now, node) => this.recover(now, node),
      recoverAt: (at, node) => pushRecover(queue, at, node),
      slow: (node, factor) => this.cpus.slow(node, factor),
      jumpClock: (node, by) => this.clocks.jump(node, by),
      marked: (marker) => this.metrics.fault(marker),
      lost: (now, loss) => this.observers.lost(now, loss),
    };
  }

  traceWith(tracer: TraceHooks | null): void {
    this.tracer = tracer;
  }

  /** Runs to the scenario's end (or `end`); returns how many events it processed in all. Given
   *  `pauseAfter`, it returns once about that many more events ran (`reached` tells): called again,
   *  it goes on exactly where it stopped, so a run in slices is the same run. */
  run(onProgress?: (now: Micros) => void, end: Micros = this.scenario.duration, pauseAfter = Infinity): number {
    const q = this.queue;
    if (!this.started) this.start();
    const pauseAt = this.events + pauseAfter;
    while (q.size > 0 && q.peekTime() <= end) {
      q.pop();
      this.events++;
      dispatchEvent(this, q.now, q.kind, q.a, q.b, q.c);
      if ((this.events & 0xffff) === 0) {
        if (onProgress !== undefined && q.now >= this.nextProgress) {
          onProgress(q.now);
          this.nextProgress = q.now + end / 100;
        }
        if (this.events >= pauseAt) break;
      }
    }
    return this.events;
  }

  /** Whether nothing is left to run up to `end`. */
  reached(end: Micros): boolean {
    return this.queue.size === 0 || this.queue.peekTime() > end;
  }

  private start(): void {
    this.started = true;
    for (let node = 0; node < this.arch.nodes.length; node++) pushStart(this.queue, this.bootTime(node), node);
    this.clients.start(BOOT_SPREAD);
    this.faults.start();
    if (this.arch.tickInterval > 0) pushTick(this.queue, this.arch.tickInterval);
  }

  /** Machines never power on in the same microsecond: each boots within the first
   *  BOOT_SPREAD, drawn from its own stream. Without this, identical election timeouts
   *  (150-150ms) would tie forever and no first leader could ever be elected. */
  private bootTime(node: number): Micros {
    return Math.floor(stream(this.seed, `node/${node}/boot`)() * BOOT_SPREAD);
  }

  // ---- the events (events.ts decodes them into these) ----

  onStart(now: Micros, node: number): void {
    this.cluster.nodeUp(node); // up from its boot on
    if (this.tracer !== null) this.tracer.nodeUp(now, node, true);
    this.boot(now, node);
  }
  onArrival(now: Micros): void {
    this.clients.arrival(now);
  }
  onThink(now: Micros, client: number): void {
    this.clients.clientReady(now, client);
  }
  onAttemptDeliver(now: Micros, node: number, attempt: number): void {
    if (this.tracer !== null) this.tracer.clientRequest(this.clients.sentAt(attempt), now, node);
    if (!this.cluster.isUp(node)) return this.clients.settled(attempt); // the attempt will time out
    if (this.admits(now, node, attempt)) return this.enqueue(now, node, Job.Request, attempt, 0, this.service[node]());
    this.clients.settled(attempt); // a refusal reads nothing of the request
    this.enqueue(now, node, Job.Refused, attempt, 0, this.perMessage);
  }
  onReplyDeliver(now: Micros, attempt: number, status: ReplyStatus, value: number): void {
    this.clients.reply(now, attempt, status, value);
  }
  onAttemptTimeout(now: Micros): void {
    this.clients.timeouts(now);
  }
  onRetry(now: Micros, op: number, hint: number): void {
    this.clients.send(now, op, hint);
  }
  onMessageDeliver(now: Micros, to: number, slot: number, from: number): void {
    const msg = this.messageIn(slot);
    if (!this.cluster.isUp(to) || !this.network.connected(from, to)) return void this.takeMessage(slot);
    this.enqueue(now, to, Job.Message, slot, from, this.perMessage + this.perEntry * msg.entries, msg.use);
  }
  onCpuDone(now: Micros, node: number, epoch: number): void {
    if (this.epoch[node] === epoch) this.finishJob(now, node);
  }
  onTimer(now: Micros, node: number, id: number, generation: number): void {
    if (this.timerGen[node][id] === generation && this.cluster.isUp(node)) this.enqueue(now, node, Job.Timer, id, 0, 0);
  }
  onDiskDone(now: Micros, node: number, token: number, epoch: number): void {
    if (this.epoch[node] === epoch) this.fsyncDone(now, node, token);
  }
  onFault(now: Micros, index: number): void {
    this.faults.fire(now, index);
    if (this.tracer !== null) this.tracer.faultFired(now);
  }
  onRecover(now: Micros, node: number): void {
    this.recover(now, node);
  }
  onTick(now: Micros): void {
    pushTick(this.queue, now + this.arch.tickInterval, TIMER_LANES);
    this.arch.tick(now);
  }

  // ---- CPU: one server per node, urgent work first, each class first-in first-out ----

  private admits(now: Micros, node: number, attempt: number): boolean {
    const protocol = this.arch.nodes[node];
    return protocol.admit === undefined || protocol.admit(now, this.clients.keyOf(attempt), this.clients.isWrite(attempt));
  }

  /** Urgent work goes first: timers, fsync completions, refusals and liveness messages. */
  private enqueue(now: Micros, node: number, type: Job, a: number, b: number, cost: Micros, use = CpuUse.Requests): void {
    const urgent =
      type === Job.Timer || type === Job.Persisted || type === Job.Refused || (type === Job.Message && this.messages[a]?.urgent === true);
    this.cpus.enqueue(now, node, type, a, b, cost, use, urgent);
  }

  private finishJob(now: Micros, node: number): void {
    const cpus = this.cpus;
    const type = cpus.take(node);
    const a = cpus.takenA;
    const out = this.outbox.begin(node, now);
    const protocol = this.arch.nodes[node];
    const local = this.clocks.local(node, now); // the node sees its own clock
    if (type === Job.Request) protocol.request(local, this.clients.take(a), out);
    else if (type === Job.Message) protocol.message(local, cpus.takenB, this.takeMessage(a), out);
    else if (type === Job.Timer || type === Job.Deferred) protocol.timer(local, a, out);
    else if (type === Job.Refused) out.reply(a, ReplyStatus.Busy, node);
    else protocol.persisted(local, a, out);
    if (this.tracer !== null) this.tracer.handled(now, node, local);
    this.afterHandler(now, node);
  }

  /** The CPU pays for the handler's sends, then takes the next job. */
  private afterHandler(now: Micros, node: number): void {
    const spent = this.outbox.spent;
    if (spent > 0) this.outbox.chargeSends(this.metrics, now);
    this.cpus.release(now, node, spent, this.cluster.isUp(node));
  }

  // ---- node life ----

  /** Boot runs outside the job queue (a job may be in service: requests can arrive first);
   *  what its sends cost is added to the CPU's backlog. */
  private boot(now: Micros, node: number): void {
    this.arch.nodes[node].start(this.clocks.local(node, now), this.outbox.begin(node, now));
    const spent = this.outbox.spent;
    if (spent > 0) this.outbox.chargeSends(this.metrics, now);
    this.cpus.charge(now, node, spent);
  }

  private crash(now: Micros, node: number): void {
    if (!this.cluster.isUp(node)) return;
    this.cluster.nodeDown(node);
    this.epoch[node]++;
    const cpus = this.cpus;
    cpus.crash(node);
    for (let type = cpus.dropNext(node); type !== -1; type = cpus.dropNext(node)) {
      if (type === Job.Message) this.takeMessage(cpus.takenA);
      else if (type === Job.Request) this.clients.settled(cpus.takenA); // requests time out
    }
    this.timerGen[node].forEach((_, id, gens) => gens[id]++);
    this.disks.crash(node);
    this.arch.nodes[node].crash();
    this.observers.nodeDown(now, node);
    if (this.tracer !== null) this.tracer.nodeUp(now, node, false);
  }

  private recover(now: Micros, node: number): void {
    if (this.cluster.isUp(node)) return;
    this.cluster.nodeUp(node);
    this.cpus.recover(now, node);
    this.observers.nodeUp(now, node);
    this.boot(now, node);
    if (this.tracer !== null) this.tracer.nodeUp(now, node, true);
  }

  // ---- messages ----

  private messageIn(slot: number): Message {
    const msg = this.messages[slot];
    if (msg === undefined) throw new Error(`no message in slot ${slot}`);
    return msg;
  }

  private takeMessage(slot: number): Message {
    const msg = this.messageIn(slot);
    this.messages[slot] = undefined;
    this.freeSlots.push(slot);
    return msg;
  }

  sendMessage(from: number, to: number, msg: Message, departAt: Micros): void {
    this.metrics.messageSent(departAt);
    if (!this.network.connected(from, to) || this.network.lost()) {
      if (this.tracer !== null) this.tracer.message(from, to, msg, departAt, -1);
      return;
    }
    const slot = this.freeSlots.pop() ?? this.messages.length;
    this.messages[slot] = msg;
    const arriveAt = this.network.arrival(from, to, departAt);
    if (this.tracer !== null) this.tracer.message(from, to, msg, departAt, arriveAt);
    pushMessageDeliver(this.queue, arriveAt, to, slot, from);
  }

  /** Whole microseconds, like every time: a `slow` factor of 1.5 must not make departures fractional. */
  sendCost(node: number, msg: Message): Micros {
    return this.cpus.cost(node, this.perMessage + this.perEntry * msg.entries);
  }

  sendReply(node: number, attempt: number, status: ReplyStatus, value: number, departAt: Micros): void {
    const hop = this.network.replyHop();
    if (hop < 0) return;
    const arriveAt = departAt + hop;
    if (this.tracer !== null) this.tracer.clientReply(departAt, arriveAt, node, status);
    pushReplyDeliver(this.queue, arriveAt, attempt, status, value);
  }

  // ---- timers and disk ----

  setTimer(node: number, id: number, at: Micros): void {
    let gens = this.timerGen[node];
    if (id >= gens.length) this.timerGen[node] = gens = grownInt32(gens, Math.max(id + 1, gens.length * 2));
    // A timer id is usually one kind of timer with one interval (a heartbeat): its own lane of the
    // queue keeps such timers in order without heap work (others fall back to the heap).
    pushTimer(this.queue, id < TIMER_LANES ? id : TIMER_LANES - 1, at, node, id, ++gens[id]);
  }

  timerDelay(node: number, localDelay: Micros): Micros {
    return this.clocks.trueDelay(node, localDelay);
  }

  cancelTimer(node: number, id: number): void {
    if (id < this.timerGen[node].length) this.timerGen[node][id]++;
  }

  /** Behind the requests and data already queued: a crash clears it with them. */
  deferTimer(now: Micros, node: number, id: number): void {
    this.enqueue(now, node, Job.Deferred, id, 0, 0);
  }

  /** One fsync covers everything requested before it starts; requests during it wait for the next. */
  persist(node: number, token: number, at: Micros): void {
    this.disks.persist(node, token, at);
  }

  private fsyncDone(now: Micros, node: number, token: number): void {
    this.disks.finished(node);
    this.enqueue(now, node, Job.Persisted, token, 0, 0);
    this.disks.startPending(node, now);
  }

  nodeRandom(node: number): Random {
    return this.rngs[node];
  }

  // ---- trace notes: the engine's view first, then whoever observes ----

  noteRole(now: Micros, node: number, group: number, role: Role, term: number): void {
    this.cluster.roleChanged(node, group, role, term);
    this.observers.roleChanged(now, node, group, role, term);
    if (this.tracer !== null) this.tracer.role(now, node, group, role, term);
  }
  noteEjected(now: Micros, node: number): void {
    this.observers.ejected(now, node);
    this.tracer?.ejected(now, node);
  }
  noteCommit(now: Micros, node: number, group: number, first: number, last: number, log: CommittedLog): void {
    this.observers.committed(now, node, group, first, last, log);
  }

  noteElection(now: Micros, node: number, group: number, term: number): void {
    this.observers.electionStarted(now, node, group, term);
    if (this.tracer !== null) this.tracer.election(now, node, group, term);
  }

  noteServed(now: Micros, node: number, group: number, term: number): void {
    this.observers.servedInTerm(now, node, group, term);
  }
}
