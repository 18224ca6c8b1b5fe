// The one interface every `architecture.kind` plugs into. An architecture builds its protocol
// nodes, tells clients where to send a request, and says what to measure. The engine knows
// nothing of Raft or load balancers; it only calls these.
import type { Random } from '../core/rng.js';
import type { ProtocolNode, ReplyStatus } from '../protocols/node.js';
import type { ArchitectureSpec, Micros, Scenario } from '../scenario/scenario.js';

/** What an architecture may ask of the running cluster (read-only, plus failover signals). */
export interface ClusterView {
  isUp(node: number): boolean;
  /** The architecture noticed the fault that opened the current failover (e.g. a health check ejected a node). */
  failoverDetected(now: Micros): void;
}

export interface ClientAttempt {
  readonly op: number;
  readonly key: number;
  readonly write: boolean;
}

export interface Architecture {
  readonly nodes: readonly ProtocolNode[];
  /** There is a leader to measure (leader column, leader_utilization, role-based failover). */
  readonly hasLeader: boolean;
  /** Acknowledged writes must survive: acked_writes_lost is checked and must be 0. */
  readonly promisesDurability: boolean;
  /** Reads return versions that can be checked for staleness. */
  readonly versionedReads: boolean;
  /** The node this attempt goes to, or -1 when none can take it (the client backs off). */
  route(now: Micros, attempt: ClientAttempt): number;
  /** An attempt for `key` sent to `node` ended: a reply arrived (with its status) or it timed out (status -1). */
  attemptEnded(now: Micros, node: number, status: ReplyStatus | -1, value: number, key: number): void;
  /** Periodic work outside the nodes (a load balancer's health checks); `tickInterval` 0 means none. */
  readonly tickInterval: Micros;
  tick(now: Micros, cluster: ClusterView): void;
  /** After the run: every write op in the final committed state (for durability checks). */
  committedWrites(): ReadonlySet<number> | null;
}

export interface BuildContext {
  scenario: Scenario;
  /** A random stream for a component label, derived from the run's seed. */
  stream(label: string): Random;
}

export type ArchitectureFactory<S extends ArchitectureSpec = ArchitectureSpec> = (spec: S, ctx: BuildContext) => Architecture;
