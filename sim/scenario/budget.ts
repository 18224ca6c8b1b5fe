// Budgets: what a run will ask of the machine, estimated from its keys alone — before anything
// is built — so that a value that passes validation cannot run out of memory or run for hours by
// accident. Memory budgets are hard limits; the time budget (engine events, estimated from the
// model in event-model.ts) is the user's to raise with --max-events. A refusal names the key,
// the estimate and the limit. The limits and how to go beyond them are in the README ("What
// leadsim will and won't touch").
import { descriptorOf } from '../architectures/registry.js';
import { runEvents, steadyLoad } from './event-model.js';
import type { Scenario } from './scenario.js';
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
  /** Engine events of one run by default (--max-events raises it; estimated within 0.5–3× of
   *  the real count): about ten minutes on a busy two-core machine. A command gets 10 × it. */
  eventsPerRun: 500_000_000,
  /** Crashes and recoveries of random faults in one run: each is planned up front. */
  faultActionsPerRun: 1_000_000,
  /** A zipf key table: 8 bytes a key, built for every run. */
  zipfKeys: 10_000_000,
  /** Raft replicas of a sharded-raft (shards × replication): each a state machine with a log. */
  replicas: 100_000,
} as const;

/** A command's event budget is this many times a run's. */
const COMMAND_BUDGET_FACTOR = 10;

export interface RunCost {
  buckets: number;
  arrivals: number;
  /** Engine events (sim/scenario/event-model.ts): the steady state over the run, plus faults. */
  events: number;
  faultActions: number;
  zipfKeys: number;
  replicas: number;
}

const seconds = (micros: number) => micros / 1e6;

/** What one run (one trial) of this scenario costs. */
export function costOf(s: Scenario): RunCost {
  const duration = seconds(s.duration);
  const arrivals = steadyLoad(s).offered * duration;
  const faultActions = s.faults.reduce(
    (sum, f) => sum + (f.type === 'random' ? (2 * s.architecture.nodes * s.duration) / (f.mtbf + f.mttr) : 2),
    0,
  );
  return {
    buckets: Math.ceil(s.duration / s.bucket),
    arrivals,
    events: runEvents(s, faultActions),
    faultActions,
    zipfKeys: s.workload.keys.dist === 'zipf' ? s.workload.keys.count : 0,
    replicas: descriptorOf(s.architecture.kind).cost.replicas?.(s.architecture) ?? 0,
  };
}

/** A budget a run exceeds: the key to blame (a path into the run), and the message after it. */
export interface Overrun {
  path: (string | number)[];
  message: string;
}

const count = (n: number) => (n >= 1e6 ? n.toExponential(1).replace('e+', 'e') : String(Math.round(n)));

/** The first per-run budget this run exceeds, or undefined; `maxEvents` is the run's event budget (--max-events). */
export function runOverrun(s: Scenario, maxEvents: number = LIMITS.eventsPerRun): Overrun | undefined {
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
  if (over(cost.events, maxEvents))
    return {
      path: ['duration'],
      message: `makes ~${count(cost.events)} engine events per run (estimated; ${roughTime(cost.events)}); the budget is ${count(maxEvents)} per run: raise it with --max-events ${count(nextBudget(cost.events))}, or shorten the run`,
    };
  return undefined;
}

/** Engine events a second on a busy two-core machine, for a rough time (README "Speed"). */
const ROUGH_EVENTS_PER_SECOND = 1e6;

/** "about 3 min" for this many events at ROUGH_EVENTS_PER_SECOND. */
export function roughTime(events: number): string {
  const s = events / ROUGH_EVENTS_PER_SECOND;
  if (s < 1) return 'under a second';
  if (s < 90) return `about ${Math.round(s)} s`;
  if (s < 5400) return `about ${Math.round(s / 60)} min`;
  return `about ${(s / 3600).toFixed(1)} h`;
}

/** A round budget above `events`: 1, 2 or 5 × a power of ten. */
function nextBudget(events: number): number {
  const power = 10 ** Math.floor(Math.log10(events));
  return [1, 2, 5].map((m) => m * power).find((b) => b >= events) ?? 10 * power;
}

export { count as formatCount };

/** Budgets of a whole file: runs × trials, rows of timeseries.csv, and the events of every run ×
 * trial, of which one command does `1 / shards` (a `leadsim sweep --shard K/N` does its share). */
export function fileOverrun(
  runs: readonly Scenario[],
  trials: number,
  shards = 1,
  maxEvents: number = LIMITS.eventsPerRun,
): Overrun | undefined {
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
  const budget = COMMAND_BUDGET_FACTOR * maxEvents;
  if (events > budget)
    return {
      path: blame,
      message:
        `makes ~${count(events)} engine events (${what}${shards > 1 ? `, 1/${shards} of them in this shard` : ''}; estimated, ${roughTime(events)}); ` +
        `the budget of a command is ${count(budget)} (${COMMAND_BUDGET_FACTOR} × --max-events): raise it with --max-events ${count(nextBudget(events / COMMAND_BUDGET_FACTOR))}, ` +
        `or split it with leadsim sweep FILE --shard K/N (every shard gets this budget) and leadsim merge`,
    };
  return undefined;
}
