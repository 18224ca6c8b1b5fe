// The short table `leadsim run` prints: one line per variant and sweep point, averaged over
// trials — the numbers a reader wants before opening the report — and a one-line verdict.
// Every column header carries its own unit; counts are integers; percentages read as in
// index.html.
import { failoverMean, failoverPercentile } from '../sim/report/aggregate.js';
import { formatPercentCell } from '../sim/report/html.js';
import { verdict } from '../sim/report/verdict.js';
import type { RunResult } from '../sim/metrics/run-result.js';

type Column = [header: string, cell: (rows: RunResult[]) => string, applies?: (all: RunResult[]) => boolean];

const hasFailoverColumn = (column: string) => (all: RunResult[]) => failoverMean(all, column) !== null;
const hasFaults = (all: RunResult[]) => all.some((r) => r.faults.length > 0 || r.failovers.length > 0);
const lacksNewMeasures = (all: RunResult[]) =>
  hasFaults(all) && !hasFailoverColumn('election_ms')(all) && !hasFailoverColumn('outage_ms')(all);
const hasStaleReads = (all: RunResult[]) => all.some((r) => (Number(r.summary.stale_reads) || 0) > 0);

const hasAlerts = (all: RunResult[]) => all.some((r) => r.alerts !== undefined);

const COLUMNS: Column[] = [
  ['ops/s', (rows) => fmt(mean(rows, 'throughput_ops_s'), 0)],
  ['p50 (ms)', (rows) => fmt(mean(rows, 'latency_p50_ms'), 2)],
  ['p99 (ms)', (rows) => fmt(mean(rows, 'latency_p99_ms'), 2)],
  ['failed', (rows) => fmt(mean(rows, 'failed'), 0)],
  // a run without faults has no failover to show: those columns are left out, not filled with dashes
  ['failovers', (rows) => fmt(mean(rows, 'failovers'), 0), hasFaults],
  ['election p50 (ms)', (rows) => fmt(failoverPercentile(rows, 'election_ms', 0.5), 0), hasFailoverColumn('election_ms')],
  ['outage p50 (ms)', (rows) => fmt(failoverPercentile(rows, 'outage_ms', 0.5), 0), hasFailoverColumn('outage_ms')],
  ['outage max (ms)', (rows) => fmt(failoverPercentile(rows, 'outage_ms', 1), 0), hasFailoverColumn('outage_ms')],
  ['failover p50 (ms)', (rows) => fmt(failoverPercentile(rows, 'failover_ms', 0.5), 0), lacksNewMeasures],
  ['failover max (ms)', (rows) => fmt(failoverPercentile(rows, 'failover_ms', 1), 0), lacksNewMeasures],
  ['unavailable (ms)', (rows) => fmt(mean(rows, 'unavailable_ms'), 0), hasFaults],
  ['stale reads', (rows) => fmt(mean(rows, 'stale_reads'), 0), hasStaleReads],
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
  const note = [
    legendLine(
      columns.map(([name]) => name),
      trials,
    ),
  ];
  const sweepKeys = Object.keys(results[0]?.sweepPoint ?? {});
  return [render(header), ...lines.map(render), ...note, `verdict: ${verdict(results, sweepKeys)}`].join('\n');
}

/** What the time columns measure, and over what: one line under the table. */
const MEANINGS: Record<string, string> = {
  'election p50 (ms)': 'election = fault → new leader elected',
  'outage p50 (ms)': 'outage = longest gap without a success per failover',
  'failover p50 (ms)': 'failover = fault → first commit',
  'unavailable (ms)': 'unavailable = all time without a success in a run (every outage)',
  'stale reads': 'stale reads = reads that returned an overwritten value',
};

function legendLine(headers: readonly string[], trials: number): string {
  const meanings = headers.flatMap((h) => (MEANINGS[h] ? [MEANINGS[h]] : []));
  const over =
    trials > 1 ? `means over ${trials} trials; p50 and max pooled over every failover` : 'one trial; p50 and max over its failovers';
  return `(${[...meanings, over].join('; ')})`;
}

function mean(rows: RunResult[], column: keyof RunResult['summary']): number | null {
  const values = rows.map((r) => r.summary[column]).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const fmt = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));
const percentOrDash = (x: number | null) => (x === null ? '-' : formatPercentCell(x));
