// How busy a leader's CPU is while it leads (leader_utilization). Measured over each node's
// time in office inside the window, not over the whole run: in a big group where leadership
// churns, a leader saturated for its 300 ms in office is a saturated leader, and averaging it
// with the time it spent as a follower would hide exactly the bottleneck this column exists for.

export class LeaderLoad {
  private readonly busy: Float64Array;
  private readonly inOffice: Float64Array;
  private readonly since: Float64Array;

  constructor(
    nodes: number,
    private readonly windowStart: number,
    private readonly windowEnd: number,
  ) {
    this.busy = new Float64Array(nodes);
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

  /** CPU busy over [from, from + micros) on `node`; counts while it leads. */
  cpuBusy(node: number, from: number, micros: number): void {
    if (this.since[node] >= 0) this.busy[node] += this.overlap(from, from + micros);
  }

  /** The busiest leader's busy fraction, among leaders in office for at least 5% of the window
   *  (shorter terms are noise); null when nobody led. */
  utilization(end: number): number | null {
    for (let node = 0; node < this.since.length; node++) if (this.since[node] >= 0) this.leftOffice(end, node);
    const minimum = 0.05 * (this.windowEnd - this.windowStart);
    let best: number | null = null;
    let longest = -1;
    let longestUtilization: number | null = null;
    for (let node = 0; node < this.inOffice.length; node++) {
      const time = this.inOffice[node];
      if (time <= 0) continue;
      const u = Math.min(1, this.busy[node] / time);
      if (time >= minimum && (best === null || u > best)) best = u;
      if (time > longest) {
        longest = time;
        longestUtilization = u;
      }
    }
    return best ?? longestUtilization;
  }
}
