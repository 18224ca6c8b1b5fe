// The metrics collector: the engine reports what happened (ops, CPU busy time, messages, role
// changes, commits, faults); the collector never changes what happens next. At the end it
// hands the report writers a RunResult of plain rows.
import type { Role } from '../protocols/node.js';
import { IntColumn } from '../core/columns.js';
import type { AlertRule } from '../scenario/scenario.js';
import { AlertMonitor, alertSummary } from './alerts/monitor.js';
import { FailoverTracker } from './failover.js';
import { InvariantChecker } from './invariants.js';
import { LatencyHistogram } from './latency.js';
import { LeaderLoad } from './leader-load.js';
import { RoleTracker } from './roles.js';
import type { AlertRow, FaultMarker, RunResult, SummaryRow, TimeseriesRow } from './run-result.js';
import { StaleReadCounter } from './staleness.js';

export interface RunIdentity {
  scenario: string;
  variant: string;
  kind: string;
  nodes: number;
  seed: number;
  trial: number;
  sweepPoint: Record<string, string | number | boolean>;
}

export interface MeasureOptions {
  warmup: number;
  duration: number;
  bucket: number;
  hasLeader: boolean;
  initialRole: Role;
  versionedReads: boolean;
  promisesDurability: boolean;
  /** The scenario's alert rules, if any. */
  alerts?: readonly AlertRule[];
  /** Replication groups that should each have a leader (shards; 1 for single-group kinds). */
  leaderGroups?: number;
  /** capacity_ops_s: the analytic bound of the leader kinds (null elsewhere). */
  capacity?: number | null;
}

export class MetricsCollector {
  readonly invariants = new InvariantChecker();
  readonly failovers = new FailoverTracker();
  readonly roles: RoleTracker;
  private readonly summaryLatency = new LatencyHistogram(3);
  private readonly bucketLatency = new LatencyHistogram(2);
  private readonly staleness = new StaleReadCounter();
  /** Ops of acknowledged writes, kept where someone can tell whether they survived. */
  private readonly ackedWrites = new IntColumn();
  private readonly faults: FaultMarker[] = [];
  private readonly alerts: AlertMonitor | null;
  private readonly busy: Float64Array;
  private readonly leaderLoad: LeaderLoad;
  private readonly downSince: Float64Array;
  private readonly downtime: Float64Array;
  // per bucket
  private readonly completedIn: number[] = [];
  private readonly failedIn: number[] = [];
  private readonly attemptsIn: number[] = [];
  private readonly p50In: (number | null)[] = [];
  private readonly p99In: (number | null)[] = [];
  private readonly leaderIn: (number | null)[] = [];
  private bucketIndex = 0;
  // window totals
  private offered = 0;
  private completed = 0;
  private failed = 0;
  private messages = 0;
  private elections = 0;

  constructor(
    private readonly id: RunIdentity,
    private readonly opt: MeasureOptions,
  ) {
    this.roles = new RoleTracker(id.nodes, opt.initialRole);
    this.busy = new Float64Array(id.nodes);
    this.leaderLoad = new LeaderLoad(id.nodes, opt.warmup, opt.duration);
    this.downSince = new Float64Array(id.nodes).fill(-1);
    this.downtime = new Float64Array(id.nodes);
    const groups = opt.leaderGroups ?? 1;
    this.alerts = opt.alerts
      ? new AlertMonitor({
          rules: opt.alerts,
          start: opt.warmup,
          end: opt.duration,
          variant: id.variant,
          trial: id.trial,
          leaderMissing: () => this.roles.ledGroups().length < groups,
        })
      : null;
  }

  get hasLeader(): boolean {
    return this.opt.hasLeader;
  }

  private inWindow(now: number): boolean {
    return now >= this.opt.warmup;
  }

  /** Closes every bucket that ends at or before `now`; call before recording anything at `now`. */
  advance(now: number): void {
    this.alerts?.advance(now);
    const bucket = this.opt.bucket;
    while ((this.bucketIndex + 1) * bucket <= now && (this.bucketIndex + 1) * bucket <= this.opt.duration) this.closeBucket();
  }

  private closeBucket(): void {
    const i = this.bucketIndex++;
    this.completedIn[i] ??= 0;
    this.failedIn[i] ??= 0;
    this.attemptsIn[i] ??= 0;
    this.p50In[i] = this.bucketLatency.percentileMicros(50);
    this.p99In[i] = this.bucketLatency.percentileMicros(99);
    this.leaderIn[i] = this.opt.hasLeader && this.roles.leader >= 0 ? this.roles.leader : null;
    this.bucketLatency.reset();
  }

  opOffered(now: number): void {
    if (this.inWindow(now)) this.offered++;
  }

  attemptSent(now: number): void {
    this.advance(now);
    this.attemptsIn[this.bucketIndex] = (this.attemptsIn[this.bucketIndex] ?? 0) + 1;
  }

  opCompleted(now: number, op: number, started: number, write: boolean, key: number, value: number): void {
    this.advance(now);
    const latency = now - started;
    this.completedIn[this.bucketIndex] = (this.completedIn[this.bucketIndex] ?? 0) + 1;
    this.bucketLatency.record(latency);
    this.alerts?.completed(now, latency);
    if (this.inWindow(now)) {
      this.completed++;
      this.summaryLatency.record(latency);
    }
    if (write && (this.opt.promisesDurability || this.opt.versionedReads)) this.ackedWrites.push(op);
    if (this.opt.versionedReads) {
      if (write) this.staleness.writeAcked(now, key, value);
      else this.staleness.readReturned(started, key, value);
    }
  }

  opFailed(now: number): void {
    this.advance(now);
    this.failedIn[this.bucketIndex] = (this.failedIn[this.bucketIndex] ?? 0) + 1;
    this.alerts?.failed(now);
    if (this.inWindow(now)) this.failed++;
  }

  /** Node `node`'s CPU is busy over [from, from + micros): counted where it overlaps the window. */
  cpuBusy(node: number, from: number, micros: number): void {
    const start = Math.max(from, this.opt.warmup);
    const end = Math.min(from + micros, this.opt.duration);
    if (end > start) this.busy[node] += end - start;
    this.leaderLoad.cpuBusy(node, from, micros);
  }

  messageSent(now: number): void {
    if (this.inWindow(now)) this.messages++;
  }

  nodeDown(now: number, node: number): void {
    this.advance(now);
    this.downSince[node] = now;
    this.leaderLoad.leftOffice(now, node);
    this.roles.down(now, node);
  }

  nodeUp(now: number, node: number): void {
    this.advance(now);
    this.addDowntime(node, now);
    this.downSince[node] = -1;
  }

  private addDowntime(node: number, now: number): void {
    const start = Math.max(this.downSince[node], this.opt.warmup);
    const end = Math.min(now, this.opt.duration);
    if (this.downSince[node] >= 0 && end > start) this.downtime[node] += end - start;
  }

  role(now: number, node: number, group: number, role: Role, term: number): void {
    this.advance(now);
    if (role === 'leader') {
      this.invariants.leaderElected(now / 1000, group, node, term);
      this.failovers.leaderElected(now, term, group);
    }
    if (role === 'leader') this.leaderLoad.tookOffice(now, node);
    else this.leaderLoad.leftOffice(now, node);
    this.roles.change(now, node, role, term, group);
  }

  electionStarted(now: number, term: number, group: number): void {
    if (this.inWindow(now)) this.elections++;
    this.failovers.detected(now, term, group);
  }

  commit(now: number, node: number, group: number, index: number, term: number, op: number): void {
    this.invariants.committed(now / 1000, group, node, index, term, op);
    if (op >= 0 && this.failovers.openCount > 0) this.failovers.committed(now, term, group, node);
  }

  fault(marker: FaultMarker): void {
    this.advance(marker.at_ms * 1000);
    this.alerts?.fault(marker.at_ms * 1000);
    this.faults.push(marker);
  }

  finish(end: number, committedWrites: ReadonlySet<number> | null): RunResult {
    this.advance(end);
    if (this.bucketIndex * this.opt.bucket < end) this.closeBucket();
    for (let node = 0; node < this.id.nodes; node++) if (this.downSince[node] >= 0) this.addDowntime(node, end);
    const lost = this.lostWrites(committedWrites);
    // a loss is a violation only where the architecture promises durability; elsewhere it is counted
    if (this.opt.promisesDurability) this.invariants.ackedWritesLost(end / 1000, lost);
    const unavailableBetween = (from: number, to: number) => this.unavailableMicros(Math.max(from, this.opt.warmup), to);
    const failovers = this.failovers.rows(this.id.variant, this.id.trial, unavailableBetween, end);
    const alerts = this.alerts?.finish();
    return {
      scenario: this.id.scenario,
      variant: this.id.variant,
      kind: this.id.kind,
      nodes: this.id.nodes,
      trial: this.id.trial,
      seed: this.id.seed,
      sweepPoint: this.id.sweepPoint,
      summary: this.summary(
        failovers.map((f) => f.failover_ms).filter((x): x is number => typeof x === 'number'),
        failovers.length,
        lost,
        committedWrites,
        alerts,
      ),
      timeseries: this.timeseries(),
      failovers,
      ...(alerts ? { alerts } : {}),
      faults: this.faults,
      timeline: this.roles.finish(end),
      violations: this.invariants.violations,
    };
  }

  private lostWrites(committed: ReadonlySet<number> | null): number[] {
    if (committed === null) return [];
    const lost: number[] = [];
    for (let i = 0; i < this.ackedWrites.length; i++) if (!committed.has(this.ackedWrites.get(i))) lost.push(this.ackedWrites.get(i));
    return lost;
  }

  /** Time in buckets within [from, to) where requests were sent but none succeeded. */
  private unavailableMicros(from: number, to: number): number {
    const bucket = this.opt.bucket;
    let total = 0;
    for (let i = Math.floor(from / bucket); i * bucket < to && i < this.bucketIndex; i++) {
      if ((this.attemptsIn[i] ?? 0) > 0 && (this.completedIn[i] ?? 0) === 0)
        total += Math.min((i + 1) * bucket, this.opt.duration) - i * bucket;
    }
    return total;
  }

  private summary(
    failoverMs: number[],
    failoverCount: number,
    lost: number[],
    committed: ReadonlySet<number> | null,
    alerts: AlertRow[] | undefined,
  ): SummaryRow {
    const seconds = (this.opt.duration - this.opt.warmup) / 1e6;
    const lat = this.summaryLatency;
    const ms = (micros: number | null) => (micros === null ? null : micros / 1000);
    return {
      scenario: this.id.scenario,
      variant: this.id.variant,
      kind: this.id.kind,
      nodes: this.id.nodes,
      seed: this.id.seed,
      trial: this.id.trial,
      sim_seconds: seconds,
      offered_ops_s: this.offered / seconds,
      throughput_ops_s: this.completed / seconds,
      completed: this.completed,
      failed: this.failed,
      latency_mean_ms: ms(lat.meanMicros()),
      latency_p50_ms: ms(lat.percentileMicros(50)),
      latency_p99_ms: ms(lat.percentileMicros(99)),
      latency_p999_ms: ms(lat.percentileMicros(99.9)),
      failovers: failoverCount,
      failover_mean_ms: failoverMs.length === 0 ? null : failoverMs.reduce((s, x) => s + x, 0) / failoverMs.length,
      failover_max_ms: failoverMs.length === 0 ? null : Math.max(...failoverMs),
      unavailable_ms: this.unavailableMicros(this.opt.warmup, this.opt.duration) / 1000,
      elections: this.opt.hasLeader ? this.elections : null,
      messages: this.messages,
      leader_utilization: this.opt.hasLeader ? this.leaderLoad.utilization(this.opt.duration) : null,
      mean_utilization: this.meanUtilization(),
      capacity_ops_s: this.opt.capacity ?? null,
      acked_writes_lost: committed !== null ? lost.length : null,
      stale_reads: this.opt.versionedReads ? this.staleness.stale : null,
      ...(alerts ? alertSummary(alerts) : { alerts_fired: null, detect_mean_ms: null }),
    };
  }

  private utilization(node: number): number | null {
    const up = this.opt.duration - this.opt.warmup - this.downtime[node];
    return up > 0 ? this.busy[node] / up : null;
  }

  private meanUtilization(): number {
    let sum = 0;
    let live = 0;
    for (let node = 0; node < this.id.nodes; node++) {
      const u = this.utilization(node);
      if (u === null) continue;
      sum += u;
      live++;
    }
    return live === 0 ? 0 : sum / live;
  }

  private timeseries(): TimeseriesRow[] {
    const seconds = this.opt.bucket / 1e6;
    const rows: TimeseriesRow[] = [];
    for (let i = 0; i < this.bucketIndex; i++) {
      rows.push({
        variant: this.id.variant,
        trial: this.id.trial,
        t_ms: (i * this.opt.bucket) / 1000,
        throughput_ops_s: (this.completedIn[i] ?? 0) / seconds,
        failed: this.failedIn[i] ?? 0,
        latency_p50_ms: this.p50In[i] === null ? null : (this.p50In[i] as number) / 1000,
        latency_p99_ms: this.p99In[i] === null ? null : (this.p99In[i] as number) / 1000,
        leader: this.leaderIn[i],
      });
    }
    return rows;
  }
}
