// Each node's CPU: one non-preemptive server with two classes of work. Urgent work — timers,
// fsync completions, refusals and liveness messages (heartbeats, votes) — is served before the
// rest, so a node with a backlog of requests still sends and hears heartbeats on time; client
// requests and data messages (AppendEntries and the like) share one FIFO queue, so replication
// work waits in line with the requests that caused it. The engine hears that a job's service
// ended through a CpuDone event (of the node's life `epoch` it started in: a crash voids it),
// takes the job (`take`), runs its handler, and hands back what the handler's sends cost
// (`release`). A slow node (a fault) takes `factor` times as long for everything.
import type { EventQueue } from '../core/event-queue.js';
import { CpuUse, Job, JobQueue } from '../net/cpu.js';
import type { Micros } from '../scenario/scenario.js';
import { pushCpuDone } from './events.js';

/** Who hears of CPU time spent (the metrics). */
export interface CpuMeter {
  cpuBusy(node: number, from: Micros, micros: Micros, use: CpuUse): void;
}

export class Cpus {
  private readonly busy: Uint8Array;
  private readonly freeAt: Float64Array;
  private readonly slowFactor: Float64Array;
  private readonly urgentJobs: JobQueue[];
  private readonly requestAndDataJobs: JobQueue[];
  /** The queue of the job in service: 1 for the FIFO of requests and data, 0 for urgent work. */
  private readonly servingRequest: Uint8Array;
  /** The arguments of the job `take` or `dropNext` returned last. */
  takenA = 0;
  takenB = 0;

  constructor(
    n: number,
    private readonly queue: EventQueue,
    /** The engine's per-node life counter (shared, not copied). */
    private readonly epoch: Int32Array,
    private readonly meter: CpuMeter,
  ) {
    this.busy = new Uint8Array(n);
    this.freeAt = new Float64Array(n);
    this.slowFactor = new Float64Array(n).fill(1);
    this.urgentJobs = Array.from({ length: n }, () => new JobQueue());
    this.requestAndDataJobs = Array.from({ length: n }, () => new JobQueue());
    this.servingRequest = new Uint8Array(n);
  }

  /** Queues a job; an idle CPU starts it at once (or when its backlog of sends is paid). */
  enqueue(now: Micros, node: number, type: Job, a: number, b: number, cost: Micros, use: CpuUse, urgent: boolean): void {
    (urgent ? this.urgentJobs : this.requestAndDataJobs)[node].push(type, a, b, cost, use);
    if (this.busy[node] === 0) this.startJob(node, Math.max(now, this.freeAt[node]));
  }

  /** Takes the job whose service just ended off its queue: its type, arguments in takenA/takenB. */
  take(node: number): Job {
    const q = (this.servingRequest[node] === 1 ? this.requestAndDataJobs : this.urgentJobs)[node];
    const i = q.peek();
    const type = q.typeAt(i);
    this.takenA = q.arg1At(i);
    this.takenB = q.arg2At(i);
    q.shift();
    return type;
  }

  /** The handler ran: the CPU pays for its sends (`spent`), then takes the next job if `up`. */
  release(now: Micros, node: number, spent: Micros, up: boolean): void {
    const free = Math.max(this.freeAt[node], now) + spent;
    this.freeAt[node] = free;
    this.busy[node] = 0;
    const jobs = this.urgentJobs[node].length + this.requestAndDataJobs[node].length;
    if (jobs > 0 && up) this.startJob(node, free);
  }

  /** Work done outside the job queue (a boot) adds what its sends cost to the backlog. */
  charge(now: Micros, node: number, spent: Micros): void {
    this.freeAt[node] = Math.max(this.freeAt[node], now) + spent;
  }

  /** What a send of base cost `micros` costs `node`, in whole microseconds (a factor of 1.5 must
   *  not make departures fractional). */
  cost(node: number, micros: Micros): Micros {
    return Math.round(micros * this.slowFactor[node]);
  }

  slow(node: number, factor: number): void {
    this.slowFactor[node] = factor;
  }

  /** A crash: the job in service is void. Call `dropNext` until it returns -1 to empty the queues. */
  crash(node: number): void {
    this.busy[node] = 0;
  }

  /** Takes the next job a crash drops (its arguments in takenA/takenB), -1 when none is left. */
  dropNext(node: number): Job | -1 {
    const q = this.urgentJobs[node].length > 0 ? this.urgentJobs[node] : this.requestAndDataJobs[node];
    if (q.length === 0) return -1;
    this.servingRequest[node] = q === this.urgentJobs[node] ? 0 : 1;
    return this.take(node);
  }

  /** A node coming back starts with an idle CPU and no backlog. */
  recover(now: Micros, node: number): void {
    this.freeAt[node] = now;
  }

  private startJob(node: number, at: Micros): void {
    const request = this.urgentJobs[node].length === 0 ? 1 : 0;
    this.servingRequest[node] = request;
    const q = (request === 1 ? this.requestAndDataJobs : this.urgentJobs)[node];
    const cost = Math.round(q.costAt(q.peek()) * this.slowFactor[node]);
    this.busy[node] = 1;
    this.meter.cpuBusy(node, at, cost, q.useAt(q.peek()));
    pushCpuDone(this.queue, at + cost, node, this.epoch[node]);
  }
}
