// Defaults of scenario keys that more than one module reads: those one architecture borrows
// from another without exposing the keys itself (coordinator's front is stateless-lb's balancer
// with its health checks, and active-passive and coordinator elect through raft-group's log),
// and the defaults of mappings a sweep or --set may reach into. The schema fills scenario files
// from these and nothing else writes the numbers. Written as in a file ('1s'); this module has no
// zod, so the simulator's workers can read it without loading the schema.

/** stateless-lb's `healthCheck`. */
export const HEALTH_CHECK_DEFAULTS = { interval: '1s', unhealthyAfter: 3 } as const;

/** raft-group's (and sharded-raft's) batching: entries per AppendEntries, and batches in flight. */
export const BATCHING_DEFAULTS = { maxBatch: 64, pipeline: 4 } as const;

/** Defaults of the mappings that have a `kind` or `dist` (and of the one tuple), as written in a
 * file. A sweep or --set that reaches into one the file left out starts from this default, so
 * `sweep: { workload.arrival.rate: [...] }` keeps the default Poisson arrivals. */
export const WRITTEN_DEFAULTS: Readonly<Record<string, unknown>> = {
  'architecture.electionTimeout': ['150ms', '300ms'],
  'network.delay': { dist: 'lognormal', median: '500us', p99: '2ms' },
  'cpu.service': { dist: 'exponential', mean: '100us' },
  'workload.arrival': { kind: 'poisson', rate: '1000/s' },
  'workload.keys': { dist: 'uniform' },
};
