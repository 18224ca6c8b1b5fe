// The leader bottleneck against its closed form, on the bundled scenarios: a saturated group
// reaches most of its analytic capacity at every size (batching pays per-message costs per
// batch), and an overloaded one keeps committing near it when it sheds load (maxPending), where
// without shedding it collapses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityOpsPerSecond } from './registry.js';
import { runOnce } from '../engine/run.js';
import { loadScenarioFile } from '../scenario/load-file.js';

const scenarios = join(import.meta.dirname, '..', '..', 'scenarios');

function runPoints(file: string, set: Record<string, string> = {}) {
  const loaded = loadScenarioFile(join(scenarios, file), set);
  return loaded.runs.map((run) => {
    const s = runOnce(run, 0).result.summary;
    expect(s.acked_writes_lost).toBe(0);
    return {
      variant: run.variant,
      nodes: run.scenario.architecture.nodes,
      bound: capacityOpsPerSecond(run.scenario) as number,
      summary: s,
    };
  });
}

describe('leader capacity (scenarios/leader-capacity.yaml)', () => {
  it('a saturated group reaches at least 0.6 of (1 − 2(N−1)·perMessage/heartbeat) / (service + (N−1)·perEntry), N = 3 to 1000', () => {
    const rows = runPoints('leader-capacity.yaml');
    console.info(
      'bound ratio: ' + rows.map((r) => `N=${r.nodes} ${((r.summary.throughput_ops_s as number) / r.bound).toFixed(3)}`).join(', '),
    );
    expect(rows.map((r) => r.nodes)).toEqual([3, 31, 301, 1000]);
    for (const r of rows) {
      const ratio = (r.summary.throughput_ops_s as number) / r.bound;
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.02); // a bound: above it the model would be wrong
    }
  });
});

describe('backpressure (scenarios/leader-overload.yaml)', () => {
  it('at 1.75× its capacity a 1000-node group sheds load and commits ≥ half of it; without shedding it collapses', () => {
    const [off, on] = runPoints('leader-overload.yaml', { 'workload.arrival.rate': '500/s' });
    expect(on.variant).toBe('backpressure');
    expect(500 / on.bound).toBeGreaterThan(1.7);
    expect(on.summary.throughput_ops_s as number).toBeGreaterThan(0.5 * on.bound);
    expect(off.summary.throughput_ops_s as number).toBeLessThan(0.1 * off.bound);
  });
});
