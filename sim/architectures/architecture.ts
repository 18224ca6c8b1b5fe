// The one interface every `architecture.kind` plugs into. An architecture builds its protocol
// nodes, tells clients where to send a request, and says what to measure. The engine knows
// nothing of Raft or load balancers; it only calls these. `defineArchitecture` fills in what
// most kinds leave at its default, so a factory says only what is particular to it.
import type { Random } from '../core/rng.js';
import type { FailoverRules } from '../metrics/failover.js';
import type { ProtocolNode, ReplyStatus } from '../protocols/node.js';
import type { RaftReplica } from '../protocols/raft/index.js';
import type { Micros, Scenario } from '../scenario/scenario.js';

/** What an architecture may ask of, and tell, the running cluster. */
export interface ClusterView {
  isUp(node: number): boolean;
  /** Clients stop sending to `node`: a health check ejected it, or the clients suspect it. */
  ejected(now: Micros, node: number): void;
}

interface ClientAttempt {
  readonly op: number;
  readonly key: number;
  readonly write: boolean;
  /** The client connection it goes through (0 when the workload has one shared connection). */
  readonly session: number;
}

export interface Architecture extends FailoverRules {
  readonly nodes: readonly ProtocolNode[];
  /** The replication groups, each a list of member nodes (none without a leader). Fault
   *  targets such as `leader` and the `leader` column are about these groups. */
  readonly groups: readonly (readonly number[])[];
  /** There is a leader to measure (leader column, leader_utilization, elections): it has groups. */
  readonly hasLeader: boolean;
  /** Acknowledged writes must survive: acked_writes_lost is checked and must be 0. */
  readonly promisesDurability: boolean;
  /** Reads return versions that can be checked for staleness. */
  readonly versionedReads: boolean;
  /** The node this attempt goes to, or -1 when none can take it (the client backs off). */
  route(now: Micros, attempt: ClientAttempt): number;
  /** An attempt for `key` sent to `node` ended: a reply arrived (with its status) or it timed out (ReplyStatus.TimedOut). */
  attemptEnded(now: Micros, node: number, status: ReplyStatus, value: number, key: number, session: number, write: boolean): void;
  /** Periodic work outside the nodes (a load balancer's health checks); `tickInterval` 0 means none. */
  readonly tickInterval: Micros;
  tick(now: Micros): void;
  /** After the run: every write op in the final committed state (for durability checks). */
  committedWrites(): ReadonlySet<number> | null;
  /** The Raft replicas `node` hosts, by group (undefined: a group it holds no replica of), for
   *  the replay page's log strip and election timers. */
  replicasOf(node: number): readonly (RaftReplica | undefined)[];
}

export interface BuildContext {
  scenario: Scenario;
  /** A random stream for a component label, derived from the run's seed. */
  stream(label: string): Random;
  cluster: ClusterView;
}

export type ArchitectureFactory<S> = (spec: S, ctx: BuildContext) => Architecture;

/** What a factory must say; everything else has a default. */
export type ArchitectureParts = Pick<Architecture, 'nodes' | 'route'> & Partial<Omit<Architecture, 'nodes' | 'route' | 'hasLeader'>>;

/** The architecture with defaults: no groups (so no leader; a failover ends when clients leave
 *  the dead node), no durability or version promises, no periodic work, nothing to learn from
 *  replies, no Raft replicas. With groups, a failover ends at the new leader's first committed
 *  write. */
export function defineArchitecture(parts: ArchitectureParts): Architecture {
  const groups = parts.groups ?? [];
  return {
    groups,
    hasLeader: groups.length > 0,
    failoverEnd: groups.length > 0 ? 'commit' : 'ejected',
    promisesDurability: false,
    versionedReads: false,
    tickInterval: 0,
    tick: () => {},
    attemptEnded: () => {},
    committedWrites: () => null,
    replicasOf: () => NO_REPLICAS,
    ...parts,
  };
}

const NO_REPLICAS: readonly RaftReplica[] = [];

/** `n` nodes with ids 0..n-1, all members of the one group. */
export const oneGroup = (n: number): number[][] => [Array.from({ length: n }, (_, i) => i)];
