// How busy a leader's CPU is while it leads (leader_utilization), and on what (leader_cpu_*).
// Measured over each node's time in office inside the window, not over the whole run: in a big
// group where leadership churns, a leader saturated for its 300 ms in office is a saturated
// leader, and averaging it with the time it spent as a follower would hide exactly the
// bottleneck these columns exist for. The split is kept per CpuUse as the engine charges it, so
// the four shares of one leader add up to its utilization.
import { CPU_USES, type CpuUse } from '../net/cpu.js';

export class LeaderLoad {
  /** Per node × CpuUse: CPU busy while in office, inside the window. */
  private readonly busyOn: Float64Array;
  private readonly inOffice: Float64Array;
  private readonly since: Float64Array;

  constructor(
    nodes: number,
    private readonly windowStart: number,
    private readonly windowEnd: number,
  ) {
    this.busyOn = new Float64Array(nodes * CPU_USES);
    this.inOffice = new Float64Array(nodes);
    this.since = new Float64Array(nodes).fill(-1);
  }

  private overlap(from: number, to: number): number {
    return Math.max(0, Math.min(to, this.windowEnd) - Math.max(from, this.windowStart));
  }

  tookOffice(now: number, node: number): void {
    if (this.since[node] < 0) this.since[node] = now;
  }

  leftOffice(now: number, node: number): void {
    if (this.since[node] < 0) return;
    this.inOffice[node] += this.overlap(this.since[node], now);
    this.since[node] = -1;
  }

  /** CPU busy over [from, from + micros) on `node`, spent on `use`; counts while it leads. */
  cpuBusy(node: number, from: number, micros: number, use: CpuUse): void {
    if (this.since[node] >= 0) this.busyOn[node * CPU_USES + use] += this.overlap(from, from + micros);
  }

  private busy(node: number): number {
    let sum = 0;
    for (let use = 0; use < CPU_USES; use++) sum += this.busyOn[node * CPU_USES + use];
    return sum;
  }

  /** The leader the columns describe: the busiest among leaders in office for at least 5% of
   *  the window (shorter terms are noise), else the longest in office; null when nobody led.
   *  Closes the terms still open at `end`. */
  measuredLeader(end: number): number | null {
    for (let node = 0; node < this.since.length; node++) if (this.since[node] >= 0) this.leftOffice(end, node);
    const minimum = 0.05 * (this.windowEnd - this.windowStart);
    let busiest: number | null = null;
    let longest: number | null = null;
    for (let node = 0; node < this.inOffice.length; node++) {
      const time = this.inOffice[node];
      if (time <= 0) continue;
      if (time >= minimum && (busiest === null || this.utilization(node) > this.utilization(busiest))) busiest = node;
      if (longest === null || time > this.inOffice[longest]) longest = node;
    }
    return busiest ?? longest;
  }

  /** `node`'s busy fraction of its time in office. */
  utilization(node: number): number {
    return Math.min(1, this.busy(node) / this.inOffice[node]);
  }

  /** The fraction of `node`'s time in office its CPU spent on `use`. */
  share(node: number, use: CpuUse): number {
    return this.busyOn[node * CPU_USES + use] / this.inOffice[node];
  }
}
