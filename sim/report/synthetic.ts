// Synthetic, deterministic RunResults for the report tests and for eyeballing charts: shaped
// like real runs (a leader crash, a failover gap, a leader bottleneck that grows with nodes)
// without running the simulator.

import type { FailoverRow, FaultMarker, RoleSegment, RunResult, SummaryRow, TimeseriesRow } from '../metrics/run-result.js';
import type { ReportInput } from './write-reports.js';
import { stream } from '../core/rng.js';

export interface SyntheticVariant {
  name: string;
  kind: string;
  /** Leader-based: elections, a failover gap, leader utilization. */
  leader: boolean;
}

export interface SyntheticOptions {
  scenario?: string;
  variants?: SyntheticVariant[];
  /** Node counts; more than one makes a sweep over architecture.nodes. */
  nodes?: number[];
  trials?: number;
  buckets?: number;
  bucketMs?: number;
  /** Invariant violations attached to the first run. */
  violations?: number;
}

export const DEFAULT_VARIANTS: SyntheticVariant[] = [
  { name: 'raft', kind: 'raft-group', leader: true },
  { name: 'stateless', kind: 'stateless-lb', leader: false },
];

/** Fake results are drawn from the project's own seeded streams, like everything else. */
function rng(seed: number): () => number {
  return stream(seed, 'report/synthetic');
}

interface Shape {
  variant: SyntheticVariant;
  nodes: number;
  trial: number;
  durationMs: number;
  crashAt: number;
  recoverAt: number;
  failoverMs: number;
  capacity: number;
  random: () => number;
}

function series(s: Shape, bucketMs: number, buckets: number): TimeseriesRow[] {
  const offered = 2000;
  const rows: TimeseriesRow[] = [];
  for (let b = 0; b < buckets; b++) {
    const t = b * bucketMs;
    const gap = t + bucketMs > s.crashAt && t < s.crashAt + s.failoverMs;
    const ok = gap ? (s.variant.leader ? 0 : offered * 0.8) : Math.min(offered, s.capacity) * (0.97 + 0.06 * s.random());
    const p50 = gap ? null : 1 + s.random() * 0.3 + (s.variant.leader ? s.nodes / 200 : 0);
    rows.push({
      variant: s.variant.name,
      trial: s.trial,
      t_ms: t,
      throughput_ops_s: ok,
      failed: gap ? Math.round(offered * (bucketMs / 1000)) : 0,
      latency_p50_ms: p50,
      latency_p99_ms: p50 === null ? (s.variant.leader ? null : 40) : p50 * (4 + s.random() * 2),
      leader: s.variant.leader ? (t < s.crashAt ? 0 : gap ? null : 1) : null,
    });
  }
  return rows;
}

function timeline(s: Shape): RoleSegment[][] {
  const rows: RoleSegment[][] = [];
  for (let node = 0; node < s.nodes; node++) {
    const up = s.variant.leader ? 'follower' : 'serving';
    if (node === 0) {
      rows.push([
        { from_ms: 0, to_ms: s.crashAt, role: s.variant.leader ? 'leader' : 'serving' },
        { from_ms: s.crashAt, to_ms: s.recoverAt, role: 'down' },
        { from_ms: s.recoverAt, to_ms: s.durationMs, role: up },
      ]);
    } else if (node === 1 && s.variant.leader) {
      const elected = s.crashAt + s.failoverMs;
      rows.push([
        { from_ms: 0, to_ms: s.crashAt + s.failoverMs * 0.6, role: 'follower' },
        { from_ms: s.crashAt + s.failoverMs * 0.6, to_ms: elected, role: 'candidate' },
        { from_ms: elected, to_ms: s.durationMs, role: 'leader' },
      ]);
    } else {
      rows.push([{ from_ms: 0, to_ms: s.durationMs, role: s.variant.leader || node % 7 !== 3 ? up : 'idle' }]);
    }
  }
  return rows;
}

function failovers(s: Shape): FailoverRow[] {
  return [
    {
      variant: s.variant.name,
      trial: s.trial,
      fault_at_ms: s.crashAt,
      detected_at_ms: s.crashAt + s.failoverMs * 0.5,
      elected_at_ms: s.variant.leader ? s.crashAt + s.failoverMs * 0.9 : null,
      first_commit_at_ms: s.variant.leader ? s.crashAt + s.failoverMs : null,
      election_ms: null, // report tests built on these rows predate the event-based columns
      failover_ms: s.failoverMs,
      outage_ms: null,
      election_rounds: s.variant.leader ? 1 + Math.floor(s.random() * 2) : null,
    },
  ];
}

function summary(scenario: string, s: Shape, ts: TimeseriesRow[], seed: number): SummaryRow {
  const tput = ts.reduce((sum, r) => sum + (r.throughput_ops_s as number), 0) / ts.length;
  const p99 = ts.map((r) => r.latency_p99_ms).filter((v): v is number => typeof v === 'number');
  const completed = Math.round((tput * s.durationMs) / 1000);
  const leader = s.variant.leader;
  return {
    scenario,
    variant: s.variant.name,
    kind: s.variant.kind,
    nodes: s.nodes,
    seed,
    trial: s.trial,
    sim_seconds: s.durationMs / 1000,
    offered_ops_s: 2000,
    throughput_ops_s: tput,
    completed,
    failed: ts.reduce((sum, r) => sum + (r.failed as number), 0),
    latency_mean_ms: 1.4,
    latency_p50_ms: 1.2,
    latency_p99_ms: p99.length ? Math.max(...p99) : null,
    latency_p999_ms: p99.length ? Math.max(...p99) * 1.5 : null,
    failovers: 1,
    election_ms: null,
    failover_mean_ms: s.failoverMs,
    failover_max_ms: s.failoverMs,
    unavailable_ms: leader ? Math.ceil(s.failoverMs / 100) * 100 : 0,
    elections: leader ? 2 : null,
    messages: completed * (leader ? 2 + s.nodes : 2),
    leader_utilization: leader ? Math.min(1, 2000 / s.capacity) : null,
    mean_utilization: leader ? Math.min(1, 2000 / s.capacity) / s.nodes + 0.05 : 0.2 / s.nodes,
    capacity_ops_s: null, // report tests draw the bound only where they add it
    acked_writes_lost: leader ? 0 : null,
    stale_reads: leader ? 0 : null,
    alerts_fired: null,
    detect_mean_ms: null,
  };
}

export function syntheticRun(
  scenario: string,
  variant: SyntheticVariant,
  nodes: number,
  trial: number,
  opts: SyntheticOptions = {},
): RunResult {
  const buckets = opts.buckets ?? 100;
  const bucketMs = opts.bucketMs ?? 100;
  const durationMs = buckets * bucketMs;
  const seed = 1000 + trial * 7919 + nodes * 31 + variant.name.length;
  const random = rng(seed);
  const crashAt = Math.round(durationMs * 0.4);
  const base = variant.leader ? 150 + nodes * 0.8 : 20;
  const shape: Shape = {
    variant,
    nodes,
    trial,
    durationMs,
    crashAt,
    recoverAt: crashAt + Math.round(durationMs * 0.2),
    failoverMs: Math.round(base + random() * base),
    capacity: variant.leader ? 20000 / (1 + nodes / 10) : 1e9,
    random,
  };
  const ts = series(shape, bucketMs, buckets);
  const faults: FaultMarker[] = [{ at_ms: crashAt, until_ms: shape.recoverAt, label: 'crash leader (node 0)' }];
  return {
    scenario,
    variant: variant.name,
    kind: variant.kind,
    nodes,
    trial,
    seed,
    sweepPoint: (opts.nodes?.length ?? 1) > 1 ? { 'architecture.nodes': nodes } : {},
    summary: summary(scenario, shape, ts, seed),
    timeseries: ts,
    failovers: failovers(shape),
    faults,
    timeline: timeline(shape),
    violations: [],
  };
}

/** A complete ReportInput: every variant × node count × trial, in that order. */
export function syntheticInput(opts: SyntheticOptions = {}): ReportInput {
  const scenario = opts.scenario ?? 'synthetic';
  const nodes = opts.nodes ?? [5];
  const results: RunResult[] = [];
  for (const variant of opts.variants ?? DEFAULT_VARIANTS) {
    for (const n of nodes) {
      for (let trial = 0; trial < (opts.trials ?? 1); trial++) results.push(syntheticRun(scenario, variant, n, trial, opts));
    }
  }
  for (let i = 0; i < (opts.violations ?? 0) && results.length > 0; i++) {
    results[0].violations.push({ invariant: 'single-leader', at_ms: 1000 + i, detail: `two leaders in term ${i + 3} <b>` });
  }
  return {
    scenario,
    description: `Synthetic results for ${scenario}.`,
    results,
    sweepKeys: nodes.length > 1 ? ['architecture.nodes'] : [],
  };
}
