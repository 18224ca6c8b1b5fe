// The short table `leadsim run` prints: one line per variant and sweep point, averaged over
// trials — the numbers a reader wants before opening the report.
import type { RunResult } from '../sim/metrics/run-result.js';

const COLUMNS: [string, (rows: RunResult[]) => string][] = [
  ['ops/s', (rows) => fmt(mean(rows, 'throughput_ops_s'), 0)],
  ['p50 ms', (rows) => fmt(mean(rows, 'latency_p50_ms'), 2)],
  ['p99 ms', (rows) => fmt(mean(rows, 'latency_p99_ms'), 2)],
  ['failed', (rows) => fmt(mean(rows, 'failed'), 0)],
  ['failovers', (rows) => fmt(mean(rows, 'failovers'), 1)],
  ['failover p50', (rows) => fmt(failoverPercentile(rows, 0.5), 1)],
  ['p99', (rows) => fmt(failoverPercentile(rows, 0.99), 1)],
  ['max ms', (rows) => fmt(failoverPercentile(rows, 1), 1)],
  ['unavail ms', (rows) => fmt(mean(rows, 'unavailable_ms'), 0)],
  ['leader util', (rows) => fmt(mean(rows, 'leader_utilization'), 2)],
];

/** Shown only when the scenario has alert rules. */
const ALERT_COLUMNS: typeof COLUMNS = [
  ['alerts', (rows) => fmt(mean(rows, 'alerts_fired'), 1)],
  ['detect ms', (rows) => fmt(mean(rows, 'detect_mean_ms'), 0)],
];

export function summaryTable(results: RunResult[]): string {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const point = Object.entries(r.sweepPoint)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const label = point ? `${r.variant} ${point}` : r.variant;
    groups.set(label, [...(groups.get(label) ?? []), r]);
  }
  const columns = results.some((r) => r.alerts !== undefined) ? [...COLUMNS, ...ALERT_COLUMNS] : COLUMNS;
  const header = ['variant', ...columns.map(([name]) => name)];
  const lines = [...groups].map(([label, rows]) => [label, ...columns.map(([, cell]) => cell(rows))]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [render(header), ...lines.map(render)].join('\n');
}

function mean(rows: RunResult[], column: keyof RunResult['summary']): number | null {
  const values = rows.map((r) => r.summary[column]).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Failover times pooled over every trial of a variant (nearest rank). */
function failoverPercentile(rows: RunResult[], q: number): number | null {
  const times = rows
    .flatMap((r) => r.failovers.map((f) => f.failover_ms))
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  return times.length === 0 ? null : times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
}

const fmt = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));
