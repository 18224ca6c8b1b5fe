// The engine events a run will process, estimated from the model before anything is built. An
// engine event is one pop of the event queue; what the model knows decides how many there are:
//   - a client op is about 4 (arrival or think, delivery, the CPU job, the reply);
//   - a node-to-node message is 2 (delivery, the receiver's CPU job); a timer 2; an fsync 2
//     (its completion, then the job that hears of it); a deferred step (Raft's Ready) 1;
//   - batching: a Raft leader's Ready step sends each follower one AppendEntries with everything
//     it lacks, so its replication rounds per second are what its CPU leaves for them — each
//     round costs it (sending and hearing back) 2·perMessage per follower — and no more than
//     one per write (at least one per maxBatch writes);
//   - heartbeats: 4 events per follower per interval; health checks one tick per interval;
//   - a closed loop or an overloaded open loop pushes no more through than the kind's
//     capacity (capacity_ops_s for leader kinds, every CPU together for the others); what an
//     open loop offers beyond it still arrives and is refused or times out.
// One small function per kind (`KIND_EVENT_MODELS`); sim/scenario/budget.test.ts holds the
// estimate within 0.5–3× of real runs of every kind from 3 to 1000 nodes.
import { capacityOpsPerSecond } from '../architectures/registry.js';
import { meanOf } from '../core/distributions.js';
import { BATCHING_DEFAULTS } from './defaults.js';
import type { ArchitectureKind, ArchitectureSpec } from '../architectures/registry.js';
import type { Scenario } from './scenario.js';

/** The costs every kind's model reads (µs), from the scenario's keys. */
export interface ModelCosts {
  service: number;
  perMessage: number;
  perEntry: number;
  /** Mean fsync, 0 without a disk. */
  fsync: number;
  /** Mean one-way network delay. */
  delay: number;
  /** Fraction of ops that write. */
  writes: number;
}

/** What a kind's model says about one run's steady state. */
export interface KindEventModel<S extends ArchitectureSpec> {
  /** Ops a second the kind can serve at most. */
  capacity(spec: S, c: ModelCosts, scenario: Scenario): number;
  /** What an op spends between the node that takes it and its reply, beyond the CPU (µs). */
  innerLatency(spec: S, c: ModelCosts): number;
  /** Events a second of the nodes' own work (messages, timers, fsyncs) at `served` ops a second. */
  nodeEvents(spec: S, c: ModelCosts, served: number): number;
  /** An open loop's ops beyond capacity are refused at once (4 events), not queued to time out. */
  refusesOverload(spec: S): boolean;
  /** Events of the elections at boot (every group elects its first leader). */
  startupEvents(spec: S): number;
  /** Events of one crash or recovery: the failover it causes, if any. */
  faultEvents(spec: S): number;
}

type Spec<K extends ArchitectureKind> = Extract<ArchitectureSpec, { kind: K }>;

const CLIENT_EVENTS_PER_OP = 4;
const EVENTS_PER_MESSAGE = 2;
const EVENTS_PER_FSYNC = 2;
/** Followers one Raft Ready step serves (sim/protocols/raft/replication.ts). */
const FOLLOWERS_PER_STEP = 8;

const perSecond = (micros: number) => 1e6 / Math.max(1, micros);

/** fsyncs a second of a node asked to persist `rate` times a second: one at a time, each covering what was asked before it. */
const fsyncs = (rate: number, c: ModelCosts) => (c.fsync > 0 ? Math.min(rate, perSecond(c.fsync)) : rate);

/** Heartbeat events a second of a group of `members`: the leader's timer, each follower's
 *  heartbeat and answer, and each follower's election timer, which wakes once per timeout to
 *  find it was reset meanwhile. */
const heartbeatEvents = (members: number, t: ElectionTiming) =>
  ((2 + 2 * EVENTS_PER_MESSAGE * (members - 1)) * 1e6) / Math.max(1, t.heartbeat) +
  ((members - 1) * 2 * 1e6) / Math.max(1, (t.electionTimeout[0] + t.electionTimeout[1]) / 2);

/** Events of one election in a group of `members`: its vote rounds (in a large group several
 *  candidates stand before the first winner's heartbeats reach everyone), the new leader's first
 *  round, the clients' timeouts and retries around it. Fitted to runs of 31 to 1000 nodes. */
const electionEvents = (members: number) => 12 * members + 0.05 * members * members + 50;

/** The events of a crash or recovery where nothing is elected: clients time out and retry. */
const LEADERLESS_FAULT_EVENTS = 50;

/**
 * One Raft group of `members` replicating `entries` log entries a second, when its leader's CPU
 * affords `cpuRounds` replication rounds a second: one round per entry while it can, then as
 * many as it affords (batching), but at least one per maxBatch entries.
 */
export function raftGroupEvents(members: number, entries: number, cpuRounds: number, c: ModelCosts, opts: RaftTiming): number {
  const followers = members - 1;
  const heartbeats = heartbeatEvents(members, opts);
  if (followers === 0 || entries <= 0) return heartbeats + EVENTS_PER_FSYNC * fsyncs(entries, c);
  const rounds = Math.max(Math.min(entries, cpuRounds), entries / opts.maxBatch);
  // per follower and round: the AppendEntries, the answer and an fsync (fewer on a slow disk);
  // the leader's Ready steps, and its own fsyncs
  const perRound = followers * 2 * EVENTS_PER_MESSAGE + Math.ceil(followers / FOLLOWERS_PER_STEP);
  return heartbeats + rounds * perRound + EVENTS_PER_FSYNC * (followers * fsyncs(rounds, c) + fsyncs(entries, c));
}

interface ElectionTiming {
  heartbeat: number;
  electionTimeout: readonly [number, number];
}

interface RaftTiming extends ElectionTiming {
  maxBatch: number;
}

/** Rounds a second a Raft leader affords: what its CPU leaves after `busy` (a fraction) and
 *  heartbeats, at 2·perMessage per follower and round (the AppendEntries out, the answer in). */
function leaderRounds(followers: number, busy: number, c: ModelCosts, heartbeat: number): number {
  const perRound = 2 * followers * c.perMessage;
  const free = Math.max(0, 1 - busy - perRound / Math.max(1, heartbeat));
  return (free * 1e6) / Math.max(1, perRound);
}

/** A Raft commit: the leader's fan-out to half its followers, their fsync, and back. */
const raftCommitLatency = (members: number, c: ModelCosts) => 2 * c.delay + c.fsync + (members / 2) * c.perMessage;

/** The share of a leader's CPU its ops take: serving each, and sending its entry to every follower. */
const leaderBusy = (served: number, members: number, c: ModelCosts) => (served * (c.service + (members - 1) * c.perEntry)) / 1e6;

/** A group of `members` whose leader serves `served` ops a second and replicates `entries`. */
const oneGroup = (members: number, served: number, entries: number, c: ModelCosts, t: RaftTiming) =>
  raftGroupEvents(members, entries, leaderRounds(members - 1, leaderBusy(served, members, c), c, t.heartbeat), c, t);

const COORDINATOR_SATURATION = 0.5;

const leaderCapacity = (_spec: ArchitectureSpec, _c: ModelCosts, s: Scenario) => capacityOpsPerSecond(s) ?? Infinity;

/** The coordinator's node is also one of the servers: its CPU serves its share of the ops and
 *  every lease, which binds before capacity_ops_s's bound when the fleet is small. Its clients
 *  and the lease requests share one FIFO, and past saturation requests wait out their deadline
 *  in it: measured, such a node gets through about half of what its CPU bound allows. */
const coordinatorCapacity = (a: Spec<'coordinator'>, c: ModelCosts, s: Scenario) => {
  const perOp = c.service / a.nodes + (2 * c.perMessage + (a.nodes - 1) * c.perEntry) / a.batch;
  const heartbeats = (2 * (a.nodes - 1) * c.perMessage) / Math.max(1, a.heartbeat);
  return Math.min(leaderCapacity(a, c, s), (COORDINATOR_SATURATION * Math.max(0, 1 - heartbeats) * 1e6) / perOp);
};

const leaderless = { startupEvents: () => 0, faultEvents: () => LEADERLESS_FAULT_EVENTS };
const oneElectedGroup = {
  startupEvents: (a: { nodes: number }) => electionEvents(a.nodes),
  faultEvents: (a: { nodes: number }) => electionEvents(a.nodes),
};

export const KIND_EVENT_MODELS: { [K in ArchitectureKind]: KindEventModel<Spec<K>> } = {
  'stateless-lb': {
    capacity: (a, c) => a.nodes * perSecond(c.service),
    innerLatency: () => 0,
    nodeEvents: (a) => perSecond(a.healthCheck.interval),
    refusesOverload: () => false,
    ...leaderless,
  },
  'active-passive': {
    capacity: leaderCapacity,
    innerLatency: () => 0,
    nodeEvents: (a) => heartbeatEvents(a.nodes, a),
    refusesOverload: () => false,
    ...oneElectedGroup,
  },
  coordinator: {
    capacity: coordinatorCapacity,
    innerLatency: (a, c) => (2 * c.delay + raftCommitLatency(a.nodes, c)) / a.batch,
    nodeEvents: (a, c, served) => {
      const leases = served / a.batch;
      // a lease request and its grant, the server's lease timer, and the allocation's replication
      const perLease = 2 * EVENTS_PER_MESSAGE + 2;
      // the coordinator's CPU per lease: the request in, the grant out, the entry to each follower
      const busy = (leases * (2 * c.perMessage + (a.nodes - 1) * c.perEntry)) / 1e6;
      const rounds = leaderRounds(a.nodes - 1, busy, c, a.heartbeat);
      return leases * perLease + raftGroupEvents(a.nodes, leases, rounds, c, { ...a, maxBatch: BATCHING_DEFAULTS.maxBatch });
    },
    refusesOverload: () => false,
    ...oneElectedGroup,
  },
  'raft-group': {
    capacity: leaderCapacity,
    innerLatency: (a, c) => raftCommitLatency(a.nodes, c),
    nodeEvents: (a, c, served) => oneGroup(a.nodes, served, served, c, a),
    refusesOverload: (a) => a.maxPending > 0,
    ...oneElectedGroup,
  },
  'sharded-raft': {
    capacity: leaderCapacity,
    innerLatency: (a, c) => raftCommitLatency(a.replication, c),
    nodeEvents: (a, c, served) => {
      // node j leads about shards/nodes groups and follows (replication − 1) times as many; its
      // one CPU serves its share of the ops and every round of all of them
      const led = a.shards / a.nodes;
      const followers = a.replication - 1;
      const busy = (served / Math.min(a.shards, a.nodes)) * (c.service + followers * c.perEntry) * 1e-6;
      const hearts = (4 * led * followers * c.perMessage) / Math.max(1, a.heartbeat);
      const free = Math.max(0, 1 - busy - hearts);
      const cpuRounds = (free * 1e6) / Math.max(1e-9, 4 * Math.max(1, led) * followers * c.perMessage);
      return a.shards * raftGroupEvents(a.replication, served / a.shards, cpuRounds, c, a);
    },
    refusesOverload: (a) => a.maxPending > 0,
    startupEvents: (a) => a.shards * electionEvents(a.replication),
    // a node holds about shards × replication / nodes replicas, each of which may elect
    faultEvents: (a) => Math.max(1, (a.shards * a.replication) / a.nodes) * electionEvents(a.replication),
  },
  'leaderless-quorum': {
    capacity: (a, c) => {
      const others = a.replicas - 1;
      const perOp = c.service + 4 * others * c.perMessage;
      return a.nodes * perSecond(perOp);
    },
    innerLatency: (_a, c) => 2 * c.delay + c.fsync,
    nodeEvents: (a, c, served) => {
      // the coordinator asks the key's other replicas and hears back; a write is persisted on each
      const others = a.replicas - 1;
      const perOp = 2 * EVENTS_PER_MESSAGE * others + c.writes * EVENTS_PER_FSYNC * a.replicas;
      return served * perOp;
    },
    refusesOverload: () => false,
    ...leaderless,
  },
};

function modelOf<K extends ArchitectureKind>(kind: K): KindEventModel<Spec<K>> {
  return KIND_EVENT_MODELS[kind] as KindEventModel<Spec<K>>;
}

export function modelCosts(s: Scenario): ModelCosts {
  return {
    service: meanOf(s.cpu.service),
    perMessage: s.cpu.perMessage,
    perEntry: s.cpu.perEntry,
    fsync: s.disk ? meanOf(s.disk.fsync) : 0,
    delay: meanOf(s.network.delay),
    writes: s.workload.writes,
  };
}

export interface LoadEstimate {
  /** Ops a second the clients offer (a closed loop: as many as it would at light load). */
  offered: number;
  /** Ops a second the nodes serve. */
  served: number;
  /** Engine events a second. */
  events: number;
}

/** Ops and events a second of one run in its steady state. */
export function steadyLoad(s: Scenario): LoadEstimate {
  const a = s.architecture;
  const model = modelOf(a.kind);
  const c = modelCosts(s);
  const capacity = Math.max(0, model.capacity(a as never, c, s));
  const arrival = s.workload.arrival;
  let offered: number;
  if (arrival.kind === 'poisson') offered = arrival.ratePerSecond;
  else {
    const cycle = arrival.think + 2 * c.delay + c.service + model.innerLatency(a as never, c);
    offered = arrival.clients * perSecond(cycle);
  }
  const served = Math.min(offered, capacity);
  // What a loop offers beyond capacity still costs about a client op each: turned away at once,
  // or left to time out (the node's CPU does no more than capacity either way). A closed loop
  // turned away backs off, so it is refused about as often as it is served.
  const beyond = offered - served;
  const unserved = arrival.kind === 'poisson' ? beyond : model.refusesOverload(a as never) ? Math.min(beyond, served) : 0;
  const events = CLIENT_EVENTS_PER_OP * (served + unserved) + model.nodeEvents(a as never, c, served);
  return { offered, served, events };
}

/** Engine events of one run: its steady state over the duration, the boot (every node's start
 *  and the first elections) and what each of `faultActions` crashes and recoveries sets off. */
export function runEvents(s: Scenario, faultActions: number): number {
  const a = s.architecture;
  const model = modelOf(a.kind);
  const boot = a.nodes + model.startupEvents(a as never);
  return steadyLoad(s).events * (s.duration / 1e6) + boot + faultActions * model.faultEvents(a as never);
}
