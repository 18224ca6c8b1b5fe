// Failover as the README's failovers.csv columns define it, measured from events through the real engine:
// - the outage comes from request outcomes, so the time-series bucket does not move it;
// - a Raft group's election_ms is the time to elect (the paper's measure): a follower's
//   timeout of 150–300 ms after the last heartbeat, less than the failover to the first write;
// - a stateless fleet's failover ends when the health check ejects the dead server (the third
//   failed check of 1 s: 2 to 3 s after the crash), while clients hardly notice: its
//   retries are no outage.
import { describe, expect, it } from 'vitest';
import { LAN, lb, load, makeRun, noiseGapMs, raft } from '../../test/fixtures/scenario.js';
import type { ArchitectureSpec } from '../scenario/scenario.js';
import { runOnce } from './run.js';

const S = 1_000_000;
/** Who leads the three-node group of the quorum-loss test (its seed decides), and the others. */
const LEADER = 0;
const FOLLOWERS = [1, 2];
const num = (cell: unknown) => cell as number;

function crashRun(architecture: ArchitectureSpec, bucket: number, trial = 0) {
  const run = makeRun({
    architecture,
    duration: 5 * S,
    warmup: 1 * S,
    bucket,
    network: LAN,
    workload: load({ rate: 2000, writes: 0.5, keys: 100, timeout: 200_000, retries: 5, backoff: 10_000 }),
    faults: [{ type: 'crash', at: 2 * S, target: architecture.kind === 'raft-group' ? 'leader' : 1 }],
  });
  return runOnce(run, trial).result;
}

describe('failover measured from events', () => {
  it('10 ms and 100 ms buckets give the same outage and unavailability (within 5 ms)', () => {
    for (const trial of [0, 1, 2]) {
      const fine = crashRun(raft(5), 10_000, trial);
      const coarse = crashRun(raft(5), 100_000, trial);
      expect(Math.abs(num(fine.failovers[0].outage_ms) - num(coarse.failovers[0].outage_ms))).toBeLessThan(5);
      expect(Math.abs(num(fine.summary.unavailable_ms) - num(coarse.summary.unavailable_ms))).toBeLessThan(5);
      expect(num(fine.failovers[0].outage_ms)).toBeGreaterThan(100); // and it is a real outage
    }
  });

  it('raft: election_ms is the time to elect, within the timeout range after the last heartbeat, before the first write', () => {
    for (const trial of [0, 1, 2, 3, 4]) {
      const [f] = crashRun(raft(5), 100_000, trial).failovers;
      // the last heartbeat came at most 50 ms before the crash; a follower times out 150–300 ms after it
      expect(num(f.election_ms), `trial ${trial}`).toBeGreaterThan(100);
      expect(num(f.election_ms), `trial ${trial}`).toBeLessThan(320);
      expect(num(f.election_ms)).toBeLessThanOrEqual(num(f.failover_ms));
      expect(num(f.elected_at_ms) - num(f.fault_at_ms)).toBeCloseTo(num(f.election_ms), 6);
    }
  });

  it('followers crashed by id take the quorum away: no failover, but the outage counts as unavailable', () => {
    const run = makeRun({
      architecture: raft(3),
      duration: 5 * S,
      warmup: 1 * S,
      network: LAN,
      workload: load({ rate: 1000, writes: 1, keys: 100, timeout: 100_000, retries: 2, backoff: 10_000 }),
      faults: [
        { type: 'crash', at: 2 * S, target: FOLLOWERS[0] },
        { type: 'crash', at: 2 * S, target: FOLLOWERS[1] },
      ],
    });
    const r = runOnce(run, 0).result;
    expect(r.failovers).toEqual([]); // the leader stays in office (this seed elects node LEADER)
    expect(r.timeseries.find((t) => t.t_ms === 1900)?.leader).toBe(LEADER);
    // two of the three are down for good: nothing commits from 2 s to the end
    expect(num(r.summary.unavailable_ms)).toBeGreaterThan(2990);
  });

  it('stateless-lb: the failover ends at the ejection, 2–3 s after the crash; the outage is only the traffic’s own gaps', () => {
    const r = crashRun(lb(3), 100_000);
    const [f] = r.failovers;
    expect(f.election_ms).toBeNull();
    expect(f.elected_at_ms).toBeNull();
    expect(num(f.failover_ms)).toBeGreaterThanOrEqual(2000);
    expect(num(f.failover_ms)).toBeLessThanOrEqual(3000);
    expect(f.detected_at_ms).toBe(num(f.fault_at_ms) + num(f.failover_ms));
    expect(num(f.outage_ms)).toBeLessThan(noiseGapMs(2000, 3));
  });
});
