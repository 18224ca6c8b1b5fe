// Each node's own clock. A protocol node reads no time but the `now` it is handed, so giving it
// its clock's reading instead of true time makes every timer and lease it keeps run on that
// clock: local(t) = rate × t + offset, with rate within 1 ± drift (drawn per node from its own
// stream) and offset moved by clockJump faults. A timer of d local microseconds fires d / rate
// of true time later, as a timer counting the node's oscillator would (a jump moves readings,
// not timers in flight). Without `clocks:` every clock is true time and nothing is drawn.
import { stream } from '../core/rng.js';
import type { Micros, Scenario } from '../scenario/scenario.js';

export class NodeClocks {
  private readonly rate: Float64Array;
  private readonly offset: Float64Array;
  /** False while every clock reads true time: the engine skips the arithmetic. */
  private skewed: boolean;

  constructor(scenario: Scenario, nodes: number, seed: number) {
    this.rate = new Float64Array(nodes).fill(1);
    this.offset = new Float64Array(nodes);
    const drift = scenario.clocks?.drift ?? 0;
    this.skewed = drift > 0;
    if (drift > 0) for (let node = 0; node < nodes; node++) this.rate[node] = 1 + drift * (2 * stream(seed, `clocks/node/${node}`)() - 1);
  }

  /** What node's clock reads at true time t (integer microseconds). */
  local(node: number, t: Micros): Micros {
    return this.skewed ? Math.round(this.rate[node] * t + this.offset[node]) : t;
  }

  /** True time that passes while node's clock advances by `localDelay`. */
  trueDelay(node: number, localDelay: Micros): Micros {
    return this.skewed ? localDelay / this.rate[node] : localDelay;
  }

  jump(node: number, by: Micros): void {
    this.offset[node] += by;
    this.skewed = true;
  }

  /** The node's clock rate relative to true time (1 = exact). */
  rateOf(node: number): number {
    return this.rate[node];
  }
}
