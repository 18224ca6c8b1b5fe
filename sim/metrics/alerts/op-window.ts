// The requests of the last `window` of simulated time, for windowed alert metrics: a FIFO of
// (time, latency) with running counts, trimmed as evaluation moves on. A failure is stored
// with latency -1. Latencies are kept only when a rule asks for a percentile.
import type { Micros } from '../../scenario/scenario.js';
import type { AlertMetric } from '../../scenario/alert-condition.js';

export class OpWindow {
  private times: number[] = [];
  private latencies: number[] = [];
  private head = 0;
  /** How much of the window has passed since the run began (all of it after the first `window`). */
  private span = 0;
  private completed = 0;
  private failed = 0;

  constructor(
    private readonly window: Micros,
    private readonly keepLatency: boolean,
  ) {}

  add(now: Micros, latency: Micros): void {
    this.times.push(now);
    this.latencies.push(this.keepLatency ? latency : latency < 0 ? -1 : 0);
    if (latency < 0) this.failed++;
    else this.completed++;
  }

  /** Drops what fell out of [at − window, at). */
  slide(at: Micros): void {
    const from = at - this.window;
    this.span = Math.min(this.window, at);
    while (this.head < this.times.length && this.times[this.head] < from) {
      if (this.latencies[this.head] < 0) this.failed--;
      else this.completed--;
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.latencies = this.latencies.slice(this.head);
      this.head = 0;
    }
  }

  /** A windowed metric's value, or null when it has none (no requests in the window). */
  metric(name: Exclude<AlertMetric, 'leader'>): number | null {
    const total = this.completed + this.failed;
    switch (name) {
      case 'error_rate':
        return total === 0 ? null : this.failed / total;
      case 'throughput_ops_s':
        return this.span === 0 ? null : this.completed / (this.span / 1e6);
      case 'latency_p50_ms':
        return this.percentileMs(0.5);
      case 'latency_p99_ms':
        return this.percentileMs(0.99);
    }
  }

  /** Nearest-rank percentile of the completed requests in the window. */
  private percentileMs(q: number): number | null {
    if (this.completed === 0) return null;
    const ok = new Float64Array(this.completed);
    let n = 0;
    for (let i = this.head; i < this.latencies.length; i++) if (this.latencies[i] >= 0) ok[n++] = this.latencies[i];
    ok.sort();
    return ok[Math.max(0, Math.ceil(q * n) - 1)] / 1000;
  }
}
