// The alert monitor: Prometheus' rule evaluation over the simulated metrics. Every `interval`
// from the end of warmup on, each rule's condition is checked against the metrics as they
// stand just before that moment; a rule that holds becomes pending, fires once it has held for
// its `for:` (at the first evaluation at or after that), and resolves at the first evaluation
// where it no longer holds. The monitor only watches: nothing here feeds back into the run.
import { compare } from '../../scenario/alert-condition.js';
import type { AlertRule, Micros } from '../../scenario/scenario.js';
import type { AlertRow } from '../run-result.js';
import { OpWindow } from './op-window.js';

interface RuleState {
  rule: AlertRule;
  nextEval: Micros;
  /** Requests of the rule's window (null for `leader` rules, which need none). */
  window: OpWindow | null;
  /** When the condition began to hold (pending or firing), or -1 while it does not hold. */
  activeSince: Micros;
  /** The open row while firing. */
  firing: AlertRow | null;
}

export interface MonitorSetup {
  rules: readonly AlertRule[];
  /** Evaluation starts here (the end of warmup: a monitor switched on once the cluster is up). */
  start: Micros;
  end: Micros;
  variant: string;
  trial: number;
  /** True while some replication group has no leader (only asked by `leader` rules). */
  leaderMissing: () => boolean;
}

export class AlertMonitor {
  private readonly rules: RuleState[];
  private readonly faultTimes: Micros[] = [];
  private readonly rows: AlertRow[] = [];

  constructor(private readonly setup: MonitorSetup) {
    this.rules = setup.rules.map((rule) => ({
      rule,
      nextEval: setup.start,
      window: rule.condition.metric === 'leader' ? null : new OpWindow(rule.window, rule.condition.metric.startsWith('latency_')),
      activeSince: -1,
      firing: null,
    }));
  }

  /** Runs every evaluation due at or before `now`, in time order (file order at equal times);
   *  call before recording anything at `now`. */
  advance(now: Micros): void {
    const last = Math.min(now, this.setup.end);
    for (;;) {
      let due: RuleState | null = null;
      for (const state of this.rules) if (state.nextEval <= last && (due === null || state.nextEval < due.nextEval)) due = state;
      if (due === null) return;
      this.evaluate(due, due.nextEval);
      due.nextEval += due.rule.interval;
    }
  }

  completed(now: Micros, latency: Micros): void {
    for (const state of this.rules) state.window?.add(now, latency);
  }

  failed(now: Micros): void {
    for (const state of this.rules) state.window?.add(now, -1);
  }

  fault(now: Micros): void {
    this.faultTimes.push(now);
  }

  /** Evaluations up to the end; alerts still firing stay open (resolved_at_ms empty). */
  finish(): AlertRow[] {
    this.advance(this.setup.end);
    return this.rows;
  }

  private evaluate(state: RuleState, at: Micros): void {
    state.window?.slide(at);
    if (this.holds(state)) this.stillHolds(state, at);
    else this.stopped(state, at);
  }

  private holds(state: RuleState): boolean {
    const c = state.rule.condition;
    if (c.metric === 'leader') return this.setup.leaderMissing() === (c.op === '==');
    const window = state.window;
    if (window === null) throw new Error(`the ${c.metric} rule has no window`); // only leader rules lack one
    return compare(window.metric(c.metric), c.op, c.value);
  }

  private stillHolds(state: RuleState, at: Micros): void {
    if (state.activeSince < 0) state.activeSince = at;
    if (state.firing !== null || at - state.activeSince < state.rule.for) return;
    const faultAt = this.faultBefore(state.activeSince);
    state.firing = {
      variant: this.setup.variant,
      trial: this.setup.trial,
      alert: state.rule.name,
      fired_at_ms: at / 1000,
      resolved_at_ms: null,
      fault_at_ms: faultAt === null ? null : faultAt / 1000,
      detect_ms: faultAt === null ? null : (at - faultAt) / 1000,
    };
    this.rows.push(state.firing);
  }

  private stopped(state: RuleState, at: Micros): void {
    if (state.firing !== null) state.firing.resolved_at_ms = at / 1000;
    state.firing = null;
    state.activeSince = -1;
  }

  /** The fault an alert follows: the latest one that began at or before its condition did. */
  private faultBefore(t: Micros): Micros | null {
    for (let i = this.faultTimes.length - 1; i >= 0; i--) if (this.faultTimes[i] <= t) return this.faultTimes[i];
    return null;
  }
}

/** Alerts fired, and the mean time from fault to firing over the firings that follow a fault. */
export function alertSummary(rows: readonly AlertRow[]): { alerts_fired: number; detect_mean_ms: number | null } {
  const detects = rows.map((r) => r.detect_ms).filter((x): x is number => typeof x === 'number');
  return {
    alerts_fired: rows.length,
    detect_mean_ms: detects.length === 0 ? null : detects.reduce((s, x) => s + x, 0) / detects.length,
  };
}
