// The normalized scenario: what the engine runs. The loader turns a scenario file (YAML/JSON,
// durations with units) into these values; every duration here is integer microseconds and
// every rate is per second, so the engine never parses text.

import type { ArchitectureSpec } from '../architectures/registry.js';
import type { AlertCondition } from './alert-condition.js';

/** Simulated time in integer microseconds. */
export type Micros = number;

export type DistSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; median: number; p99: number }
  | { dist: 'pareto'; scale: number; shape: number };

export type BalancerPolicy = 'round-robin' | 'random' | 'least-outstanding' | 'power-of-two';

export interface ElectionOptions {
  electionTimeout: [Micros, Micros];
  heartbeat: Micros;
}

export interface RaftOptions extends ElectionOptions {
  preVote: boolean;
  checkQuorum: boolean;
  leaseReads: boolean;
  /** Most entries one AppendEntries carries. */
  maxBatch: number;
  /** Most AppendEntries in flight to one follower before the leader waits for a reply. */
  pipeline: number;
  /** Most uncommitted entries a leader holds; past it, it answers Busy at once. 0: unbounded. */
  maxPending: number;
  /** The last `learners` members of each group never vote nor campaign and do not count for
   *  commit (Raft's non-voting members). Absent: every member votes. */
  learners?: number;
  /** The first `voters` members of each group vote, the rest are learners: another way to say
   *  `learners: members − voters` (a sweep over nodes keeps the voters). Absent: see learners. */
  voters?: number;
  /** Reads go to any member, served by this rule. Absent: reads go to the leader. */
  followerReads?: FollowerReads;
  /** Followers in this many groups, each reached through one relay per round (PigPaxos). */
  relays?: number;
}

export type FollowerReads = 'read-index' | 'lease' | 'stale';

/** One architecture's keys; each kind's own are in its folder under sim/architectures/. */
export type { ArchitectureSpec } from '../architectures/registry.js';

/** Whom a crash fault hits: a node id, the current leader, a random live node, a shard's leader,
 *  or every node of a zone. */
export type CrashTarget = number | 'leader' | 'random' | { shardLeader: number } | { zone: string };

/** A node in a partition group: an id, or whoever leads when the partition starts. */
export type PartitionMember = number | 'leader';

/** A side of a one-way cut: an id, whoever leads when the cut starts, or every node but that leader. */
export type CutMember = number | 'leader' | 'others';

export type FaultSpec =
  | { type: 'crash'; at: Micros; target: CrashTarget; recoverAfter?: Micros }
  | { type: 'partition'; at: Micros; groups: PartitionMember[][]; healAfter?: Micros }
  | { type: 'slow'; at: Micros; node: number; factor: number; for?: Micros }
  | { type: 'random'; mtbf: Micros; mttr: Micros }
  | { type: 'clockJump'; at: Micros; node: number | 'leader'; by: Micros }
  | { type: 'cut'; at: Micros; from: CutMember[]; to: CutMember[]; healAfter?: Micros };

/** One alert rule: a condition (parsed from its `when:` text), checked every `interval`, that
 *  must hold for `for` to fire; windowed metrics look back over `window`. */
export interface AlertRule {
  name: string;
  when: string;
  condition: AlertCondition;
  for: Micros;
  interval: Micros;
  window: Micros;
}

export type ArrivalSpec = { kind: 'poisson'; ratePerSecond: number } | { kind: 'closed'; clients: number; think: Micros };

export type KeySpec = { dist: 'uniform'; count: number } | { dist: 'zipf'; count: number; s: number };

export interface WorkloadSpec {
  arrival: ArrivalSpec;
  /** Fraction of requests that are writes, 0..1. */
  writes: number;
  keys: KeySpec;
  timeout: Micros;
  retries: { max: number; backoff: Micros };
  /** Independent client connections, each with its own idea of who leads (absent: one, shared by all). */
  sessions?: number;
}

/** Where nodes sit: `of[node]` is its zone's index in `names`; `between[i × zones + j]` the
 *  delay of a message from zone i to zone j ≠ i (symmetric). */
export interface ZoneSpec {
  names: string[];
  of: number[];
  between: DistSpec[];
}

export interface NetworkSpec {
  /** Delay of a message within a zone (everywhere, without zones), and of client messages. */
  delay: DistSpec;
  loss: number;
  zones?: ZoneSpec;
}

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  duration: Micros;
  warmup: Micros;
  bucket: Micros;
  trials: number;
  architecture: ArchitectureSpec;
  network: NetworkSpec;
  cpu: { service: DistSpec; perMessage: Micros; perEntry: Micros };
  disk?: { fsync: DistSpec };
  workload: WorkloadSpec;
  faults: FaultSpec[];
  /** Absent when every clock keeps true time. `drift` is a fraction (200ppm = 0.0002). */
  clocks?: { drift: number };
  /** Absent when the scenario has no `alerts:`. */
  alerts?: AlertRule[];
}

/** One run to execute: a scenario with its variant and sweep point already applied. */
export interface RunSpec {
  scenario: Scenario;
  /** Variant name ('' when the file has no variants: the architecture kind is used in reports). */
  variant: string;
  /** The sweep point as dotted path → value (empty without a sweep). */
  sweepPoint: Record<string, string | number | boolean>;
}
