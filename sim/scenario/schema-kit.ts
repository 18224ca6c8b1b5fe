// What an architecture's keys are written with: zod, the field schemas with their messages, and
// the keys that several kinds share (the election's timing, Raft's options). A kind's
// descriptor receives this kit instead of importing zod, so a worker that only builds and runs
// an architecture never loads the schema code.
import * as z from 'zod';
import { BATCHING_DEFAULTS, HEALTH_CHECK_DEFAULTS, WRITTEN_DEFAULTS } from './defaults.js';
import { bool, duration, intIn } from './fields.js';

export const MAX_NODES = 1000;

/**
 * Uncommitted entries a leader holds before it answers "busy". Past it, a write would wait
 * longer than clients do: a leader commits about maxPending entries per round of sends to its
 * followers, so even with 128 a 1000-node group (about 290 writes/s) commits what it accepted
 * within the default 500 ms timeout, while a 3-node one still fills its followers' pipelines.
 */
const DEFAULT_MAX_PENDING = 64;

/** The keys of every kind that elects a leader. */
const election = {
  electionTimeout: z
    .tuple([duration(), duration()], { error: (iss) => `must be [min, max], e.g. [150ms, 300ms] (got ${JSON.stringify(iss.input)})` })
    .prefault(WRITTEN_DEFAULTS['architecture.electionTimeout'] as [string, string])
    .describe('[min, max]: a follower that hears no leader for a time drawn uniformly from this range campaigns'),
  heartbeat: duration().prefault('50ms').describe('how often a leader tells every follower it is alive'),
};

/** The keys of every kind that replicates client data through a Raft log. */
const raft = {
  ...election,
  preVote: bool()
    .default(false)
    .describe(
      'a node first asks whether it could win, and raises its term only if a majority says yes (no disruption by a node that was cut off)',
    ),
  checkQuorum: bool().default(false).describe('a leader that has not heard from a majority for an election timeout steps down'),
  leaseReads: bool()
    .default(false)
    .describe('the leader answers reads from a lease (a majority heard within the minimum election timeout) without a round trip'),
  maxBatch: intIn(1, 100_000)
    .default(BATCHING_DEFAULTS.maxBatch)
    .describe('most log entries one replication message (AppendEntries; Paxos accept) carries'),
  pipeline: intIn(1, 1000)
    .default(BATCHING_DEFAULTS.pipeline)
    .describe('most replication messages in flight to one follower before the leader waits for a reply'),
  maxPending: intIn(0, 10_000_000)
    .default(DEFAULT_MAX_PENDING)
    .describe('backpressure: a leader holding this many uncommitted proposals answers new requests busy at once; 0: unbounded'),
  learners: intIn(0, MAX_NODES - 1)
    .optional()
    .describe('members (the last of each group) that never vote nor campaign and do not count for commit; default 0'),
  voters: intIn(1, MAX_NODES).optional().describe('instead of learners: the first V members of each group vote, the others are learners'),
  followerReads: z
    .enum(['read-index', 'lease', 'stale'])
    .optional()
    .describe('reads go to any member, served by this rule; default: reads go to the leader'),
  relays: intIn(1, MAX_NODES - 1)
    .optional()
    .describe('raft-group only: groups of followers, each reached through one relay picked per round; default: none'),
};

// Only the zod functions kinds use, named one by one: holding the whole namespace as a value
// would keep all of zod (its locales too) in every bundle that builds the schema.
const zod = { enum: z.enum, strictObject: z.strictObject };

export const schemaKit = { z: zod, bool, duration, intIn, MAX_NODES, HEALTH_CHECK_DEFAULTS, election, raft } as const;
export type SchemaKit = typeof schemaKit;
