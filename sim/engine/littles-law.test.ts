// Little's law on closed-loop runs. A closed-loop client is at every moment waiting for its op
// (from the op's first attempt to its answer: redirects, timeouts, retries and their backoffs
// included), thinking, or pausing after a busy answer. With no failed ops (asserted: a failure
// is not a latency, and a busy answer adds a pause) that gives, over a run of T seconds,
//   clients · T = Σ latencies + Σ think times,
// where the sum runs over every op the latency statistics count — completed, and still waiting
// at the end (censored at its wait so far). So with n those ops,
//   latency_mean ≈ clients / (n / T) − think,
// exactly but for the warmup edge and the draws of think time. A latency that dropped the ops
// still waiting (the run that loses its quorum for its last second), or that restarted at each
// retry (the crash run), misses the law by far more than the 15% allowed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../metrics/run-result.js';
import { loadScenarioFile } from '../scenario/load-file.js';
import { runOnce } from './run.js';

const scenarios = join(import.meta.dirname, '..', '..', 'scenarios');

function summaries(file: string, set: Record<string, string>, nodes?: readonly number[]): SummaryRow[] {
  const runs = loadScenarioFile(join(scenarios, file), set).runs;
  return runs.filter((run) => !nodes || nodes.includes(run.scenario.architecture.nodes)).map((run) => runOnce(run, 0).result.summary);
}

/** latency_mean_ms over what Little's law predicts from the client count and the think time. */
function lawRatio(s: SummaryRow, clients: number, thinkMs: number): number {
  expect(s.failed).toBe(0);
  const counted = (s.completed as number) + (s.incomplete as number);
  const predicted = (1000 * clients * (s.sim_seconds as number)) / counted - thinkMs;
  const ratio = (s.latency_mean_ms as number) / predicted;
  console.info(
    `N=${s.nodes} clients=${clients}: latency_mean ${s.latency_mean_ms} ms, predicted ${predicted.toFixed(3)} ms,` +
      ` ratio ${ratio.toFixed(3)} (completed ${s.completed}, incomplete ${s.incomplete})`,
  );
  return ratio;
}

describe("Little's law: mean latency ≈ clients / throughput − think, within 15%", () => {
  it('saturated leaders, 60 clients back to back, N = 3 and 1000 (scenarios/leader-capacity.yaml)', () => {
    for (const s of summaries('leader-capacity.yaml', {}, [3, 1000])) {
      expect(s.throughput_ops_s as number).toBeGreaterThan(0.85 * (s.capacity_ops_s as number)); // saturated indeed
      expect(Math.abs(lawRatio(s, 60, 0) - 1)).toBeLessThan(0.15);
    }
  });

  it('a 1000-node leader with 600 clients queued for most of a 3 s run (no steady state)', () => {
    const set = {
      'workload.arrival.clients': '600',
      'architecture.maxPending': '0',
      'workload.retries.max': '50',
      duration: '3s',
      warmup: '0s',
    };
    const [s] = summaries('leader-capacity.yaml', set, [1000]);
    expect(s.incomplete as number).toBeGreaterThan(300);
    expect(Math.abs(lawRatio(s, 600, 0) - 1)).toBeLessThan(0.15);
  });

  const crashing = (faults: string) => ({
    'workload.arrival': '{ kind: closed, clients: 100, think: 20ms }',
    'workload.retries.max': '50',
    'architecture.maxPending': '0', // a leader without a quorum would refuse at 64 (busy: failed ops)
    faults,
    duration: '4s',
    warmup: '500ms',
  });

  it('through a leader crash: an op waits from its first attempt, across timeouts and retries', () => {
    const [s] = summaries('raft-leader-crash.yaml', crashing('[{ at: 2s, crash: leader, recoverAfter: 5s }]'));
    expect(s.failovers).toBe(1);
    expect(Math.abs(lawRatio(s, 100, 20) - 1)).toBeLessThan(0.15);
  });

  it('a group that loses its quorum for the last second: every client is still waiting, and counts', () => {
    const [s] = summaries('raft-leader-crash.yaml', crashing('[{ at: 3s, crash: 0 }, { at: 3s, crash: 1 }, { at: 3s, crash: 2 }]'));
    expect(s.incomplete).toBe(100);
    expect(s.latency_p999_ms as number).toBeGreaterThan(900); // the censored waits: about 1 s so far
    expect(Math.abs(lawRatio(s, 100, 20) - 1)).toBeLessThan(0.15);
  });
});
