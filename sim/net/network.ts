// The network between nodes and from clients to nodes: a delay per message drawn from the
// scenario's distribution, independent loss, and partitions. A partition assigns each node a
// side; messages between nodes on different sides are dropped (checked at send and again at
// delivery, so a cut that forms while a message is in flight still stops it). Clients reach
// every live node whatever the partition (SPEC.md), but their messages share delay and loss.
import { durationSampler, type Sampler } from '../core/distributions.js';
import type { Random } from '../core/rng.js';
import type { Scenario } from '../scenario/scenario.js';

export class Network {
  readonly delay: Sampler;
  private readonly loss: number;
  private readonly lossRng: Random;
  /** side[node]: nodes talk only to nodes on the same side. All 0 when healed. */
  private readonly side: Int32Array;
  /** Latest arrival per directed link (from × n + to): links deliver in order, as TCP does. */
  private readonly lastArrival: Float64Array;
  private readonly nodes: number;

  constructor(scenario: Scenario, nodes: number, delayRng: Random, lossRng: Random) {
    this.delay = durationSampler(scenario.network.delay, delayRng);
    this.loss = scenario.network.loss;
    this.lossRng = lossRng;
    this.side = new Int32Array(nodes);
    this.nodes = nodes;
    this.lastArrival = new Float64Array(nodes * nodes);
  }

  /** When a message sent at `departAt` from one node to another arrives: after its own delay,
   *  and never before an earlier message on the same link (no reordering between two nodes;
   *  without this, pipelined AppendEntries would overtake each other and be rejected). */
  arrival(from: number, to: number, departAt: number): number {
    const link = from * this.nodes + to;
    const at = Math.max(departAt + this.delay(), this.lastArrival[link]);
    this.lastArrival[link] = at;
    return at;
  }

  /** Draws whether one message is lost (no draw at all when loss is 0, to keep streams stable). */
  lost(): boolean {
    return this.loss > 0 && this.lossRng() < this.loss;
  }

  connected(from: number, to: number): boolean {
    return this.side[from] === this.side[to];
  }

  /** Cuts the cluster into the given groups; nodes named in no group form one more side together. */
  partition(groups: number[][]): void {
    this.side.fill(groups.length + 1);
    groups.forEach((group, i) => group.forEach((node) => (this.side[node] = i + 1)));
  }

  heal(): void {
    this.side.fill(0);
  }

  /** The nodes that share a side with `node` (including it). */
  sideSize(node: number): number {
    let count = 0;
    for (let i = 0; i < this.side.length; i++) if (this.side[i] === this.side[node]) count++;
    return count;
  }
}
