// The leader's CPU split (leader_cpu_*) against closed forms, on the bundled leader-capacity
// scenario: an idle leader spends 2(N−1)·perMessage per heartbeat interval (a heartbeat sent to
// and answered by every follower) and nothing else; a saturated one spends service·X on
// requests, at least (N−1)·perEntry·X on replication (plus the per-batch message costs) and the
// same heartbeat share, at X writes/s. The four shares are of one leader's time in office and
// add up to its leader_utilization.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import type { SummaryRow } from '../metrics/run-result.js';
import { loadScenarioFile } from '../scenario/load-file.js';

const scenarios = join(import.meta.dirname, '..', '..', 'scenarios');
const SERVICE = 100e-6;
const PER_MESSAGE = 10e-6;
const PER_ENTRY = 2e-6;
const HEARTBEAT = 50e-3;

function summaries(set: Record<string, string> = {}, file = 'leader-capacity.yaml'): SummaryRow[] {
  const loaded = loadScenarioFile(join(scenarios, file), set);
  return loaded.runs.map((run) => {
    const s = runOnce(run, 0).result.summary;
    if (file !== 'leader-capacity.yaml') return s;
    expect(run.scenario.cpu).toMatchObject({ perMessage: PER_MESSAGE * 1e6, perEntry: PER_ENTRY * 1e6 });
    expect(run.scenario.architecture).toMatchObject({ heartbeat: HEARTBEAT * 1e6 });
    return s;
  });
}

const split = (s: SummaryRow) => ({
  requests: s.leader_cpu_requests as number,
  replication: s.leader_cpu_replication as number,
  heartbeats: s.leader_cpu_heartbeats as number,
  elections: s.leader_cpu_elections as number,
});
const heartbeatShare = (nodes: number) => (2 * (nodes - 1) * PER_MESSAGE) / HEARTBEAT;

function expectSumsToUtilization(s: SummaryRow): void {
  const parts = split(s);
  const sum = parts.requests + parts.replication + parts.heartbeats + parts.elections;
  expect(sum).toBeCloseTo(s.leader_utilization as number, 6);
}

describe('leader CPU split (scenarios/leader-capacity.yaml)', () => {
  it('an idle leader spends 2(N−1)·perMessage/heartbeat of its time on heartbeats, and nothing else', () => {
    // one client that thinks for 1000 s on average: no request in the run
    for (const s of summaries({ 'workload.arrival.clients': '1', 'workload.arrival.think': '1000s' })) {
      const nodes = s.nodes as number;
      const parts = split(s);
      console.info(`idle N=${nodes}: heartbeats ${parts.heartbeats} (closed form ${heartbeatShare(nodes).toFixed(4)})`);
      expect(s.completed).toBe(0);
      expect(parts.heartbeats / heartbeatShare(nodes)).toBeGreaterThan(0.99);
      expect(parts.heartbeats / heartbeatShare(nodes)).toBeLessThan(1.01);
      expect(parts.requests).toBe(0);
      expect(parts.elections).toBe(0);
      expect(parts.replication).toBeLessThan(0.001);
      expectSumsToUtilization(s);
    }
  });

  it('a saturated leader: requests service·X, replication ≥ (N−1)·perEntry·X (≈ at large N), heartbeats as idle', () => {
    const rows = summaries();
    expect(rows.map((s) => s.nodes)).toEqual([3, 31, 301, 1000]);
    for (const s of rows) {
      const nodes = s.nodes as number;
      const x = s.throughput_ops_s as number;
      const parts = split(s);
      const entries = (nodes - 1) * PER_ENTRY * x;
      console.info(
        `saturated N=${nodes}: requests ${parts.requests} (service·X ${(SERVICE * x).toFixed(3)}), replication ${parts.replication}` +
          ` ((N−1)·perEntry·X ${entries.toFixed(3)}), heartbeats ${parts.heartbeats} (${heartbeatShare(nodes).toFixed(3)})`,
      );
      expect(s.failed).toBe(0); // no refusals: every request the leader served is a completed write
      expect(parts.requests / (SERVICE * x)).toBeGreaterThan(0.97);
      expect(parts.requests / (SERVICE * x)).toBeLessThan(1.03);
      // per-batch message costs come on top of the entries; they fade as N·perEntry grows
      expect(parts.replication).toBeGreaterThan(entries);
      if (nodes >= 301) expect(parts.replication / entries).toBeLessThan(1.15);
      expect(parts.heartbeats / heartbeatShare(nodes)).toBeGreaterThan(0.95);
      expect(parts.heartbeats / heartbeatShare(nodes)).toBeLessThan(1.03);
      expect(parts.elections).toBe(0);
      expectSumsToUtilization(s);
    }
  });

  it('is empty, not zero, where there is no leader', () => {
    const [s] = summaries({ duration: '1s', warmup: '0s' }, 'mm1.yaml');
    expect(s.leader_utilization).toBeNull();
    expect(Object.values(split(s))).toEqual([null, null, null, null]);
  });
});
