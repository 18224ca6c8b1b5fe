// Defaults of scenario keys that one architecture borrows from another without exposing the
// keys itself: coordinator's front is stateless-lb's balancer with its health checks, and
// active-passive and coordinator elect through raft-group's log. The schema fills scenario files
// from these and nothing else writes the numbers. Written as in a file ('1s'); this module has no
// zod, so the simulator's workers can read it without loading the schema.

/** stateless-lb's `healthCheck`. */
export const HEALTH_CHECK_DEFAULTS = { interval: '1s', unhealthyAfter: 3 } as const;

/** raft-group's (and sharded-raft's) batching: entries per AppendEntries, and batches in flight. */
export const BATCHING_DEFAULTS = { maxBatch: 64, pipeline: 4 } as const;
