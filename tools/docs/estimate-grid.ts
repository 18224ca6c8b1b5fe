// The grid the event estimate is held to (sim/scenario/event-model*.test.ts) and quoted from
// (the README's budget section, through `npm run docs`): every kind over N = 3, 31, 301 and 1000
// nodes, open and closed loops, light and saturated, each run for one simulated second.
// Saturating a kind whose capacity grows with N takes a slower CPU (stateless-lb,
// leaderless-quorum) or few shards (sharded-raft), so that every case stays small.
import { runOnce } from '../../sim/engine/run.js';
import type { ArchitectureKind } from '../../sim/architectures/registry.js';
import { costOf } from '../../sim/scenario/budget.js';
import { parseScenarioText } from '../../sim/scenario/load.js';
import type { Row } from './quotes.js';

/** The estimate over the events a run really processes must stay in this band. */
export const ESTIMATE_BAND = [0.5, 3] as const;

const GRID_NODES = [3, 31, 301, 1000] as const;

const LOADS = {
  'open-light': '{ kind: poisson, rate: 100/s }',
  'open-saturated': '{ kind: poisson, rate: 6000/s }',
  'closed-light': '{ kind: closed, clients: 5, think: 100ms }',
  'closed-saturated': '{ kind: closed, clients: 200, think: 0ms }',
} as const;

type GridLoad = keyof typeof LOADS;
const GRID_LOADS = Object.keys(LOADS) as GridLoad[];

const CAPACITY_GROWS_WITH_N = new Set<string>(['stateless-lb', 'leaderless-quorum']);

function gridScenario(kind: ArchitectureKind, nodes: number, load: GridLoad): string {
  const saturated = load.endsWith('saturated');
  const service = !saturated ? '100us' : CAPACITY_GROWS_WITH_N.has(kind) ? `${Math.round((1000 * nodes) / 3)}us` : '1ms';
  const shards = saturated && kind === 'sharded-raft' ? ', shards: 3' : '';
  return [
    `architecture: { kind: ${kind}, nodes: ${nodes}${shards} }`,
    'duration: 1s',
    'warmup: 0s',
    `cpu: { service: { dist: exponential, mean: ${service} } }`,
    `workload: { arrival: ${LOADS[load]} }`,
  ].join('\n');
}

export interface GridCase {
  kind: ArchitectureKind;
  nodes: number;
  load: GridLoad;
  /** Engine events the run processed, and the estimate of them before it ran. */
  events: number;
  estimate: number;
  ratio: number;
}

/** Runs one case of the grid (trial 0). */
function gridCase(kind: ArchitectureKind, nodes: number, load: GridLoad): GridCase {
  const [run] = parseScenarioText(gridScenario(kind, nodes, load), 'grid.yaml', {}, { maxEvents: 1e12 }).runs;
  const { events } = runOnce(run, 0);
  const estimate = costOf(run.scenario).events;
  return { kind, nodes, load, events, estimate, ratio: estimate / events };
}

/** Every case of one kind. */
export const kindGrid = (kind: ArchitectureKind): GridCase[] =>
  GRID_NODES.flatMap((nodes) => GRID_LOADS.map((load) => gridCase(kind, nodes, load)));

/** One row per kind for the docs: `variant` the kind, `ratio_min` and `ratio_max` over its cases. */
export function bandRows(kinds: readonly ArchitectureKind[]): Row[] {
  return kinds.map((kind) => {
    const ratios = kindGrid(kind).map((c) => c.ratio);
    return { variant: kind, ratio_min: String(Math.min(...ratios)), ratio_max: String(Math.max(...ratios)), cases: String(ratios.length) };
  });
}
