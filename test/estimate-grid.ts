// The test sweep the event estimate is held to (sim/scenario/event-model*.test.ts): every kind
// over N = 3, 31, 301 and 1000 nodes, open and closed loops, light and saturated, each run for one
// simulated second. Saturating a kind whose capacity grows with N takes a slower CPU (stateless-lb,
// leaderless-quorum) or few shards (sharded-raft), so that every case stays small.
import { expect, it } from 'vitest';
import { runOnce } from '../sim/engine/run.js';
import { costOf } from '../sim/scenario/budget.js';
import { parseScenarioText } from '../sim/scenario/load.js';
import type { ArchitectureKind } from '../sim/architectures/registry.js';

export const ESTIMATE_BAND = [0.5, 3] as const;

const LOADS = {
  'open-light': '{ kind: poisson, rate: 100/s }',
  'open-saturated': '{ kind: poisson, rate: 6000/s }',
  'closed-light': '{ kind: closed, clients: 5, think: 100ms }',
  'closed-saturated': '{ kind: closed, clients: 200, think: 0ms }',
} as const;

const CAPACITY_GROWS_WITH_N = new Set<ArchitectureKind>(['stateless-lb', 'leaderless-quorum']);

export function gridScenario(kind: ArchitectureKind, nodes: number, load: keyof typeof LOADS): string {
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

/** The estimate over the events the run really processed. */
export function estimateRatio(text: string): { ratio: number; events: number; estimate: number } {
  const [run] = parseScenarioText(text, 'grid.yaml', {}, { maxEvents: 1e12 }).runs;
  const { events } = runOnce(run, 0);
  const estimate = costOf(run.scenario).events;
  return { ratio: estimate / events, events, estimate };
}

/** One test per kind: every size and load, the band asserted, the ratios printed. */
export function estimateGridTests(kinds: readonly ArchitectureKind[]): void {
  for (const kind of kinds)
    it(`${kind}: the estimate is within ${ESTIMATE_BAND.join('–')}× of the events a run processes`, () => {
      const rows: string[] = [];
      const outside: string[] = [];
      for (const nodes of [3, 31, 301, 1000])
        for (const load of Object.keys(LOADS) as (keyof typeof LOADS)[]) {
          const { ratio, events } = estimateRatio(gridScenario(kind, nodes, load));
          const row = `${kind} N=${nodes} ${load}: ${ratio.toFixed(2)}× of ${events} events`;
          rows.push(row);
          if (ratio < ESTIMATE_BAND[0] || ratio > ESTIMATE_BAND[1]) outside.push(row);
        }
      console.log(rows.join('\n'));
      expect(outside).toEqual([]);
    }, 120_000);
}
