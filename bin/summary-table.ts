// The short table `leadsim run` prints: one line per variant and sweep point, averaged over
// trials — the numbers a reader wants before opening the report — and a one-line verdict.
// Every column header carries its own unit; counts are integers; percentages read as in
// index.html.
import { failoverMean } from '../sim/report/aggregate.js';
import { formatPercentCell } from '../sim/report/html.js';
import { verdict } from '../sim/report/verdict.js';
import type { Cell, RunResult } from '../sim/metrics/run-result.js';

type Column = [header: string, cell: (rows: RunResult[]) => string, applies?: (all: RunResult[]) => boolean];

const hasFailoverColumn = (column: string) => (all: RunResult[]) => failoverMean(all, column) !== null;
const lacksNewMeasures = (all: RunResult[]) => !hasFailoverColumn('election_ms')(all) && !hasFailoverColumn('outage_ms')(all);

const hasAlerts = (all: RunResult[]) => all.some((r) => r.alerts !== undefined);

const COLUMNS: Column[] = [
  ['ops/s', (rows) => fmt(mean(rows, 'throughput_ops_s'), 0)],
  ['p50 (ms)', (rows) => fmt(mean(rows, 'latency_p50_ms'), 2)],
  ['p99 (ms)', (rows) => fmt(mean(rows, 'latency_p99_ms'), 2)],
  ['failed', (rows) => fmt(mean(rows, 'failed'), 0)],
  ['failovers', (rows) => fmt(mean(rows, 'failovers'), 0)],
  ['election p50 (ms)', (rows) => fmt(failoverPercentile(rows, 'election_ms', 0.5), 0), hasFailoverColumn('election_ms')],
  ['outage p50 (ms)', (rows) => fmt(failoverPercentile(rows, 'outage_ms', 0.5), 0), hasFailoverColumn('outage_ms')],
  ['outage max (ms)', (rows) => fmt(failoverPercentile(rows, 'outage_ms', 1), 0), hasFailoverColumn('outage_ms')],
  ['failover p50 (ms)', (rows) => fmt(failoverPercentile(rows, 'failover_ms', 0.5), 0), lacksNewMeasures],
  ['failover max (ms)', (rows) => fmt(failoverPercentile(rows, 'failover_ms', 1), 0), lacksNewMeasures],
  ['unavailable (ms)', (rows) => fmt(mean(rows, 'unavailable_ms'), 0)],
  ['leader CPU', (rows) => percentOrDash(mean(rows, 'leader_utilization'))],
  // shown only when the scenario has alert rules
  ['alerts', (rows) => fmt(mean(rows, 'alerts_fired'), 0), hasAlerts],
  ['detect (ms)', (rows) => fmt(mean(rows, 'detect_mean_ms'), 0), hasAlerts],
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
  const columns = COLUMNS.filter(([, , applies]) => !applies || applies(results));
  const trials = Math.max(...[...groups.values()].map((rows) => rows.length));
  const header = ['variant', ...columns.map(([name]) => name)];
  const lines = [...groups].map(([label, rows]) => [label, ...columns.map(([, cell]) => cell(rows))]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const note = trials > 1 ? [`(means over ${trials} trials; failover times pooled over every failover)`] : [];
  const sweepKeys = Object.keys(results[0]?.sweepPoint ?? {});
  return [render(header), ...lines.map(render), ...note, `verdict: ${verdict(results, sweepKeys)}`].join('\n');
}

function mean(rows: RunResult[], column: keyof RunResult['summary']): number | null {
  const values = rows.map((r) => r.summary[column]).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** A failovers.csv column pooled over every trial (nearest rank). */
function failoverPercentile(rows: RunResult[], column: string, q: number): number | null {
  const times = rows
    .flatMap((r) => r.failovers.map((f) => (f as Record<string, Cell | undefined>)[column]))
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  return times.length === 0 ? null : times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
}

const fmt = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));
const percentOrDash = (x: number | null) => (x === null ? '-' : formatPercentCell(x));
