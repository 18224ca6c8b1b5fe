// The regression check behind `leadsim check`: compares a rerun's summary rows with a stored
// baseline, metric by metric. Each metric has a direction (is higher better, lower better, or
// neither); a move beyond the tolerance in the worse direction is a regression, a move in the
// better direction is reported but passes, and a neutral metric that moved is reported too.
import type { SummaryColumn } from '../metrics/run-result.js';

type Direction = 'higher' | 'lower' | 'neutral';

const DIRECTION: Partial<Record<SummaryColumn, Direction>> = {
  throughput_ops_s: 'higher',
  completed: 'higher',
  failed: 'lower',
  latency_mean_ms: 'lower',
  latency_p50_ms: 'lower',
  latency_p99_ms: 'lower',
  latency_p999_ms: 'lower',
  failovers: 'neutral',
  failover_mean_ms: 'lower',
  failover_max_ms: 'lower',
  unavailable_ms: 'lower',
  elections: 'neutral',
  messages: 'lower',
  offered_ops_s: 'neutral',
  leader_utilization: 'neutral',
  mean_utilization: 'neutral',
  acked_writes_lost: 'lower',
  stale_reads: 'lower',
  alerts_fired: 'neutral',
  detect_mean_ms: 'lower',
};

/** Columns that identify a row rather than measure it. */
const IDENTITY = ['scenario', 'variant', 'kind', 'nodes', 'seed', 'trial'];

export interface Move {
  row: string;
  metric: string;
  baseline: string;
  current: string;
  change: string;
  verdict: 'regression' | 'improvement' | 'changed';
}

export interface Comparison {
  moves: Move[];
  regressions: number;
  rowsCompared: number;
}

type Row = Record<string, string>;

export function compareSummaries(baseline: Row[], current: Row[], tolerance: number): Comparison {
  const moves: Move[] = [];
  const keyOf = (row: Row) =>
    Object.entries(row)
      .filter(([column]) => IDENTITY.includes(column) || (!(column in DIRECTION) && column !== 'sim_seconds'))
      .map(([, v]) => v)
      .join(' / ');
  const base = new Map(baseline.map((row) => [keyOf(row), row]));
  const seen = new Set<string>();
  for (const row of current) {
    const key = keyOf(row);
    const old = base.get(key);
    seen.add(key);
    if (old === undefined) {
      moves.push({ row: key, metric: '(row)', baseline: 'missing', current: 'present', change: '', verdict: 'changed' });
      continue;
    }
    for (const [metric, direction] of Object.entries(DIRECTION) as [SummaryColumn, Direction][]) {
      const move = compareCell(old[metric] ?? '', row[metric] ?? '', direction, tolerance);
      if (move !== null) moves.push({ row: key, metric, ...move });
    }
  }
  for (const key of base.keys())
    if (!seen.has(key))
      moves.push({ row: key, metric: '(row)', baseline: 'present', current: 'missing', change: '', verdict: 'regression' });
  return { moves, regressions: moves.filter((m) => m.verdict === 'regression').length, rowsCompared: current.length };
}

function compareCell(before: string, after: string, direction: Direction, tolerance: number): Omit<Move, 'row' | 'metric'> | null {
  if (before === after) return null;
  if (before === '' || after === '')
    return {
      baseline: before || '(empty)',
      current: after || '(empty)',
      change: '',
      verdict: direction === 'neutral' ? 'changed' : 'regression',
    };
  const a = Number(before);
  const b = Number(after);
  // relative change, with a floor on the denominator so 0 → 0.001 is not an infinite move
  const relative = (b - a) / Math.max(Math.abs(a), 1e-3);
  if (Math.abs(relative) <= tolerance) return null;
  const worse = direction === 'higher' ? b < a : b > a;
  const verdict = direction === 'neutral' ? 'changed' : worse ? 'regression' : 'improvement';
  return { baseline: before, current: after, change: `${relative > 0 ? '+' : ''}${(relative * 100).toFixed(1)}%`, verdict };
}
