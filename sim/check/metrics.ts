// Which way is better for each metric `leadsim check` compares: the one table the statistical
// and the exact comparison, the reports and the docs read. A metric not listed here (a column
// added later) is compared as neutral: a move is reported, never failed, until it is listed.

export type Direction = 'higher' | 'lower' | 'neutral';

const METRIC_DIRECTIONS: Readonly<Record<string, Direction>> = {
  offered_ops_s: 'neutral',
  throughput_ops_s: 'higher',
  capacity_ops_s: 'higher',
  completed: 'higher',
  failed: 'lower',
  incomplete: 'lower',
  latency_mean_ms: 'lower',
  latency_p50_ms: 'lower',
  latency_p99_ms: 'lower',
  latency_p999_ms: 'lower',
  failovers: 'neutral',
  election_ms: 'lower',
  failover_mean_ms: 'lower',
  failover_max_ms: 'lower',
  outage_ms: 'lower',
  unavailable_ms: 'lower',
  elections: 'neutral',
  messages: 'lower',
  leader_utilization: 'neutral',
  mean_utilization: 'neutral',
  leader_cpu_requests: 'neutral',
  leader_cpu_replication: 'neutral',
  leader_cpu_heartbeats: 'neutral',
  leader_cpu_elections: 'neutral',
  acked_writes_lost: 'lower',
  stale_reads: 'lower',
  alerts_fired: 'neutral',
  detect_mean_ms: 'lower',
};

/** Columns of summary.csv that name a row rather than measure it (besides the sweep keys). */
const ROW_COLUMNS = ['scenario', 'variant', 'kind', 'nodes', 'seed', 'trial', 'sim_seconds'] as const;

export function directionOf(metric: string): Direction {
  return METRIC_DIRECTIONS[metric] ?? 'neutral';
}

/** The measured columns of a summary header: all but the row columns and the sweep keys. */
export function metricColumns(header: readonly string[], sweepKeys: readonly string[]): string[] {
  const naming = new Set<string>([...ROW_COLUMNS, ...sweepKeys]);
  return header.filter((column) => !naming.has(column));
}
