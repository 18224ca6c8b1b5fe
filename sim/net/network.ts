// The network between nodes and from clients to nodes: a delay per message drawn from the
// scenario's distribution, independent loss, and partitions. A partition assigns each node a
// side; messages between nodes on different sides are dropped (checked at send and again at
// delivery, so a cut that forms while a message is in flight still stops it). Clients reach
// every live node whatever the partition (a partition cuts node-to-node links only), with the same delay distribution and loss.
// Each kind of hop draws from its own streams: node-to-node messages from `net/delay` and
// `net/loss`, client requests from `net/clients/requests/…` and replies from
// `net/clients/replies/…`. So a protocol that sends more or fewer messages leaves the clients'
// delays where they were, and variants compared in one scenario share them. With zones, a
// message between two zones takes that pair's delay, from the pair's own stream.
import { durationSampler, type Sampler } from '../core/distributions.js';
import type { Random } from '../core/rng.js';
import type { Micros, Scenario } from '../scenario/scenario.js';

/** The zone of each node and a sampler per ordered zone pair (both directions share one). */
interface ZoneDelays {
  of: Int32Array;
  count: number;
  between: Sampler[];
}

export class Network {
  private readonly delay: Sampler;
  private readonly loss: number;
  private readonly lossRng: Random;
  private readonly requests: ClientHops;
  private readonly replies: ClientHops;
  /** side[node]: nodes talk only to nodes on the same side. All 0 when healed. */
  private readonly side: Int32Array;
  /** Latest arrival per directed link (from × n + to): links deliver in order, as TCP does. */
  private readonly lastArrival: Float64Array;
  private readonly nodes: number;
  private readonly zones: ZoneDelays | null;
  /** One-way cuts in force per directed link (from × n + to); a count, as cuts may overlap. */
  private readonly cuts: Uint16Array;
  /** Links with a cut in force: with none (most runs) `connected` skips the n × n table, a
   *  cache miss per message at a thousand nodes. */
  private linksCut = 0;

  /** `streamOf` gives the seeded stream of a name (`net/delay`, `net/delay/zones/a-b`, …). */
  constructor(scenario: Scenario, nodes: number, streamOf: (name: string) => Random) {
    this.delay = durationSampler(scenario.network.delay, streamOf('net/delay'));
    this.zones = zoneDelays(scenario, nodes, (pair) => streamOf(`net/delay/zones/${pair}`));
    this.loss = scenario.network.loss;
    this.lossRng = streamOf('net/loss');
    this.requests = new ClientHops(scenario, streamOf, 'net/clients/requests');
    this.replies = new ClientHops(scenario, streamOf, 'net/clients/replies');
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

  /** Draws whether one message between nodes is lost (no draw at all when loss is 0, to keep streams stable). */
  lost(): boolean {
    return this.loss > 0 && this.lossRng() < this.loss;
  }

  /** A client's request on its way to a node: its delay, or -1 when it is lost. */
  requestHop(): Micros {
    return this.requests.next();
  }

  /** A node's reply on its way to the client: its delay, or -1 when it is lost. */
  replyHop(): Micros {
    return this.replies.next();
  }

  connected(from: number, to: number): boolean {
    return this.side[from] === this.side[to] && (this.linksCut === 0 || this.cuts[from * this.nodes + to] === 0);
  }

  /** Loses every message from a node of `from` to a node of `to` (a one-way cut), or restores them (`by` −1). */
  cut(from: readonly number[], to: readonly number[], by: 1 | -1 = 1): void {
    for (const a of from) {
      for (const b of to) {
        if (a === b) continue;
        const link = a * this.nodes + b;
        const wasCut = this.cuts[link] !== 0;
        this.cuts[link] += by;
        this.linksCut += Number(this.cuts[link] !== 0) - Number(wasCut);
      }
    }
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

/** One direction between clients and nodes: the scenario's delay and loss, from its own streams. */
class ClientHops {
  private readonly delay: Sampler;
  private readonly loss: number;
  private readonly lossRng: Random;

  constructor(scenario: Scenario, streamOf: (name: string) => Random, label: string) {
    this.delay = durationSampler(scenario.network.delay, streamOf(`${label}/delay`));
    this.loss = scenario.network.loss;
    this.lossRng = streamOf(`${label}/loss`);
  }

  /** The next message's delay, or -1 when it is lost (no loss draw when loss is 0). */
  next(): Micros {
    if (this.loss > 0 && this.lossRng() < this.loss) return -1;
    return this.delay();
  }
}

function zoneDelays(scenario: Scenario, nodes: number, pairStream: (pair: string) => Random): ZoneDelays | null {
  const zones = scenario.network.zones;
  if (!zones) return null;
  const count = zones.names.length;
  const between = new Array<Sampler>(count * count);
  for (let i = 0; i < count; i++)
    for (let j = i + 1; j < count; j++) {
      const pair = durationSampler(zones.between[i * count + j], pairStream(`${zones.names[i]}-${zones.names[j]}`));
      between[i * count + j] = between[j * count + i] = pair;
    }
  return { of: Int32Array.from(zones.of.slice(0, nodes)), count, between };
}
