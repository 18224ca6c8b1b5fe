// Data preparation shared by the charts and the HTML tables. Pure functions over finished
// results; every grouping keeps the order in which the input lists variants and sweep points,
// so the report is a function of its input alone.

import type { Cell, RunResult, SummaryColumn } from '../metrics/run-result.js';
import { parseRate } from '../scenario/units.js';

export type SweepValue = string | number | boolean;

/** Variant names in order of first appearance. */
export function variantsOf(results: readonly RunResult[]): string[] {
  return [...new Set(results.map((r) => r.variant))];
}

/** A stable text key for a sweep point, in sweepKeys order. */
export function pointKey(point: Readonly<Record<string, SweepValue>>, sweepKeys: readonly string[]): string {
  return sweepKeys.map((key) => `${key}=${String(point[key] ?? '')}`).join(', ');
}

/** Groups results by a key, keeping first-appearance order of keys and input order inside. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Per variant, the results at that variant's first sweep point: the runs the time-based
 * charts show (a sweep would otherwise overlay incomparable cluster sizes).
 */
export function firstPointRuns(results: readonly RunResult[], sweepKeys: readonly string[]): Map<string, RunResult[]> {
  const byVariant = groupBy(results, (r) => r.variant);
  const out = new Map<string, RunResult[]>();
  for (const [variant, runs] of byVariant) {
    const first = pointKey(runs[0].sweepPoint, sweepKeys);
    out.set(
      variant,
      runs.filter((r) => pointKey(r.sweepPoint, sweepKeys) === first),
    );
  }
  return out;
}

/** Per variant, its lowest-numbered trial at its first sweep point. */
export function firstTrialRuns(results: readonly RunResult[], sweepKeys: readonly string[]): RunResult[] {
  const out: RunResult[] = [];
  for (const runs of firstPointRuns(results, sweepKeys).values()) {
    out.push(runs.reduce((best, r) => (r.trial < best.trial ? r : best)));
  }
  return out;
}

/** Time charts draw at most this many panels; beyond, a sweep shows its first and last point. */
const MAX_TIME_PANELS = 8;

/**
 * The runs the time charts draw, one panel each: every variant's first trial at every sweep
 * point when that fits, else at the first and last sweep point (the two ends of a scaling
 * sweep are where the story is), else at the first point only.
 */
export function panelRuns(results: readonly RunResult[], sweepKeys: readonly string[]): RunResult[] {
  const byRun = groupBy(results, (r) => `${r.variant}\u0000${pointKey(r.sweepPoint, sweepKeys)}`);
  const firstTrials = [...byRun.values()].map((runs) => runs.reduce((best, r) => (r.trial < best.trial ? r : best)));
  if (firstTrials.length <= MAX_TIME_PANELS) return firstTrials;
  const variants = groupBy(firstTrials, (r) => r.variant);
  const ends = [...variants.values()].flatMap((runs) => (runs.length > 1 ? [runs[0], runs[runs.length - 1]] : runs));
  return ends.length <= MAX_TIME_PANELS ? ends : firstTrialRuns(results, sweepKeys);
}

export function num(cell: Cell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

/** Mean of the values that exist; null when none does (a metric that does not apply). */
export function mean(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count === 0 ? null : sum / count;
}

export function meanOf(runs: readonly RunResult[], column: SummaryColumn): number | null {
  return mean(runs.map((r) => num(r.summary[column])));
}

/** Failover mean over all failovers of the runs, not the mean of per-trial means. */
export function pooledFailoverMean(runs: readonly RunResult[]): number | null {
  let total = 0;
  let count = 0;
  for (const r of runs) {
    const m = num(r.summary.failover_mean_ms);
    const n = num(r.summary.failovers);
    if (m === null) continue;
    const weight = n !== null && n > 0 ? n : 1;
    total += m * weight;
    count += weight;
  }
  return count === 0 ? null : total / count;
}

/** A row's cell (summary.csv, failovers.csv) by column name, so that a column a later version
 *  adds is read once it exists (undefined in results written before it). */
export function cellOf(row: Readonly<Record<string, Cell | undefined>>, column: string): Cell | undefined {
  return row[column];
}

/** Mean of a failovers.csv column over every failover of the runs, read by name (cellOf). */
export function failoverMean(runs: readonly RunResult[], column: string): number | null {
  return mean(runs.flatMap((r) => r.failovers.map((f) => num(cellOf(f, column)))));
}

/** Σ messages / Σ completed: cost of one request, robust to trials of different lengths. */
export function messagesPerRequest(runs: readonly RunResult[]): number | null {
  let messages = 0;
  let completed = 0;
  for (const r of runs) {
    const m = num(r.summary.messages);
    const c = num(r.summary.completed);
    if (m === null || c === null) continue;
    messages += m;
    completed += c;
  }
  return completed > 0 ? messages / completed : null;
}

export interface ComparisonRow {
  variant: string;
  kind: string;
  point: Record<string, SweepValue>;
  trials: number;
  throughput_ops_s: number | null;
  latency_mean_ms: number | null;
  latency_p99_ms: number | null;
  failover_mean_ms: number | null;
  /** Means over every failover of the runs (failovers.csv); null where the column is absent. */
  election_ms: number | null;
  outage_ms: number | null;
  unavailable_ms: number | null;
  failed: number | null;
  messages_per_request: number | null;
  leader_utilization: number | null;
  mean_utilization: number | null;
}

/** One row per variant (× sweep point when there is a sweep), means over trials. */
export function comparisonRows(results: readonly RunResult[], sweepKeys: readonly string[]): ComparisonRow[] {
  const groups = groupBy(results, (r) => `${r.variant}\u0000${pointKey(r.sweepPoint, sweepKeys)}`);
  return [...groups.values()].map((runs) => ({
    variant: runs[0].variant,
    kind: runs[0].kind,
    point: runs[0].sweepPoint,
    trials: runs.length,
    throughput_ops_s: meanOf(runs, 'throughput_ops_s'),
    latency_mean_ms: meanOf(runs, 'latency_mean_ms'),
    latency_p99_ms: meanOf(runs, 'latency_p99_ms'),
    failover_mean_ms: pooledFailoverMean(runs),
    election_ms: failoverMean(runs, 'election_ms'),
    outage_ms: failoverMean(runs, 'outage_ms'),
    unavailable_ms: meanOf(runs, 'unavailable_ms'),
    failed: meanOf(runs, 'failed'),
    messages_per_request: messagesPerRequest(runs),
    leader_utilization: meanOf(runs, 'leader_utilization'),
    mean_utilization: meanOf(runs, 'mean_utilization'),
  }));
}

/** A sweep value as a number: a number, or a rate such as "150/s" (per second); else null. */
export function sweepNumber(value: SweepValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !value.includes('/')) return null;
  try {
    return parseRate(value);
  } catch {
    return null;
  }
}

/** The first sweep key whose values are all numbers (or rates) and take at least two values. */
export function numericSweepKey(results: readonly RunResult[], sweepKeys: readonly string[]): string | null {
  for (const key of sweepKeys) {
    const values = results.map((r) => sweepNumber(r.sweepPoint[key]));
    if (values.length === 0 || values.some((v) => v === null)) continue;
    if (new Set(values).size >= 2) return key;
  }
  return null;
}

/** A failovers.csv column pooled over every failover of the runs, its q-quantile (nearest rank). */
export function failoverPercentile(runs: readonly RunResult[], column: string, q: number): number | null {
  const times = runs
    .flatMap((r) => r.failovers.map((f) => cellOf(f, column)))
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  return times.length === 0 ? null : times[Math.min(times.length - 1, Math.max(0, Math.ceil(q * times.length) - 1))];
}

/** End of simulated time shown on time axes: the latest bucket end, segment end or fault. */
export function timeExtentMs(runs: readonly RunResult[]): number {
  let end = 0;
  for (const r of runs) {
    const ts = r.timeseries;
    const last = ts.length > 0 ? num(ts[ts.length - 1].t_ms) : null;
    const prev = ts.length > 1 ? num(ts[ts.length - 2].t_ms) : null;
    // t_ms is a bucket's start; the series ends one bucket later.
    if (last !== null) end = Math.max(end, last + (prev !== null ? last - prev : 0));
    for (const node of r.timeline) {
      if (node.length > 0) end = Math.max(end, node[node.length - 1].to_ms);
    }
    for (const f of r.faults) end = Math.max(end, f.at_ms, f.until_ms ?? 0);
  }
  return Math.max(end, 1);
}
