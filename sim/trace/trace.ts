// The recorded trace of one run's time window, as the replay page reads it. Flat integer arrays
// (one record = a fixed number of consecutive numbers) keep a few hundred thousand events within
// a few MB of JSON. Times are integer microseconds of simulated time.

/** What a message is, for drawing: one colour per kind. */
export const MSG_KINDS = ['vote', 'append', 'heartbeat', 'request', 'reply', 'qwrite', 'qread', 'lease', 'other', 'relay'] as const;
export type MsgKind = (typeof MSG_KINDS)[number];

/** Role words of the timeline, by index (roles in the trace are indices into this list). */
export const ROLE_NAMES = ['follower', 'candidate', 'leader', 'down', 'serving', 'idle'] as const;
/** The role words of a trace with learners (Raft's non-voting members, drawn apart from the
 *  followers): a Raft trace never uses `idle`, so a learner's follower state takes its place and
 *  the page draws it without a new role index. */
export const LEARNER_ROLE_NAMES = ['follower', 'candidate', 'leader', 'down', 'serving', 'learner'] as const;
export const LEARNER_INDEX = 5;

/** Numbers per record of each flat array. */
export const REC = { role: 5, election: 4, timer: 5, log: 4, msg: 5, client: 5, updown: 3, vote: 8, ejection: 2 } as const;

export interface Trace {
  version: 1;
  scenario: string;
  variant: string;
  kind: string;
  nodes: number;
  /** Replication groups (shards); 1 for a single group, 0 where nothing is replicated by a leader. */
  groups: number;
  seed: number;
  trial: number;
  /** The sweep point, as "key=value, …" (empty without a sweep). */
  point: string;
  from: number;
  to: number;
  hasLeader: boolean;
  /** Nodes keep a Raft log (raft-group, sharded-raft, and the election of active-passive/coordinator). */
  hasLog: boolean;
  roleNames: readonly string[];
  msgKinds: readonly string[];
  /** Message type names (RequestVote, AppendEntriesResp, …) and the kind of each. */
  msgTypes: string[];
  typeKind: number[];
  /** State at `from`. */
  init: {
    up: number[];
    /** node, group, role, term */
    roles: number[];
    /** t, node, last index, commit index */
    logs: number[];
    /** t, node, group, reset at, deadline (election timers at `from`; -1: none) */
    timers: number[];
    /** cut links as pairs a, b (a < b) */
    cuts: number[];
  };
  /** t, node, group, role, term */
  roles: number[];
  /** t, node, group, term: an election round started */
  elections: number[];
  /** t, node, group, reset at, deadline (-1: none — leading or down) — election timers */
  timers: number[];
  /** t, node, last index, commit index (summed over a node's replicas where it hosts several) */
  logs: number[];
  /** depart, flight time (-1: lost or cut on the way), from, to, type */
  msgs: number[];
  /** depart, flight time, node, 0 = request / 1 = reply, status (reply: 0 ok, 1 redirect, 2 unavailable) */
  clients: number[];
  /** t, node, 1 = up / 0 = down */
  updown: number[];
  /** Answers to vote requests, all kept: depart, flight (-1: lost), voter, candidate, group, term,
   *  1 = granted / 0 = refused, 1 = a pre-vote / 0 = a vote. */
  votes: number[];
  /** Votes a candidate needs, per group (empty without elections). */
  quorums: number[];
  /** t, node: clients stopped sending to the node (a health check ejected it). */
  ejections: number[];
  /** The first failover as the run measured it (µs): the fault and when clients were served
   *  again (failovers.csv's fault_at_ms and fault_at_ms + failover_ms); absent if unknown. */
  failover?: { at: number; end: number };
  faults: { t: number; label: string }[];
  /** From t on, these links are cut (pairs a, b; empty = healed). */
  cuts: { t: number; pairs: number[] }[];
  /** Thinning: 1 in `every` messages of the busy kinds (not votes) is kept; same for client traffic. */
  thinned: { msgEvery: number; clientEvery: number; msgsSeen: number; clientsSeen: number };
}
