// An architecture kind, written once: everything the rest of leadsim needs to know about one
// `architecture.kind` — its keys and their defaults, the checks across them, what a run of it
// costs, the analytic bound on what its leader can commit, its leader groups, how the replay
// page draws its messages, and the factory that builds it. Each kind is one such record in its
// own folder, listed once in registry.ts; the schema, the checks, the budget, capacity_ops_s
// and the tracer read it from there and never name a kind.
import type * as z from 'zod';
import type { Path } from '../scenario/check-util.js';
import type { SchemaKit } from '../scenario/schema-kit.js';
import type { Micros } from '../scenario/scenario.js';
import type { MsgKind } from '../trace/trace.js';
import type { Architecture, BuildContext } from './architecture.js';

/** The keys every kind has. */
export interface SpecBase {
  kind: string;
  nodes: number;
}

/** A node's CPU costs, in µs: a request's mean service time, and per message and per entry. */
export interface CpuCosts {
  service: Micros;
  perMessage: Micros;
  perEntry: Micros;
}

/** Node-to-node messages per client request (as if unbatched) and per second (heartbeats, health checks). */
export interface MessageRates {
  perRequest: number;
  perSecond: number;
}

/** What the budget estimates a run of this kind from, before anything is built. */
export interface KindCost<S> {
  /** Nodes that serve client requests (a closed loop goes no faster than they serve). */
  servingNodes(spec: S): number;
  messageRates(spec: S): MessageRates;
  /** The key to blame when periodic messages make a run too long (default: architecture.heartbeat). */
  periodicKey?(spec: S): Path;
  /** Raft replicas a run keeps, each a state machine with a log (default: none counted). */
  replicas?(spec: S): number;
}

/** The parsed keys of a kind's schema: what the file says, defaults filled in. */
export type ParsedKeys<S extends SpecBase, Shape extends z.core.$ZodLooseShape> = z.output<z.ZodObject<Shape>> & Pick<S, 'kind' | 'nodes'>;

// Members are methods, not function-valued properties: a descriptor of one kind is then also a
// descriptor of the union of all kinds, which is how the registry hands them out.
export interface KindDescriptor<S extends SpecBase = SpecBase, Shape extends z.core.$ZodLooseShape = z.core.$ZodLooseShape> {
  readonly kind: S['kind'];
  /** Its keys after `kind` and `nodes`, with their defaults, in the order `leadsim schema` lists them. */
  schema(kit: SchemaKit): Shape;
  /** The spec the engine runs: fills the defaults that depend on other keys (e.g. shards from nodes). */
  resolve(parsed: ParsedKeys<S, Shape>): S;
  /** Checks across its keys, each reported on `architecture.<key>` (an election's timing is
   *  checked for every kind that has one). */
  check?(spec: S, report: (key: string, message: string) => void): void;
  /** Groups with a leader to measure; 0 when nothing leads (faults and alerts naming the leader
   *  are then refused). */
  leaderGroups(spec: S): number;
  /** Shards a `shard:K/leader` crash target may name; absent for kinds without shards. */
  shards?(spec: S): number;
  readonly cost: KindCost<S>;
  /** capacity_ops_s: the writes per second its leader can commit, from CPU costs alone; absent
   *  for kinds that have no leader to bound them. */
  capacity?(spec: S, cpu: CpuCosts): number;
  /** What each of its messages is, by type name, for the replay page's colours (unlisted: other). */
  readonly messageKinds: Readonly<Record<string, MsgKind>>;
  build(spec: S, ctx: BuildContext): Architecture;
}

/** A kind's descriptor, checked against its spec type: `defineKind<Spec>()({ ... })`. */
export const defineKind =
  <S extends SpecBase>() =>
  <Shape extends z.core.$ZodLooseShape>(descriptor: KindDescriptor<S, Shape>): KindDescriptor<S, Shape> =>
    descriptor;
