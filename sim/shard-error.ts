// The shard error on its own, so that the CLI's error handling can recognise it without
// loading the shard codec (and zod with it) on every start.

/** A shard error is bad input (a wrong --shard, a missing or foreign shard file). */
export class ShardError extends Error {}
