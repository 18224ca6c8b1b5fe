// What one finished run hands to the report writers: plain rows, no live objects.
// Numbers are already in the units their column names say; null means "does not apply".
// `assembleRunResult` is the one place a run's result is put together from its observers.
import type { MetricsCollector } from './collector.js';
import type { FailoverTracker } from './failover.js';
import type { InvariantChecker } from './invariants.js';
import { unavailableMicros, type OutageLog } from './outages.js';

export const SUMMARY_COLUMNS = [
  'scenario',
  'variant',
  'kind',
  'nodes',
  'seed',
  'trial',
  'sim_seconds',
  'offered_ops_s',
  'throughput_ops_s',
  'completed',
  'failed',
  'incomplete',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
  'latency_p999_ms',
  'failovers',
  'election_ms',
  'failover_mean_ms',
  'failover_max_ms',
  'unavailable_ms',
  'elections',
  'messages',
  'leader_utilization',
  'mean_utilization',
  'leader_cpu_requests',
  'leader_cpu_replication',
  'leader_cpu_heartbeats',
  'leader_cpu_elections',
  'capacity_ops_s',
  'acked_writes_lost',
  'stale_reads',
  'alerts_fired',
  'detect_mean_ms',
] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
/** The leader's CPU split by CpuUse (sim/net/cpu.ts): fractions of its time in office. */
export type LeaderCpuColumn = 'leader_cpu_requests' | 'leader_cpu_replication' | 'leader_cpu_heartbeats' | 'leader_cpu_elections';
export type Cell = string | number | null;
export type SummaryRow = Record<SummaryColumn, Cell>;

export const TIMESERIES_COLUMNS = [
  'variant',
  'trial',
  't_ms',
  'throughput_ops_s',
  'failed',
  'latency_p50_ms',
  'latency_p99_ms',
  'leader',
] as const;
export type TimeseriesRow = Record<(typeof TIMESERIES_COLUMNS)[number], Cell>;

export const FAILOVER_COLUMNS = [
  'variant',
  'trial',
  'fault_at_ms',
  'detected_at_ms',
  'elected_at_ms',
  'first_commit_at_ms',
  'election_ms',
  'failover_ms',
  'outage_ms',
  'election_rounds',
] as const;
export type FailoverRow = Record<(typeof FAILOVER_COLUMNS)[number], Cell>;

export const ALERT_COLUMNS = ['variant', 'trial', 'alert', 'fired_at_ms', 'resolved_at_ms', 'fault_at_ms', 'detect_ms'] as const;
export type AlertRow = Record<(typeof ALERT_COLUMNS)[number], Cell>;

/** A fault as drawn on charts. */
export interface FaultMarker {
  at_ms: number;
  /** When it ends (recovery, heal); null when it lasts to the end of the run. */
  until_ms: number | null;
  label: string;
  /** Nothing to wait out (a clock jump): no downtime strip, even without an end. */
  instant?: true;
  /** A partition's sides (nodes named in no group form one more side). */
  sides?: number[][];
}

/** `no-quorum`: a leader that cannot reach a majority of its group (derived for the chart). */
export type TimelineRole = 'leader' | 'follower' | 'candidate' | 'down' | 'serving' | 'idle' | 'no-quorum';
export interface RoleSegment {
  from_ms: number;
  to_ms: number;
  role: TimelineRole;
}

/** Requests sent near faults (±1 s), as parallel columns: the failover zoom chart's data. */
export interface RequestsNearFaults {
  sent_ms: number[];
  done_ms: number[];
  ok: boolean[];
}

/** One replica's roles over time, for nodes that host several groups (sharded-raft). */
export interface ReplicaLane {
  node: number;
  group: number;
  segments: RoleSegment[];
}

export interface InvariantViolation {
  invariant: string;
  at_ms: number;
  detail: string;
}

export interface RunResult {
  scenario: string;
  variant: string;
  kind: string;
  nodes: number;
  trial: number;
  seed: number;
  /** Sweep point, dotted path → value; empty without a sweep. */
  sweepPoint: Record<string, string | number | boolean>;
  summary: SummaryRow;
  timeseries: TimeseriesRow[];
  failovers: FailoverRow[];
  /** One row per firing; absent when the scenario has no alert rules. */
  alerts?: AlertRow[];
  faults: FaultMarker[];
  /** Per node, its roles over time (may be capped to the first nodes for large clusters). */
  timeline: RoleSegment[][];
  violations: InvariantViolation[];
  /** Per-replica lanes of multi-group architectures (first nodes only); absent otherwise. */
  replicas?: ReplicaLane[];
  /** Trial 0 of runs with faults only: the other trials are never drawn. */
  nearFaults?: RequestsNearFaults;
}

/** What the metrics collector measured itself (the rest comes from the other observers). */
export interface MeasuredParts {
  summary: SummaryRow;
  timeseries: TimeseriesRow[];
  alerts: AlertRow[] | undefined;
  faults: FaultMarker[];
  timeline: RoleSegment[][];
  replicas: ReplicaLane[] | null;
  nearFaults: RequestsNearFaults | null;
}

/** The observers of one run, each finished here in turn. */
export interface RunObservers {
  metrics: MetricsCollector;
  invariants: InvariantChecker;
  failovers: FailoverTracker;
  outages: OutageLog;
}

/** The run's result at `end`, given the writes in the final committed state (null: unknown). */
export function assembleRunResult(end: number, committedWrites: ReadonlySet<number> | null, o: RunObservers): RunResult {
  const { id, window } = o.metrics;
  const lost = o.metrics.lostWrites(committedWrites);
  // a loss is a violation only where the architecture promises durability; elsewhere it is counted
  if (o.metrics.promisesDurability) o.invariants.ackedWritesLost(end / 1000, lost);
  const outages = o.outages.finish(end);
  const failovers = o.failovers.finish(id.variant, id.trial, end, outages);
  const unavailable = unavailableMicros(outages, window.warmup, window.duration);
  const m = o.metrics.finish(end, failovers, unavailable, lost, committedWrites);
  return {
    scenario: id.scenario,
    variant: id.variant,
    kind: id.kind,
    nodes: id.nodes,
    trial: id.trial,
    seed: id.seed,
    sweepPoint: id.sweepPoint,
    summary: m.summary,
    timeseries: m.timeseries,
    failovers,
    ...(m.alerts ? { alerts: m.alerts } : {}),
    faults: m.faults,
    timeline: m.timeline,
    violations: o.invariants.violations,
    ...(m.replicas ? { replicas: m.replicas } : {}),
    ...(m.nearFaults ? { nearFaults: m.nearFaults } : {}),
  };
}
