// How the cost of a simulation grows with the cluster: each kind at N = 3, 31, 301 and 1000
// under the same load (2000 requests/s, half of them writes), run in its own process by the
// bench. What a reader wants to see is the CPU time per engine event staying flat as N grows (a
// bigger cluster makes more events, not dearer ones), or where it does not. A run's fixed part
// (building 1000 nodes, finishing the metrics) would hide that in short runs, so the cost per
// event is the slope between a short and a long run of the same case: (cpu₂ − cpu₁) / (events₂ − events₁).
import { runOnce } from '../sim/engine/run.js';
import { parseScenarioText } from '../sim/scenario/load.js';

export const GROWTH_KINDS = ['raft-group', 'sharded-raft', 'stateless-lb'] as const;
export const GROWTH_SIZES = [3, 31, 301, 1000] as const;
const SHORT_SECONDS = 2;
const LONG_SECONDS = 20;

const architecture: Record<(typeof GROWTH_KINDS)[number], (nodes: number) => string> = {
  'raft-group': (nodes) => `{ kind: raft-group, nodes: ${nodes} }`,
  // one shard a node, three replicas each: every node leads about one shard
  'sharded-raft': (nodes) => `{ kind: sharded-raft, nodes: ${nodes}, shards: ${nodes}, replication: 3 }`,
  'stateless-lb': (nodes) => `{ kind: stateless-lb, nodes: ${nodes}, policy: round-robin }`,
};

export const growthCaseName = (kind: string, nodes: number) => `growth-${kind}-${nodes}`;

/** One run of `seconds` simulated; CPU time measured around the simulation (not start-up). */
function measured(kind: (typeof GROWTH_KINDS)[number], nodes: number, seconds: number): { events: number; cpuMicros: number } {
  const text = `name: ${growthCaseName(kind, nodes)}
duration: ${seconds}s
warmup: 1s
architecture: ${architecture[kind](nodes)}
workload: { arrival: { kind: poisson, rate: 2000/s }, writes: 0.5, timeout: 300ms, retries: { max: 3, backoff: 50ms } }
`;
  const [run] = parseScenarioText(text, `bench:${kind}-${nodes}`).runs;
  const before = process.cpuUsage();
  const { events } = runOnce(run, 0);
  const used = process.cpuUsage(before);
  return { events, cpuMicros: used.user + used.system };
}

export interface Growth {
  events: number;
  eventsPerSimulatedS: number;
  microsPerEvent: number;
}

/** One kind at one size: the short run three times (the first warms up; the cheaper of the other
 *  two counts, as the one least disturbed), then the long one. */
export function growthCase(kind: (typeof GROWTH_KINDS)[number], nodes: number): { events: number; note: string; growth: Growth } {
  measured(kind, nodes, SHORT_SECONDS);
  const [a, b] = [measured(kind, nodes, SHORT_SECONDS), measured(kind, nodes, SHORT_SECONDS)];
  const short = a.cpuMicros <= b.cpuMicros ? a : b;
  const long = measured(kind, nodes, LONG_SECONDS);
  const growth = {
    events: long.events,
    eventsPerSimulatedS: (long.events - short.events) / (LONG_SECONDS - SHORT_SECONDS),
    microsPerEvent: (long.cpuMicros - short.cpuMicros) / (long.events - short.events),
  };
  const note = `${Math.round(growth.eventsPerSimulatedS)} events per simulated s, ${growth.microsPerEvent.toFixed(3)} µs per event`;
  return { events: long.events, note, growth };
}
