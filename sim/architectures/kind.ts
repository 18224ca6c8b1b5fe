// An architecture kind, written once: everything the rest of leadsim needs to know about one
// `architecture.kind` — its keys and their defaults, the checks across them, what a run of it
// costs, the analytic bound on what its leader can commit, its leader groups, how the replay
// page draws its messages, and the factory that builds it. Each kind is one such record in its
// own folder, listed once in registry.ts; the schema, the checks, the budget, capacity_ops_s
// and the tracer read it from there and never name a kind.
import type * as z from 'zod';
import type { SchemaKit } from '../scenario/schema-kit.js';
import type { Micros } from '../scenario/scenario.js';
import type { Message } from '../protocols/node.js';
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

/** What an event model reads (µs, means), from the scenario's keys: the CPU costs, and more. */
export interface ModelCosts extends CpuCosts {
  /** Mean fsync, 0 without a disk. */
  fsync: Micros;
  /** Mean one-way network delay. */
  delay: Micros;
  /** Fraction of ops that write. */
  writes: number;
}

/**
 * What the budget estimates a run of this kind from, before anything is built: its event model
 * (the engine events of its nodes in the steady state; sim/scenario/event-model.ts adds the
 * clients' own, the run's length, the boot and faults) and what it keeps in memory. The maths
 * kinds share (batching, heartbeats, elections) is in cost-model.ts; only `nodeEvents` is
 * required.
 */
interface KindCost<S> {
  /** Engine events a second of the nodes' own work (messages, timers, fsyncs) while they serve
   *  `served` ops a second. */
  nodeEvents(spec: S, c: ModelCosts, served: number): number;
  /** Ops a second it can serve at most: what a closed or an overloaded loop gets through
   *  (default: capacity_ops_s, the descriptor's `capacity`; without one, unbounded). */
  capacity?(spec: S, c: ModelCosts): number;
  /** What an op spends between the node that takes it and its reply, beyond the CPU, in µs
   *  (default 0): it slows a closed loop. */
  innerLatency?(spec: S, c: ModelCosts): number;
  /** Ops beyond capacity are turned away at once (not queued), so a saturated closed loop
   *  keeps sending them (default: false). */
  refusesOverload?(spec: S): boolean;
  /** Engine events of the boot's elections (default 0: nothing is elected). */
  startupEvents?(spec: S): number;
  /** How long clients find no leader at boot, in µs (default 0): a closed loop retries
   *  meanwhile, as fast as its backoff lets it. */
  leaderlessAtBoot?(spec: S): number;
  /** Engine events of one crash or recovery, the failover it sets off (default: clients time
   *  out and retry, LEADERLESS_FAULT_EVENTS). */
  faultEvents?(spec: S): number;
  /** Raft replicas a run keeps, each a state machine with a log (default: none counted). */
  replicas?(spec: S): number;
}

/** The parsed keys of a kind's schema: what the file says, defaults filled in. */
type ParsedKeys<S extends SpecBase, Shape extends z.core.$ZodLooseShape> = z.output<z.ZodObject<Shape>> & Pick<S, 'kind' | 'nodes'>;

/** How the replay page draws each message type of a protocol whose messages are `M`: every
 *  type of the union is a key, and nothing else is. */
type MessageKinds<M extends Message = Message> = Readonly<Record<M['type'], MsgKind>>;

// Members are methods, not function-valued properties: a descriptor of one kind is then also a
// descriptor of the union of all kinds, which is how the registry hands them out.
export interface KindDescriptor<
  S extends SpecBase = SpecBase,
  Shape extends z.core.$ZodLooseShape = z.core.$ZodLooseShape,
  M extends Message = Message,
> {
  readonly kind: S['kind'];
  /** What it is, in a line: `kind:`'s description in the JSON Schema and docs/scenario-format.md. */
  readonly summary: string;
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
  /** What each of its messages (`M`, the union its nodes exchange) is, for the replay page's colours. */
  readonly messageKinds: MessageKinds<M>;
  build(spec: S, ctx: BuildContext): Architecture;
}

/** A kind's descriptor, checked against its spec type and the messages its nodes exchange:
 *  `defineKind<Spec, RaftMessage>()({ ... })` (`never` for a kind whose nodes send none). */
export const defineKind =
  <S extends SpecBase, M extends Message>() =>
  <Shape extends z.core.$ZodLooseShape>(descriptor: KindDescriptor<S, Shape, M>): KindDescriptor<S, Shape, M> =>
    descriptor;
