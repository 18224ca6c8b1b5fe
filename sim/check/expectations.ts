// Evaluates a scenario's `expect:` block on finished results: per variant and sweep point, the
// expectation's stat over the trials (or over every failover, for per-failover columns) must lie
// within its bounds. A variant where the metric does not apply is skipped unless it is named.
// It reads rows, so it serves finished runs and a report read back from disk (check --current) alike.
import type { RunResult } from '../metrics/run-result.js';
import { PER_FAILOVER_METRICS, type Expectation, type ExpectStat } from '../scenario/expect-schema.js';

export interface ExpectationResult {
  expectation: Expectation;
  /** Variant, with the sweep point when there is one. */
  group: string;
  value: number | null;
  outcome: 'held' | 'missed' | 'skipped';
  /** One line saying what was checked and how it came out. */
  message: string;
}

/** A run's tables as rows: summary rows and failover rows, each with the sweep keys as columns. */
export interface ResultRows {
  summary: readonly Cells[];
  failovers: readonly Cells[];
}
type Cells = Readonly<Record<string, unknown>>;

export function rowsOf(results: readonly RunResult[]): ResultRows {
  return {
    summary: results.map((r) => ({ ...r.sweepPoint, ...r.summary })),
    failovers: results.flatMap((r) => r.failovers.map((f) => ({ ...r.sweepPoint, ...f }))),
  };
}

export function evaluateExpectations(
  expectations: readonly Expectation[],
  rows: ResultRows,
  sweepKeys: readonly string[],
): ExpectationResult[] {
  const labelOf = (row: Cells) => [String(row.variant), ...sweepKeys.map((k) => `${k}=${String(row[k])}`)].join(' ');
  const groups = new Map<string, { variant: string; summary: Cells[]; failovers: Cells[] }>();
  for (const row of rows.summary) {
    const label = labelOf(row);
    const group = groups.get(label) ?? { variant: String(row.variant), summary: [], failovers: [] };
    group.summary.push(row);
    groups.set(label, group);
  }
  for (const row of rows.failovers) groups.get(labelOf(row))?.failovers.push(row);
  return expectations.flatMap((expectation) =>
    [...groups]
      .filter(([, group]) => expectation.variant === undefined || group.variant === expectation.variant)
      .map(([label, group]) => evaluate(expectation, label, valuesOf(group, expectation.metric))),
  );
}

function evaluate(expectation: Expectation, group: string, values: readonly number[]): ExpectationResult {
  const { metric, stat, min, max, where } = expectation;
  const value = values.length === 0 ? null : statOf(stat, values);
  const bound = [min !== undefined ? `min ${min}` : '', max !== undefined ? `max ${max}` : ''].filter(Boolean).join(', ');
  const what = `variant ${group}, ${metric} ${stat}`;
  if (value === null) {
    const outcome = expectation.variant === undefined ? 'skipped' : 'missed';
    return { expectation, group, value, outcome, message: `${where}: ${what} has no value (does not apply), bound ${bound}` };
  }
  const held = (min === undefined || value >= min) && (max === undefined || value <= max);
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
  const message = `${where}: ${what} = ${shown}, bound ${bound}: ${held ? 'held' : 'MISSED'}`;
  return { expectation, group, value, outcome: held ? 'held' : 'missed', message };
}

/** The metric's values in a group: over its trials, or over its failovers for a per-failover column. */
function valuesOf(group: { summary: Cells[]; failovers: Cells[] }, metric: string): number[] {
  const rows = PER_FAILOVER_METRICS.includes(metric) ? group.failovers : group.summary;
  return rows.map((row) => toNumber(row[metric])).filter((v): v is number => v !== null);
}

/** A cell as a number: numbers as they are, CSV text parsed, anything empty or not finite is no value. */
function toNumber(cell: unknown): number | null {
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' ? Number(cell) : NaN;
  return Number.isFinite(value) ? value : null;
}

/** mean, min, max, or a percentile by nearest rank (the smallest value with at least p of them at or below it). */
export function statOf(stat: ExpectStat, values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  switch (stat) {
    case 'mean':
      return sorted.reduce((s, v) => s + v, 0) / sorted.length;
    case 'min':
      return sorted[0];
    case 'max':
      return sorted[sorted.length - 1];
    case 'p50':
      return sorted[Math.ceil(0.5 * sorted.length) - 1];
    case 'p99':
      return sorted[Math.ceil(0.99 * sorted.length) - 1];
  }
}
