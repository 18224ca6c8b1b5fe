// Alert conditions: the tiny grammar of `when:` — one metric, one comparison, one value —
// which is all a Prometheus-style threshold rule over these metrics needs:
//   leader == none | leader != none
//   <metric> <op> <number>     op: > >= < <= == !=
// Windowed metrics (error_rate, latency_*, throughput_ops_s) are computed over the rule
// group's `window` (Prometheus' range vector, e.g. rate(...[1m])).

const ALERT_METRICS = {
  leader: 'the leader: `none` while a group has no leader (leader kinds only)',
  error_rate: 'failed / (completed + failed) requests over the window',
  latency_p50_ms: 'median latency of requests completed in the window',
  latency_p99_ms: '99th percentile latency of requests completed in the window',
  throughput_ops_s: 'requests completed per second over the window',
} as const;
export type AlertMetric = keyof typeof ALERT_METRICS;

const COMPARE_OPS = ['==', '!=', '>=', '<=', '>', '<'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
const OPS: ReadonlySet<string> = new Set(COMPARE_OPS);
const isCompareOp = (op: string): op is CompareOp => OPS.has(op);
const isMetric = (name: string): name is AlertMetric => Object.hasOwn(ALERT_METRICS, name);

export type AlertCondition =
  { metric: 'leader'; op: '==' | '!='; none: true } | { metric: Exclude<AlertMetric, 'leader'>; op: CompareOp; value: number };

const SHAPE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(==|!=|>=|<=|>|<)\s*(\S+)\s*$/;
export const CONDITION_HINT = 'a condition such as "leader == none", "error_rate > 0.01" or "latency_p99_ms > 200"';

/** Parses a `when:` text; throws an Error whose message says what would be valid. */
export function parseCondition(text: string): AlertCondition {
  const m = SHAPE.exec(text);
  if (m === null) throw new Error(`must be ${CONDITION_HINT} (got '${text}')`);
  const [, metric, op, operand] = m;
  if (!isCompareOp(op)) throw new Error(`must be ${CONDITION_HINT} (got '${text}')`); // SHAPE matches only these
  if (!isMetric(metric)) throw new Error(`'${metric}' is not a metric alerts can watch: one of ${Object.keys(ALERT_METRICS).join(', ')}`);
  if (metric === 'leader') {
    if (operand !== 'none' || (op !== '==' && op !== '!='))
      throw new Error(`leader can only be compared with none: "leader == none" or "leader != none" (got '${text}')`);
    return { metric, op, none: true };
  }
  const value = Number(operand);
  if (!Number.isFinite(value) || operand.trim() === '')
    throw new Error(`${metric} must be compared with a number, e.g. "${metric} > 0.5" (got '${operand}')`);
  return { metric, op, value };
}

/** Whether `x op value` holds; a metric with no value (no requests in the window) never holds,
 *  as a Prometheus comparison against an empty result yields no alert. */
export function compare(x: number | null, op: CompareOp, value: number): boolean {
  if (x === null || Number.isNaN(x)) return false;
  switch (op) {
    case '==':
      return x === value;
    case '!=':
      return x !== value;
    case '>=':
      return x >= value;
    case '<=':
      return x <= value;
    case '>':
      return x > value;
    case '<':
      return x < value;
  }
}
