// The comparison behind `leadsim check`: a rerun's summary rows against a stored baseline.
// Rows are grouped by variant and sweep point and matched by trial index, never by seed.
// - statistical (5 or more trials on both sides): per group and metric, the baseline's trial
//   samples and the current ones go through a Mann–Whitney U test; a regression is a move in the
//   worse direction, beyond the tolerance, and significant at the confidence level after a
//   Holm–Bonferroni adjustment over every test of the check (so a rerun with other seeds passes
//   with probability ≥ the confidence level);
// - exact (fewer trials, or asked for): trial by trial, a move beyond the tolerance in the worse
//   direction is a regression — a deterministic gate for same-seed reruns.
import { holmAdjust, mannWhitney } from './mann-whitney.js';
import { directionOf, metricColumns, type Direction } from './metrics.js';
import type { Row, SummaryTable } from './summary-table.js';

const MIN_STATISTICAL_TRIALS = 5;

export interface CompareOptions {
  /** Relative change that counts, e.g. 0.05. */
  tolerance: number;
  /** e.g. 0.95: a regression must be significant at 1 − confidence after adjustment. */
  confidence: number;
  exact: boolean;
}

export interface ScenarioTables {
  scenario: string;
  sweepKeys: readonly string[];
  baseline: SummaryTable;
  current: SummaryTable;
}

/** Mean and standard deviation of a metric's values over trials (empty cells left out). */
export interface Sample {
  mean: number;
  sd: number;
  n: number;
}

/** `~`: no move that counts (not significant, or within the tolerance). */
type Verdict = 'regression' | 'improvement' | 'changed' | '~' | 'missing' | 'new';

export interface MetricResult {
  /** Variant, with the sweep point when there is one. */
  group: string;
  metric: string;
  direction: Direction;
  baseline: Sample | null;
  current: Sample | null;
  /** Relative change of the mean (null when the baseline mean is 0 or a side has no values). */
  change: number | null;
  /** Two-sided p of the rank test, and after the Holm adjustment (statistical mode only). */
  p: number | null;
  pAdjusted: number | null;
  verdict: Verdict;
  note: string;
}

export interface ScenarioComparison {
  scenario: string;
  mode: 'statistical' | 'exact';
  trials: { baseline: number; current: number };
  results: MetricResult[];
  regressions: number;
}

interface Group {
  label: string;
  rows: Row[];
}

export function compareAll(inputs: readonly ScenarioTables[], options: CompareOptions): ScenarioComparison[] {
  const comparisons = inputs.map((input) => compareScenario(input, options));
  // one family for the whole check: every p-value of every statistical comparison
  const tested = comparisons.flatMap((c) => c.results.filter((r) => r.p !== null));
  const adjusted = holmAdjust(tested.map((r) => r.p ?? 1));
  tested.forEach((result, i) => {
    result.pAdjusted = adjusted[i];
    result.verdict = statisticalVerdict(result, adjusted[i], options);
  });
  for (const c of comparisons) c.regressions = c.results.filter((r) => r.verdict === 'regression' || r.verdict === 'missing').length;
  return comparisons;
}

function compareScenario(input: ScenarioTables, options: CompareOptions): ScenarioComparison {
  const base = groupRows(input.baseline.rows, input.sweepKeys);
  const now = groupRows(input.current.rows, input.sweepKeys);
  const trials = { baseline: fewestTrials(base), current: fewestTrials(now) };
  const mode = options.exact || Math.min(trials.baseline, trials.current) < MIN_STATISTICAL_TRIALS ? 'exact' : 'statistical';
  const currentMetrics = new Set(metricColumns(input.current.header, input.sweepKeys));
  const metrics = metricColumns(input.baseline.header, input.sweepKeys).filter((m) => currentMetrics.has(m));
  const results: MetricResult[] = [];
  for (const [key, old] of base) {
    const fresh = now.get(key);
    if (fresh === undefined) {
      results.push(groupResult(old.label, 'missing', 'in the baseline, not in this run'));
      continue;
    }
    for (const metric of metrics) {
      const result = mode === 'statistical' ? testMetric(old, fresh, metric) : exactMetric(old, fresh, metric, options.tolerance);
      if (result !== null) results.push(result);
    }
    if (mode === 'exact') results.push(...missingTrials(old, fresh));
  }
  for (const [key, fresh] of now) if (!base.has(key)) results.push(groupResult(fresh.label, 'new', 'not in the baseline'));
  return { scenario: input.scenario, mode, trials, results, regressions: 0 };
}

function groupRows(rows: readonly Row[], sweepKeys: readonly string[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const point = sweepKeys.map((k) => `${k}=${row[k]}`).join(' ');
    const label = point === '' ? row.variant : `${row.variant} ${point}`;
    const group = groups.get(label) ?? { label, rows: [] };
    group.rows.push(row);
    groups.set(label, group);
  }
  return groups;
}

function fewestTrials(groups: Map<string, Group>): number {
  return Math.min(...[...groups.values()].map((g) => g.rows.length));
}

function valuesOf(rows: readonly Row[], metric: string): number[] {
  return rows
    .map((r) => r[metric] ?? '')
    .filter((cell) => cell !== '')
    .map(Number);
}

function sampleOf(values: readonly number[]): Sample | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance), n: values.length };
}

function relativeChange(before: number, after: number): number | null {
  if (before === after) return 0;
  return before === 0 ? null : (after - before) / Math.abs(before);
}

/** A move that counts: beyond the tolerance (any move at all from a baseline of 0). */
function beyondTolerance(before: number, after: number, tolerance: number): boolean {
  return Math.abs(after - before) > tolerance * Math.abs(before);
}

function worse(direction: Direction, before: number, after: number): boolean {
  return direction === 'higher' ? after < before : direction === 'lower' ? after > before : false;
}

function moveVerdict(direction: Direction, before: number, after: number): Verdict {
  if (direction === 'neutral') return 'changed';
  return worse(direction, before, after) ? 'regression' : 'improvement';
}

/** The rank test of one metric; the verdict waits for the adjustment over all tests. */
function testMetric(old: Group, fresh: Group, metric: string): MetricResult | null {
  const a = valuesOf(old.rows, metric);
  const b = valuesOf(fresh.rows, metric);
  const base = { group: old.label, metric, direction: directionOf(metric), p: null, pAdjusted: null };
  if (a.length === 0 && b.length === 0) return null; // does not apply to this variant
  const [baseline, current] = [sampleOf(a), sampleOf(b)];
  if (baseline === null || current === null)
    return { ...base, baseline, current, change: null, verdict: 'changed', note: baseline ? 'no longer measured' : 'newly measured' };
  return {
    ...base,
    baseline,
    current,
    change: relativeChange(baseline.mean, current.mean),
    p: mannWhitney(a, b).p,
    verdict: '~',
    note: '',
  };
}

function statisticalVerdict(result: MetricResult, pAdjusted: number, options: CompareOptions): Verdict {
  const { baseline, current } = result;
  if (baseline === null || current === null) return result.verdict;
  const significant = pAdjusted < 1 - options.confidence;
  if (!significant || !beyondTolerance(baseline.mean, current.mean, options.tolerance)) return '~';
  return moveVerdict(result.direction, baseline.mean, current.mean);
}

/** Trial by trial; the metric's verdict is its worst trial's, and the note names that trial. */
function exactMetric(old: Group, fresh: Group, metric: string, tolerance: number): MetricResult | null {
  const direction = directionOf(metric);
  const byTrial = new Map(fresh.rows.map((r) => [r.trial, r]));
  const rank: Record<Verdict, number> = { regression: 4, changed: 3, improvement: 2, '~': 0, missing: 5, new: 1 };
  let verdict: Verdict = '~';
  let note = '';
  for (const row of old.rows) {
    const match = byTrial.get(row.trial);
    if (match === undefined) continue; // reported once per group by missingTrials
    const [before, after] = [row[metric] ?? '', match[metric] ?? ''];
    const cell = exactCell(direction, before, after, tolerance);
    if (rank[cell] > rank[verdict]) {
      verdict = cell;
      note = `trial ${row.trial}: ${before || '(empty)'} → ${after || '(empty)'}`;
    }
  }
  const [baseline, current] = [sampleOf(valuesOf(old.rows, metric)), sampleOf(valuesOf(fresh.rows, metric))];
  if (baseline === null && current === null) return null;
  const change = baseline && current ? relativeChange(baseline.mean, current.mean) : null;
  return { group: old.label, metric, direction, baseline, current, change, p: null, pAdjusted: null, verdict, note };
}

function exactCell(direction: Direction, before: string, after: string, tolerance: number): Verdict {
  if (before === after) return '~';
  // a metric that stopped (or started) applying is a change of shape: a regression unless neutral
  if (before === '' || after === '') return direction === 'neutral' ? 'changed' : 'regression';
  const [a, b] = [Number(before), Number(after)];
  return beyondTolerance(a, b, tolerance) ? moveVerdict(direction, a, b) : '~';
}

function missingTrials(old: Group, fresh: Group): MetricResult[] {
  const trials = new Set(fresh.rows.map((r) => r.trial));
  const missing = old.rows.filter((r) => !trials.has(r.trial)).map((r) => r.trial);
  return missing.length === 0 ? [] : [groupResult(old.label, 'missing', `trial(s) ${missing.join(', ')} not in this run`)];
}

function groupResult(group: string, verdict: Verdict, note: string): MetricResult {
  const base = { metric: '(rows)', direction: 'neutral' as const, baseline: null, current: null, change: null };
  return { ...base, group, p: null, pAdjusted: null, verdict, note };
}
