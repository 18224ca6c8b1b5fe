// The maths kinds' event models share (each kind's `cost` in its kind.ts; the budget adds the
// clients' own events and the run's length in sim/scenario/event-model.ts). An engine event is
// one pop of the event queue:
//   - a node-to-node message is 2 (delivery, the receiver's CPU job); a timer 2; an fsync 2
//     (its completion, then the job that hears of it); a deferred step (Raft's Ready) 1;
//   - batching: a Raft leader's Ready step sends each follower one AppendEntries with everything
//     it lacks, so its replication rounds per second are what its CPU leaves for them — each
//     round costs it (sending and hearing back) 2·perMessage per follower — and no more than
//     one per write (at least one per maxBatch writes);
//   - heartbeats: 4 events per follower per interval, and each follower's election timer;
//   - elections: a vote round per candidate, fitted to runs of 31 to 1000 nodes.
// A new kind writes its `cost` from these; sim/scenario/event-model*.test.ts holds every
// kind's estimate within 0.5–3× of real runs.
import { BATCHING_DEFAULTS } from '../scenario/defaults.js';
import type { ElectionOptions } from '../scenario/scenario.js';
import type { ModelCosts } from './kind.js';

export const EVENTS_PER_MESSAGE = 2;
export const EVENTS_PER_FSYNC = 2;
/** Followers one Raft Ready step serves (sim/protocols/raft/replication.ts). */
const FOLLOWERS_PER_STEP = 8;

/** How many a second, one every `micros`. */
export const perSecond = (micros: number) => 1e6 / Math.max(1, micros);

/** fsyncs a second of a node asked to persist `rate` times a second: one at a time, each covering what was asked before it. */
const fsyncs = (rate: number, c: ModelCosts) => (c.fsync > 0 ? Math.min(rate, perSecond(c.fsync)) : rate);

/** Heartbeat events a second of a group of `members`: the leader's timer, each follower's
 *  heartbeat and answer, and each follower's election timer, which wakes once per timeout to
 *  find it was reset meanwhile. */
export const heartbeatEvents = (members: number, t: ElectionOptions) =>
  ((2 + 2 * EVENTS_PER_MESSAGE * (members - 1)) * 1e6) / Math.max(1, t.heartbeat) +
  ((members - 1) * 2 * 1e6) / Math.max(1, (t.electionTimeout[0] + t.electionTimeout[1]) / 2);

/** Events of one election in a group of `members`: its vote rounds (in a large group several
 *  candidates stand before the first winner's heartbeats reach everyone), the new leader's first
 *  round, the clients' timeouts and retries around it. Fitted to runs of 31 to 1000 nodes. */
export const electionEvents = (members: number) => 12 * members + 0.05 * members * members + 50;

/** A crash or recovery where nothing is elected: clients time out and retry (a kind's default). */
export const LEADERLESS_FAULT_EVENTS = 50;

/** Until the boot's first election ends: about a mean election timeout (µs). */
export const firstElection = (t: ElectionOptions) => (t.electionTimeout[0] + t.electionTimeout[1]) / 2;

/** A kind that elects one leader among its `nodes`: an election at boot and one per crash or recovery. */
export const ONE_ELECTED_GROUP = {
  startupEvents: (spec: { nodes: number }) => electionEvents(spec.nodes),
  faultEvents: (spec: { nodes: number }) => electionEvents(spec.nodes),
  leaderlessAtBoot: firstElection,
};

interface RaftTiming extends ElectionOptions {
  maxBatch: number;
}

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

/** Rounds a second a Raft leader affords: what its CPU leaves after `busy` (a fraction) and
 *  heartbeats, at 2·perMessage per follower and round (the AppendEntries out, the answer in). */
export function leaderRounds(followers: number, busy: number, c: ModelCosts, heartbeat: number): number {
  const perRound = 2 * followers * c.perMessage;
  const free = Math.max(0, 1 - busy - perRound / Math.max(1, heartbeat));
  return (free * 1e6) / Math.max(1, perRound);
}

/** A Raft commit: the leader's fan-out to half its followers, their fsync, and back (µs). */
export const raftCommitLatency = (members: number, c: ModelCosts) => 2 * c.delay + c.fsync + (members / 2) * c.perMessage;

/** One Raft group of `members` whose leader serves `served` ops a second and replicates each:
 *  its CPU serves them and sends every entry to each follower, and batches with what is left. */
export function raftLeaderEvents(members: number, served: number, c: ModelCosts, t: RaftTiming): number {
  const busy = (served * (c.service + (members - 1) * c.perEntry)) / 1e6;
  return raftGroupEvents(members, served, leaderRounds(members - 1, busy, c, t.heartbeat), c, t);
}

/** The log an elected kind replicates its own state through (active-passive's and coordinator's
 *  elections go through raft-group's log, with its default batching). */
export const electionLog = (spec: ElectionOptions): RaftTiming => ({ ...spec, maxBatch: BATCHING_DEFAULTS.maxBatch });
