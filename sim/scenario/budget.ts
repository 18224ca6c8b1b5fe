// Budgets: what a run will ask of the machine, estimated from its keys alone — before anything
// is built — so that a value that passes validation cannot run out of memory or run for hours by
// accident. Each estimate is an upper-bound-minded count (messages as if nothing were batched),
// checked against a limit; a refusal names the key, the estimate and the limit. The limits and
// how to go beyond them are in the README ("What leadsim will and won't touch").
import { descriptorOf } from '../architectures/registry.js';
import type { DistSpec, Scenario } from './scenario.js';
import { formatDuration as fmt } from './units.js';

const DEFAULT_BUCKET = 100_000;

export const LIMITS = {
  /** Variants × sweep points in one file: each is validated on its own. */
  runs: 10_000,
  /** Runs × trials: every result stays in memory until the report is written. */
  tasks: 100_000,
  /** Time buckets of one run (duration / bucket): kept per run, and a row each in timeseries.csv. */
  bucketsPerRun: 1_000_000,
  /** Rows of timeseries.csv: buckets × runs × trials. */
  timeseriesRows: 10_000_000,
  /** Client operations of one run: each is kept (about 80 bytes) until the run ends. */
  arrivalsPerRun: 10_000_000,
  /** Engine events of one run (estimated, typically 1.5–3 times the real count): 0.3–1 million a
   *  second on a busy two-core machine, so at most about ten minutes. */
  eventsPerRun: 500_000_000,
  /** Engine events of one command (every run × trial): at most about an hour on two cores. */
  eventsPerCommand: 5_000_000_000,
  /** Crashes and recoveries of random faults in one run: each is planned up front. */
  faultActionsPerRun: 1_000_000,
  /** A zipf key table: 8 bytes a key, built for every run. */
  zipfKeys: 10_000_000,
  /** Raft replicas of a sharded-raft (shards × replication): each a state machine with a log. */
  replicas: 100_000,
} as const;

/** Engine events per client operation (arrival, delivery, CPU, reply, timeout) and per message
 * (send CPU, delivery, receive CPU, a timer reset). On the bundled scenarios the estimate is 1.4 to
 * 3 times the events counted (25 for a saturated closed loop, whose rate it cannot know). */
const EVENTS_PER_OP = 6;
const EVENTS_PER_MESSAGE = 4;

export interface RunCost {
  buckets: number;
  arrivals: number;
  /** Node-to-node messages: per request, and periodic (heartbeats, health checks). */
  requestMessages: number;
  periodicMessages: number;
  events: number;
  faultActions: number;
  zipfKeys: number;
  replicas: number;
}

const seconds = (micros: number) => micros / 1e6;

/** A typical value of a duration distribution, in µs (its mean or median). */
function typical(d: DistSpec): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
    case 'normal':
      return d.mean;
    case 'lognormal':
      return d.median;
    case 'pareto':
      return d.scale;
  }
}

/** What one run (one trial) of this scenario costs. */
export function costOf(s: Scenario): RunCost {
  const duration = seconds(s.duration);
  const arrival = s.workload.arrival;
  const arrivals = arrival.kind === 'poisson' ? arrival.ratePerSecond * duration : closedLoopRate(s) * duration;
  const cost = descriptorOf(s.architecture.kind).cost;
  const { perRequest, perSecond } = cost.messageRates(s.architecture);
  const requestMessages = arrivals * perRequest;
  const periodicMessages = perSecond * duration;
  const faultActions = s.faults.reduce(
    (sum, f) => sum + (f.type === 'random' ? (2 * s.architecture.nodes * s.duration) / (f.mtbf + f.mttr) : 2),
    0,
  );
  return {
    buckets: Math.ceil(s.duration / s.bucket),
    arrivals,
    requestMessages,
    periodicMessages,
    events: EVENTS_PER_OP * arrivals + EVENTS_PER_MESSAGE * (requestMessages + periodicMessages) + faultActions,
    faultActions,
    zipfKeys: s.workload.keys.dist === 'zipf' ? s.workload.keys.count : 0,
    replicas: cost.replicas?.(s.architecture) ?? 0,
  };
}

/** Requests per second of closed-loop clients: each sends at most one per think time plus a round
 * trip, and together no faster than the nodes that serve requests can serve them. */
function closedLoopRate(s: Scenario): number {
  const arrival = s.workload.arrival;
  if (arrival.kind !== 'closed') return 0;
  const cycle = Math.max(1, arrival.think + 2 * typical(s.network.delay) + typical(s.cpu.service));
  const serving = descriptorOf(s.architecture.kind).cost.servingNodes(s.architecture);
  const capacity = (serving * 1e6) / Math.max(1, typical(s.cpu.service));
  return Math.min((arrival.clients * 1e6) / cycle, capacity);
}

/** A budget a run exceeds: the key to blame (a path into the run), and the message after it. */
export interface Overrun {
  path: (string | number)[];
  message: string;
}

const count = (n: number) => (n >= 1e6 ? n.toExponential(1).replace('e+', 'e') : String(Math.round(n)));

/** The first per-run budget this run exceeds, or undefined. */
export function runOverrun(s: Scenario): Overrun | undefined {
  const cost = costOf(s);
  const over = (estimate: number, limit: number) => estimate > limit;
  if (over(cost.buckets, LIMITS.bucketsPerRun)) {
    // blame the duration when even the default bucket would be too fine for it
    const tooLong = s.duration / DEFAULT_BUCKET > LIMITS.bucketsPerRun;
    return {
      path: [tooLong ? 'duration' : 'bucket'],
      message:
        `makes ${count(cost.buckets)} time buckets per run (duration ${fmt(s.duration)} / bucket ${fmt(s.bucket)}); at most ${count(LIMITS.bucketsPerRun)}: ` +
        (tooLong
          ? `a run may last at most ${fmt(LIMITS.bucketsPerRun * s.bucket)} with this bucket`
          : `use a bucket of at least ${fmt(Math.ceil(s.duration / LIMITS.bucketsPerRun))}`),
    };
  }
  if (over(cost.zipfKeys, LIMITS.zipfKeys))
    return {
      path: ['workload', 'keys', 'count'],
      message: `a zipf table of ${count(cost.zipfKeys)} keys takes ${count(cost.zipfKeys * 8)} bytes per run; at most ${count(LIMITS.zipfKeys)} keys (a larger table changes little: the tail is hardly ever drawn)`,
    };
  if (over(cost.replicas, LIMITS.replicas))
    return {
      path: ['architecture', 'shards'],
      message: `makes ${count(cost.replicas)} Raft replicas (shards × replication); at most ${count(LIMITS.replicas)} fit in memory`,
    };
  const randomAt = s.faults.findIndex((f) => f.type === 'random');
  if (over(cost.faultActions, LIMITS.faultActionsPerRun) && randomAt >= 0)
    return {
      path: ['faults', randomAt, 'random', 'mtbf'],
      message: `makes ~${count(cost.faultActions)} crashes and recoveries per run (nodes × duration / (mtbf + mttr)); at most ${count(LIMITS.faultActionsPerRun)}: use a longer mtbf`,
    };
  const arrivalKey = s.workload.arrival.kind === 'poisson' ? 'rate' : 'clients';
  if (over(cost.arrivals, LIMITS.arrivalsPerRun))
    return {
      path: ['workload', 'arrival', arrivalKey],
      message: `makes ~${count(cost.arrivals)} requests per run (over duration ${fmt(s.duration)}); at most ${count(LIMITS.arrivalsPerRun)} are kept in memory: lower the rate or shorten the run`,
    };
  if (over(cost.events, LIMITS.eventsPerRun)) {
    const periodic = cost.periodicMessages > cost.requestMessages;
    const path = periodic ? periodicKey(s) : ['workload', 'arrival', arrivalKey];
    return {
      path,
      message: `makes ~${count(cost.events)} events per run (requests + ${periodic ? 'heartbeats and health checks' : 'messages'} over duration ${fmt(s.duration)}); at most ${count(LIMITS.eventsPerRun)} (about ten minutes) per run: ${periodic ? 'use a longer period, fewer nodes or a shorter run' : 'lower the load or shorten the run'}`,
    };
  }
  return undefined;
}

function periodicKey(s: Scenario): (string | number)[] {
  return descriptorOf(s.architecture.kind).cost.periodicKey?.(s.architecture) ?? ['architecture', 'heartbeat'];
}

export { count as formatCount };

/** Budgets of a whole file: runs × trials, rows of timeseries.csv, and the events of every run ×
 * trial, of which one command does `1 / shards` (a `leadsim sweep --shard K/N` does its share). */
export function fileOverrun(runs: readonly Scenario[], trials: number, shards = 1): Overrun | undefined {
  const blame: (string | number)[] = trials > 1 || runs.length === 1 ? ['trials'] : ['sweep'];
  const what = `${runs.length} run(s) × ${trials} trial(s)`;
  const tasks = runs.length * trials;
  if (tasks > LIMITS.tasks)
    return { path: blame, message: `makes ${what} = ${count(tasks)}; at most ${count(LIMITS.tasks)} results fit in memory` };
  const costs = runs.map(costOf);
  const rows = costs.reduce((sum, c) => sum + c.buckets, 0) * trials;
  if (rows > LIMITS.timeseriesRows)
    return {
      path: blame,
      message: `makes ${count(rows)} rows of timeseries.csv (${what} × time buckets); at most ${count(LIMITS.timeseriesRows)}: use a longer bucket or fewer trials`,
    };
  const events = (costs.reduce((sum, c) => sum + c.events, 0) * trials) / shards;
  if (events > LIMITS.eventsPerCommand)
    return {
      path: blame,
      message:
        `makes ~${count(events)} events (${what}${shards > 1 ? `, 1/${shards} of them in this shard` : ''}); ` +
        `at most ${count(LIMITS.eventsPerCommand)} (about an hour) per command: split it with leadsim sweep FILE --shard K/N ` +
        `(every shard gets this budget) and leadsim merge`,
    };
  return undefined;
}
