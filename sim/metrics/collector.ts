// The metrics collector: the engine reports what happened (ops, CPU busy time, messages) and
// the collector hears the run's events (role changes, elections, crashes) as one observer among
// others; it only records, and never changes what happens next. Who leads it learns from those
// role events, into a view of its own (it reads nothing of the engine's), so a bucket closed late
// still gets the leader it had. At the end it hands its part of the RunResult to run-result.ts,
// which assembles the whole.
import { ClusterState } from '../engine/cluster.js';
import type { SimObserver } from '../engine/observers.js';
import { CpuUse } from '../net/cpu.js';
import type { Role } from '../protocols/node.js';
import { IntColumn } from '../core/columns.js';
import type { AlertRule } from '../scenario/scenario.js';
import { AlertMonitor, alertSummary } from './alerts/monitor.js';
import { LatencyHistogram } from './latency.js';
import { LeaderLoad } from './leader-load.js';
import { NearFaultRequests } from './near-faults.js';
import { ReplicaRoles } from './replica-roles.js';
import { RoleTracker, TIMELINE_NODES } from './roles.js';
import {
  type AlertRow,
  type FailoverRow,
  type FaultMarker,
  type LeaderCpuColumn,
  type MeasuredParts,
  type SummaryRow,
  type TimeseriesRow,
} from './run-result.js';
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
  /** The architecture's replication groups, each a list of members (none without a leader). */
  groups?: readonly (readonly number[])[];
  /** capacity_ops_s: the analytic bound of the leader kinds (null elsewhere). */
  capacity?: number | null;
}

export class MetricsCollector implements SimObserver {
  readonly roles: RoleTracker;
  private readonly replicaRoles: ReplicaRoles;
  private readonly summaryLatency = new LatencyHistogram(3);
  private readonly bucketLatency = new LatencyHistogram(2);
  private readonly staleness = new StaleReadCounter();
  /** Ops of acknowledged writes, kept where someone can tell whether they survived. */
  private readonly ackedWrites = new IntColumn();
  private readonly faults: FaultMarker[] = [];
  private readonly alerts: AlertMonitor | null;
  /** Only trial 0 is drawn, so only trial 0 keeps its requests near faults. */
  private readonly nearFaults: NearFaultRequests | null;
  private readonly busy: Float64Array;
  private readonly leaderLoad: LeaderLoad;
  private readonly downSince: Float64Array;
  private readonly downtime: Float64Array;
  // per bucket
  private readonly completedIn: number[] = [];
  private readonly failedIn: number[] = [];
  private readonly p50In: (number | null)[] = [];
  private readonly p99In: (number | null)[] = [];
  private readonly leaderIn: (number | null)[] = [];
  private bucketIndex = 0;
  /** When the current bucket ends: `advance` is called per op and mostly has nothing to close. */
  private bucketEnd: number;
  // window totals
  private offered = 0;
  private completed = 0;
  private failed = 0;
  private incomplete = 0;
  private messages = 0;
  private elections = 0;

  /** Who leads each group, from the role events and crashes this collector heard. */
  private readonly cluster: ClusterState;

  constructor(
    readonly id: RunIdentity,
    private readonly opt: MeasureOptions,
  ) {
    this.cluster = new ClusterState(id.nodes);
    this.cluster.declareGroups(opt.groups ?? []);
    this.bucketEnd = opt.bucket;
    this.roles = new RoleTracker(id.nodes, opt.initialRole);
    this.replicaRoles = new ReplicaRoles(TIMELINE_NODES, opt.initialRole);
    this.nearFaults = id.trial === 0 ? new NearFaultRequests() : null;
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
          leaderMissing: () => this.cluster.ledGroups().length < groups,
        })
      : null;
  }

  private inWindow(now: number): boolean {
    return now >= this.opt.warmup;
  }

  /** Closes every bucket that ends at or before `now`; call before recording anything at `now`. */
  advance(now: number): void {
    this.alerts?.advance(now);
    if (now < this.bucketEnd) return;
    const bucket = this.opt.bucket;
    while ((this.bucketIndex + 1) * bucket <= now && (this.bucketIndex + 1) * bucket <= this.opt.duration) this.closeBucket();
  }

  private closeBucket(): void {
    const i = this.bucketIndex++;
    this.bucketEnd = (this.bucketIndex + 1) * this.opt.bucket;
    this.completedIn[i] ??= 0;
    this.failedIn[i] ??= 0;
    this.p50In[i] = this.bucketLatency.percentileMicros(50);
    this.p99In[i] = this.bucketLatency.percentileMicros(99);
    this.leaderIn[i] = this.opt.hasLeader && this.cluster.leader >= 0 ? this.cluster.leader : null;
    this.bucketLatency.reset();
  }

  opOffered(now: number): void {
    if (this.inWindow(now)) this.offered++;
  }

  opCompleted(now: number, op: number, started: number, write: boolean, key: number, value: number): void {
    this.advance(now);
    const latency = now - started;
    this.nearFaults?.record(now, started, true);
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

  opFailed(now: number, started: number): void {
    this.advance(now);
    this.nearFaults?.record(now, started, false);
    this.failedIn[this.bucketIndex] = (this.failedIn[this.bucketIndex] ?? 0) + 1;
    this.alerts?.failed(now);
    if (this.inWindow(now)) this.failed++;
  }

  /** An op still waiting for its answer when the run ended at `end` (any start time). Its
   *  latency is censored: recorded as the wait so far, a lower bound of the wait it will have,
   *  so the latency statistics never drop a request for being slow (README "Latency"). */
  opIncomplete(end: number, started: number): void {
    this.incomplete++;
    this.summaryLatency.record(end - started);
  }

  /** Node `node`'s CPU is busy over [from, from + micros): counted where it overlaps the window. */
  cpuBusy(node: number, from: number, micros: number, use: CpuUse): void {
    const start = Math.max(from, this.opt.warmup);
    const end = Math.min(from + micros, this.opt.duration);
    if (end > start) this.busy[node] += end - start;
    this.leaderLoad.cpuBusy(node, from, micros, use);
  }

  messageSent(now: number): void {
    if (this.inWindow(now)) this.messages++;
  }

  nodeDown(now: number, node: number): void {
    this.advance(now);
    this.cluster.nodeDown(node);
    this.downSince[node] = now;
    this.leaderLoad.leftOffice(now, node);
    this.roles.down(now, node);
    this.replicaRoles.down(now, node);
  }

  nodeUp(now: number, node: number): void {
    this.advance(now);
    this.cluster.nodeUp(node);
    this.addDowntime(node, now);
    this.downSince[node] = -1;
  }

  private addDowntime(node: number, now: number): void {
    const start = Math.max(this.downSince[node], this.opt.warmup);
    const end = Math.min(now, this.opt.duration);
    if (this.downSince[node] >= 0 && end > start) this.downtime[node] += end - start;
  }

  roleChanged(now: number, node: number, group: number, role: Role, term: number): void {
    this.advance(now);
    this.cluster.roleChanged(node, group, role, term);
    if (role === 'leader') this.leaderLoad.tookOffice(now, node);
    else this.leaderLoad.leftOffice(now, node);
    this.roles.change(now, node, role, group);
    this.replicaRoles.change(now, node, group, role);
  }

  electionStarted(now: number): void {
    if (this.inWindow(now)) this.elections++;
  }

  fault(marker: FaultMarker): void {
    this.advance(marker.at_ms * 1000);
    this.alerts?.fault(marker.at_ms * 1000);
    this.faults.push(marker);
    this.nearFaults?.fault(marker.at_ms * 1000);
  }

  /** The faults so far (the replay's tracer reads the new ones as they fire). */
  faultMarkers(): readonly FaultMarker[] {
    return this.faults;
  }

  /** The window [warmup, duration) the summary measures. */
  get window(): { warmup: number; duration: number } {
    return this.opt;
  }

  /** Whether an acknowledged write that did not survive breaks a promise (else it is counted). */
  get promisesDurability(): boolean {
    return this.opt.promisesDurability;
  }

  /** What it measured, up to `end`, given the failovers, the unavailable time and the lost writes. */
  finish(
    end: number,
    failovers: FailoverRow[],
    unavailable: number,
    lost: number[],
    committedWrites: ReadonlySet<number> | null,
  ): MeasuredParts {
    this.advance(end);
    if (this.bucketIndex * this.opt.bucket < end) this.closeBucket();
    for (let node = 0; node < this.id.nodes; node++) if (this.downSince[node] >= 0) this.addDowntime(node, end);
    const alerts = this.alerts?.finish();
    const nearFaults = this.nearFaults?.finish() ?? null;
    const replicas = this.replicaRoles.finish(end);
    return {
      summary: this.summary(failovers, unavailable, lost, committedWrites, alerts),
      timeseries: this.timeseries(),
      alerts,
      faults: this.faults,
      timeline: this.roles.finish(end),
      replicas,
      nearFaults,
    };
  }

  /** Acknowledged writes missing from the final committed state (none where that is unknown). */
  lostWrites(committed: ReadonlySet<number> | null): number[] {
    if (committed === null) return [];
    const lost: number[] = [];
    for (let i = 0; i < this.ackedWrites.length; i++) if (!committed.has(this.ackedWrites.get(i))) lost.push(this.ackedWrites.get(i));
    return lost;
  }

  private summary(
    failovers: FailoverRow[],
    unavailable: number,
    lost: number[],
    committed: ReadonlySet<number> | null,
    alerts: AlertRow[] | undefined,
  ): SummaryRow {
    const failoverMs = valuesOf(failovers, 'failover_ms');
    const seconds = (this.opt.duration - this.opt.warmup) / 1e6;
    const lat = this.summaryLatency;
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
      incomplete: this.incomplete,
      latency_mean_ms: ms(lat.meanMicros()),
      latency_p50_ms: ms(lat.percentileMicros(50)),
      latency_p99_ms: ms(lat.percentileMicros(99)),
      latency_p999_ms: ms(lat.percentileMicros(99.9)),
      failovers: failovers.length,
      election_ms: mean(valuesOf(failovers, 'election_ms')),
      failover_mean_ms: mean(failoverMs),
      failover_max_ms: failoverMs.length === 0 ? null : Math.max(...failoverMs),
      unavailable_ms: unavailable / 1000,
      elections: this.opt.hasLeader ? this.elections : null,
      messages: this.messages,
      ...this.leaderCpu(),
      mean_utilization: this.meanUtilization(),
      capacity_ops_s: this.opt.capacity ?? null,
      acked_writes_lost: committed !== null ? lost.length : null,
      stale_reads: this.opt.versionedReads ? this.staleness.stale : null,
      ...(alerts ? alertSummary(alerts) : { alerts_fired: null, detect_mean_ms: null }),
    };
  }

  /** leader_utilization and its split by use, of the same leader (all empty without one). */
  private leaderCpu(): Pick<SummaryRow, 'leader_utilization' | LeaderCpuColumn> {
    const leader = this.opt.hasLeader ? this.leaderLoad.measuredLeader(this.opt.duration) : null;
    const share = (use: CpuUse) => (leader === null ? null : this.leaderLoad.share(leader, use));
    return {
      leader_utilization: leader === null ? null : this.leaderLoad.utilization(leader),
      leader_cpu_requests: share(CpuUse.Requests),
      leader_cpu_replication: share(CpuUse.Replication),
      leader_cpu_heartbeats: share(CpuUse.Heartbeats),
      leader_cpu_elections: share(CpuUse.Elections),
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
        latency_p50_ms: ms(this.p50In[i]),
        latency_p99_ms: ms(this.p99In[i]),
        leader: this.leaderIn[i],
      });
    }
    return rows;
  }
}

const ms = (micros: number | null) => (micros === null ? null : micros / 1000);
const valuesOf = (rows: FailoverRow[], column: 'failover_ms' | 'election_ms'): number[] =>
  rows.map((f) => f[column]).filter((x): x is number => typeof x === 'number');
const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
