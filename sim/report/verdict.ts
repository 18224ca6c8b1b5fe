// One line that answers a scenario's question from its numbers: the measures on which its
// variants differ, best first. Shown under the summary `leadsim run` prints and on index.html.
// It only states measured facts; which of them matters is the scenario description's job.
// Rules: safety first (a variant that lost acknowledged writes or served stale reads never
// ranks ahead of one that did not, and the line says why); every sweep point is weighed (the
// line names where variants differ most); each figure carries the statistic the summary table
// uses for that column, by name.

import type { RunResult } from '../metrics/run-result.js';
import { failoverPercentile, groupBy, meanOf, numericSweepKey, pointKey, sweepNumber } from './aggregate.js';
import { formatNumber } from './csv.js';

/** A throughput gap smaller than this between variants is noise, not an answer. */
const THROUGHPUT_SPREAD = 1.1;
/** Along a sweep, values within this fraction of each other read as "flat". */
const FLAT = 0.05;

const ops = (v: number) => `${formatNumber(v, v < 10 ? 1 : 0)} ops/s`;
const ms = (v: number) => `${formatNumber(v, v < 10 ? 1 : 0)} ms`;

/** One variant at one sweep point, in the statistics the summary table shows. */
interface Judged {
  variant: string;
  point: string;
  x: number | null;
  /** The swept value as the scenario wrote it ("150/s"). */
  raw: string;
  throughput: number;
  p99: number | null;
  /** Mean over trials of the time without a successful request (every outage of the run). */
  unavailable: number;
  failed: number;
  electionP50: number | null;
  lostWrites: number;
  staleReads: number;
}

const sum = (runs: readonly RunResult[], column: 'acked_writes_lost' | 'stale_reads') =>
  runs.reduce((total, r) => total + (Number(r.summary[column]) || 0), 0);

function judge(results: readonly RunResult[], sweepKeys: readonly string[], key: string | null): Judged[] {
  const groups = groupBy(results, (r) => `${r.variant}\u0000${pointKey(r.sweepPoint, sweepKeys)}`);
  return [...groups.values()].map((runs) => ({
    variant: runs[0].variant,
    point: pointKey(runs[0].sweepPoint, sweepKeys),
    x: key === null ? null : sweepNumber(runs[0].sweepPoint[key]),
    raw: key === null ? '' : String(runs[0].sweepPoint[key]),
    throughput: meanOf(runs, 'throughput_ops_s') ?? 0,
    p99: meanOf(runs, 'latency_p99_ms'),
    unavailable: meanOf(runs, 'unavailable_ms') ?? 0,
    failed: meanOf(runs, 'failed') ?? 0,
    electionP50: failoverPercentile(runs, 'election_ms', 0.5),
    lostWrites: sum(runs, 'acked_writes_lost'),
    staleReads: sum(runs, 'stale_reads'),
  }));
}

const unsafe = (j: Judged) => j.lostWrites > 0 || j.staleReads > 0;

function harm(j: Judged): string {
  return [
    j.lostWrites > 0 ? `lost ${formatNumber(j.lostWrites, 0)} acknowledged writes` : '',
    j.staleReads > 0 ? `served ${formatNumber(j.staleReads, 0)} stale reads` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

/** What a point is judged on: what clients lost if anything, else throughput, else p99. */
type Measure = 'unavailable' | 'throughput' | 'p99';

function measureOf(rows: readonly Judged[]): Measure {
  if (rows.some((r) => r.unavailable > 0 || r.failed > 0)) return 'unavailable';
  const t = rows.map((r) => r.throughput);
  return Math.max(...t) >= THROUGHPUT_SPREAD * Math.min(...t) ? 'throughput' : 'p99';
}

const MEASURE_TITLE: Record<Measure, string> = {
  unavailable: 'unavailable (mean per trial)',
  throughput: 'throughput (mean)',
  p99: 'p99 latency (mean)',
};

/** Safe variants first, then by the measure (lower unavailable and p99, higher throughput). */
function ranked(rows: readonly Judged[], measure: Measure): Judged[] {
  const value = (r: Judged) => (measure === 'throughput' ? -r.throughput : measure === 'p99' ? (r.p99 ?? Infinity) : r.unavailable);
  return [...rows].sort((a, b) => Number(unsafe(a)) - Number(unsafe(b)) || value(a) - value(b));
}

function figure(r: Judged, measure: Measure): string {
  if (measure === 'throughput') return ops(r.throughput);
  if (measure === 'p99') return r.p99 === null ? 'no p99' : `${formatNumber(r.p99, 2)} ms`;
  const extras = [
    r.electionP50 !== null ? `election p50 ${ms(r.electionP50)}` : '',
    r.failed > 0 ? `${formatNumber(r.failed, 0)} failed` : '',
  ].filter(Boolean);
  return `${ms(r.unavailable)}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

/** The variants at one point, ranked on its measure, unsafe ones last and marked. */
function pointLine(rows: readonly Judged[], measure = measureOf(rows)): string {
  const list = ranked(rows, measure).map((r) => `${r.variant} ${figure(r, measure)}${unsafe(r) ? ' [unsafe]' : ''}`);
  return `${MEASURE_TITLE[measure]}: ${list.join(', ')}`;
}

/** "safety first: X served 71 stale reads, ranked last"; null when every variant was safe. */
function safetyLine(rows: readonly Judged[]): string | null {
  const byVariant = groupBy(rows, (r) => r.variant);
  const bad = [...byVariant].flatMap(([variant, points]) => {
    const total = { ...points[0], lostWrites: 0, staleReads: 0 };
    for (const p of points) {
      total.lostWrites += p.lostWrites;
      total.staleReads += p.staleReads;
    }
    return unsafe(total) ? [`${variant} ${harm(total)}`] : [];
  });
  if (bad.length === 0) return null;
  return `safety first: ${bad.join('; ')}${bad.length < byVariant.size ? ', so ranked after every safe variant' : ''}`;
}

/** How far apart the variants are at a point on a measure (a ratio for throughput and p99). */
function spread(rows: readonly Judged[], measure: Measure): number {
  const values = rows.map((r) => (measure === 'throughput' ? r.throughput : measure === 'p99' ? (r.p99 ?? 0) : r.unavailable));
  const hi = Math.max(...values);
  const lo = Math.min(...values);
  if (measure === 'unavailable') return hi - lo;
  return lo > 0 ? hi / lo : hi > 0 ? Infinity : 1;
}

/** One variant's throughput along a numeric sweep: flat, or from one end to the other. */
function trend(points: readonly Judged[], label: string): string {
  const at = (p: Judged) => `${label}=${p.raw}`;
  const values = points.map((p) => p.throughput);
  const within = (a: number, b: number) => Math.abs(a - b) <= FLAT * Math.max(a, b);
  const first = points[0];
  const last = points[points.length - 1];
  if (values.every((v) => within(v, values[0]))) return `${first.variant} flat at ${ops(first.throughput)}`;
  let flatTo = 0;
  while (flatTo + 1 < points.length && within(values[flatTo + 1], values[0])) flatTo++;
  const peak = points.reduce((best, p) => (p.throughput > best.throughput ? p : best));
  const peakNote =
    !within(peak.throughput, first.throughput) && !within(peak.throughput, last.throughput)
      ? ` (peak ${ops(peak.throughput)} at ${at(peak)})`
      : '';
  const flatNote = flatTo > 0 ? ` flat to ${at(points[flatTo])}, then` : '';
  return `${first.variant} ${ops(first.throughput)}${flatNote} → ${ops(last.throughput)} at ${at(last)}${peakNote}`;
}

function sweepLine(rows: readonly Judged[], key: string | null, label: string): string {
  const byPoint = groupBy(rows, (r) => r.point);
  const parts: string[] = [];
  if (key !== null) {
    const sorted = [...rows].sort((a, b) => (a.x ?? 0) - (b.x ?? 0));
    const trends = [...groupBy(sorted, (r) => r.variant).values()].map((points) => trend(points, label));
    parts.push(`throughput from ${label}=${sorted[0].raw} to ${sorted[sorted.length - 1].raw}: ${trends.join('; ')}`);
  }
  if (new Set(rows.map((r) => r.variant)).size < 2) return parts.join('; ');
  // one measure for the whole sweep, so points can be compared: what clients lost where anything was lost
  const measures = [...byPoint.values()].map((points) => measureOf(points));
  const measure: Measure = measures.includes('unavailable') ? 'unavailable' : measures.includes('throughput') ? 'throughput' : 'p99';
  const spreads = [...byPoint].map(([point, points]) => ({ point, points, spread: spread(points, measure) }));
  const most = spreads.reduce((best, s) => (s.spread > best.spread ? s : best));
  const order = (points: readonly Judged[]) =>
    ranked(points, measure)
      .map((r) => r.variant)
      .join(',');
  const same = spreads.every((s) => order(s.points) === order(most.points));
  const where = spreads.length > 1 ? `variants differ most at ${most.point}` : `at ${most.point}`;
  const orderNote = spreads.length > 1 ? (same ? ' (same order at every point)' : ' (the order changes along the sweep)') : '';
  parts.push(`${where}${orderNote}: ${pointLine(most.points, measure)}`);
  return parts.join('; ');
}

function singleLine(r: Judged): string {
  return `${ops(r.throughput)}, p99 ${formatNumber(r.p99 ?? 0, 2)} ms${r.unavailable > 0 ? `, unavailable ${ms(r.unavailable)} per trial (mean)` : ''}`;
}

/** The verdict line, without the leading "verdict:". */
export function verdict(results: readonly RunResult[], sweepKeys: readonly string[]): string {
  if (results.length === 0) return 'no runs';
  const key = numericSweepKey(results, sweepKeys);
  const rows = judge(results, sweepKeys, key);
  const safety = safetyLine(rows);
  const points = new Set(rows.map((r) => r.point)).size;
  let body: string;
  if (points > 1) body = sweepLine(rows, key, key?.split('.').pop() ?? '');
  else if (rows.length === 1) body = singleLine(rows[0]);
  else body = pointLine(rows);
  return safety ? `${safety}; ${body}` : body;
}
