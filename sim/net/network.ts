// The network between nodes and from clients to nodes: a delay per message drawn from the
// scenario's distribution, independent loss, and partitions. A partition assigns each node a
// side; messages between nodes on different sides are dropped (checked at send and again at
// delivery, so a cut that forms while a message is in flight still stops it). Clients reach
// every live node whatever the partition (SPEC.md), but their messages share delay and loss.
// With zones, a message between two zones takes that pair's delay, drawn from the pair's own
// stream: messages within a zone (and every message of a scenario without zones) draw from
// the same stream as before zones existed.
import { durationSampler, type Sampler } from '../core/distributions.js';
import type { Random } from '../core/rng.js';
import type { Scenario } from '../scenario/scenario.js';

/** The zone of each node and a sampler per ordered zone pair (both directions share one). */
interface ZoneDelays {
  of: Int32Array;
  count: number;
  between: Sampler[];
}

export class Network {
  readonly delay: Sampler;
  private readonly loss: number;
  private readonly lossRng: Random;
  /** side[node]: nodes talk only to nodes on the same side. All 0 when healed. */
  private readonly side: Int32Array;
  /** Latest arrival per directed link (from × n + to): links deliver in order, as TCP does. */
  private readonly lastArrival: Float64Array;
  private readonly nodes: number;
  private readonly zones: ZoneDelays | null;
  /** One-way cuts in force per directed link (from × n + to); a count, as cuts may overlap. */
  private readonly cuts: Uint16Array;

  /** `pairStream` gives the stream of the delays between two zones, by the pair's label (a-b). */
  constructor(scenario: Scenario, nodes: number, delayRng: Random, lossRng: Random, pairStream?: (pair: string) => Random) {
    this.delay = durationSampler(scenario.network.delay, delayRng);
    this.zones = zoneDelays(scenario, nodes, pairStream);
    this.loss = scenario.network.loss;
    this.lossRng = lossRng;
    this.side = new Int32Array(nodes);
    this.nodes = nodes;
    this.lastArrival = new Float64Array(nodes * nodes);
    this.cuts = new Uint16Array(nodes * nodes);
  }

  /** When a message sent at `departAt` from one node to another arrives: after its own delay,
   *  and never before an earlier message on the same link (no reordering between two nodes;
   *  without this, pipelined AppendEntries would overtake each other and be rejected). */
  arrival(from: number, to: number, departAt: number): number {
    const link = from * this.nodes + to;
    const at = Math.max(departAt + this.linkDelay(from, to), this.lastArrival[link]);
    this.lastArrival[link] = at;
    return at;
  }

  private linkDelay(from: number, to: number): number {
    const z = this.zones;
    if (z === null || z.of[from] === z.of[to]) return this.delay();
    return z.between[z.of[from] * z.count + z.of[to]]();
  }

  /** Nodes of a zone, by name (empty for an unknown zone). */
  zoneMembers(scenario: Scenario, name: string): number[] {
    const zones = scenario.network.zones;
    const z = zones ? zones.names.indexOf(name) : -1;
    return z < 0 || !zones ? [] : zones.of.flatMap((zone, node) => (zone === z ? [node] : []));
  }

  /** Draws whether one message is lost (no draw at all when loss is 0, to keep streams stable). */
  lost(): boolean {
    return this.loss > 0 && this.lossRng() < this.loss;
  }

  connected(from: number, to: number): boolean {
    return this.side[from] === this.side[to] && this.cuts[from * this.nodes + to] === 0;
  }

  /** Loses every message from a node of `from` to a node of `to` (a one-way cut), or restores them (`by` −1). */
  cut(from: readonly number[], to: readonly number[], by: 1 | -1 = 1): void {
    for (const a of from) for (const b of to) if (a !== b) this.cuts[a * this.nodes + b] += by;
  }

  /** Cuts the cluster into the given groups; nodes named in no group form one more side together. */
  partition(groups: number[][]): void {
    this.side.fill(groups.length + 1);
    groups.forEach((group, i) => group.forEach((node) => (this.side[node] = i + 1)));
  }

  heal(): void {
    this.side.fill(0);
  }
}

function zoneDelays(scenario: Scenario, nodes: number, pairStream?: (pair: string) => Random): ZoneDelays | null {
  const zones = scenario.network.zones;
  if (!zones) return null;
  if (!pairStream) throw new Error('a network with zones needs a stream per zone pair');
  const count = zones.names.length;
  const between = new Array<Sampler>(count * count);
  for (let i = 0; i < count; i++)
    for (let j = i + 1; j < count; j++) {
      const pair = durationSampler(zones.between[i * count + j], pairStream(`${zones.names[i]}-${zones.names[j]}`));
      between[i * count + j] = between[j * count + i] = pair;
    }
  return { of: Int32Array.from(zones.of.slice(0, nodes)), count, between };
}
