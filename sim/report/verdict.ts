// One line that answers a scenario's question from its numbers: the measures on which its
// variants differ, best first. Shown under the summary `leadsim run` prints and on index.html.
// It only states measured facts; which of them matters is the scenario description's job.

import type { RunResult } from '../metrics/run-result.js';
import { comparisonRows, numericSweepKey, pointKey, type ComparisonRow } from './aggregate.js';
import { formatNumber } from './csv.js';

/** A throughput gap smaller than this between variants is noise, not an answer. */
const THROUGHPUT_SPREAD = 1.1;

const ops = (v: number) => `${formatNumber(v, v < 10 ? 1 : 0)} ops/s`;
const ms = (v: number) => `${formatNumber(v, v < 10 ? 1 : 0)} ms`;

function ranked(rows: readonly ComparisonRow[], value: (r: ComparisonRow) => number | null, better: 'low' | 'high') {
  const withValue = rows.flatMap((r) => {
    const v = value(r);
    return v === null ? [] : [{ row: r, v }];
  });
  return withValue.sort((a, b) => (better === 'low' ? a.v - b.v : b.v - a.v));
}

/**
 * The clearest client-side cost of the faults: outage per failover, else unavailable time. A
 * variant that opened no failover but was unavailable (a group that lost its quorum and never
 * elected) is ranked by its unavailable time and says so — never as a 0 ms outage.
 */
function faultPart(rows: readonly ComparisonRow[]): string | null {
  const hit = rows.some((r) => (r.unavailable_ms ?? 0) > 0 || (r.failed ?? 0) > 0 || r.outage_ms !== null || r.election_ms !== null);
  if (!hit) return null;
  const useOutage = rows.some((r) => r.outage_ms !== null);
  const cost = (r: ComparisonRow) => (useOutage ? (r.outage_ms ?? r.unavailable_ms ?? 0) : (r.unavailable_ms ?? 0));
  const list = ranked(rows, cost, 'low').map(({ row, v }) => {
    const withoutFailover = useOutage && row.outage_ms === null && (row.unavailable_ms ?? 0) > 0;
    const extras = [
      withoutFailover ? 'unavailable, no failover' : '',
      row.election_ms !== null ? `election ${ms(row.election_ms)}` : '',
      (row.failed ?? 0) > 0 ? `${formatNumber(row.failed ?? 0, 0)} failed` : '',
    ].filter(Boolean);
    return `${row.variant} ${ms(v)}${extras.length ? ` (${extras.join(', ')})` : ''}`;
  });
  return `${useOutage ? 'client-visible outage' : 'unavailable'}: ${list.join(', ')}`;
}

function throughputPart(rows: readonly ComparisonRow[]): string | null {
  const list = ranked(rows, (r) => r.throughput_ops_s, 'high');
  if (list.length < 2 || list[0].v < THROUGHPUT_SPREAD * list[list.length - 1].v) return null;
  return `throughput: ${list.map(({ row, v }) => `${row.variant} ${ops(v)}`).join(', ')}`;
}

function stalePart(results: readonly RunResult[], rows: readonly ComparisonRow[]): string | null {
  const stale = rows.map((r) => ({
    r,
    n: results.filter((x) => x.variant === r.variant).reduce((sum, x) => sum + (Number(x.summary.stale_reads) || 0), 0),
  }));
  if (!stale.some((s) => s.n > 0)) return null;
  return `stale reads: ${stale.map((s) => `${s.r.variant} ${s.n}`).join(', ')}`;
}

function latencyPart(rows: readonly ComparisonRow[]): string {
  if (rows.length === 1) {
    const r = rows[0];
    const meanMs = r.latency_mean_ms !== null ? `mean latency ${formatNumber(r.latency_mean_ms, 3)} ms, ` : '';
    return `${ops(r.throughput_ops_s ?? 0)}, ${meanMs}p99 ${formatNumber(r.latency_p99_ms ?? 0, 2)} ms`;
  }
  const list = ranked(rows, (r) => r.latency_p99_ms, 'low');
  return `lowest p99 first: ${list.map(({ row, v }) => `${row.variant} ${formatNumber(v, 2)} ms`).join(', ')}`;
}

/** Along a numeric sweep: each variant's throughput at both ends, and its peak if in between. */
function sweepVerdict(rows: readonly ComparisonRow[], key: string): string {
  const byVariant = new Map<string, ComparisonRow[]>();
  for (const r of rows) byVariant.set(r.variant, [...(byVariant.get(r.variant) ?? []), r]);
  const parts = [...byVariant].map(([variant, points]) => {
    const sorted = [...points].sort((a, b) => Number(a.point[key]) - Number(b.point[key]));
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    const peak = sorted.reduce((best, r) => ((r.throughput_ops_s ?? 0) > (best.throughput_ops_s ?? 0) ? r : best));
    const peakNote = peak !== first && peak !== last ? ` (peak ${ops(peak.throughput_ops_s ?? 0)} at ${String(peak.point[key])})` : '';
    return `${variant} ${ops(first.throughput_ops_s ?? 0)} → ${ops(last.throughput_ops_s ?? 0)}${peakNote}`;
  });
  const xs = rows.map((r) => Number(r.point[key]));
  return `throughput from ${key.split('.').pop()}=${Math.min(...xs)} to ${Math.max(...xs)}: ${parts.join('; ')}`;
}

/** The verdict line, without the leading "verdict:". */
export function verdict(results: readonly RunResult[], sweepKeys: readonly string[]): string {
  if (results.length === 0) return 'no runs';
  const rows = comparisonRows(results, sweepKeys);
  const key = numericSweepKey(results, sweepKeys);
  if (key !== null) return sweepVerdict(rows, key);
  // other sweeps (a non-numeric key): judge the first point, as the time charts do
  const first = pointKey(rows[0].point, sweepKeys);
  const atFirst = rows.filter((r) => pointKey(r.point, sweepKeys) === first);
  // Lead with what clients lost when the faults cost something; else with what was served.
  const lost = atFirst.some((r) => (r.unavailable_ms ?? 0) > 0 || (r.outage_ms ?? 0) > 0);
  // (a throughput gap there is the outage again, in other words: left out to keep one line)
  const order = lost ? [faultPart(atFirst)] : [throughputPart(atFirst), faultPart(atFirst)];
  const parts = [...order, stalePart(results, atFirst)].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('; ') : latencyPart(atFirst);
}
