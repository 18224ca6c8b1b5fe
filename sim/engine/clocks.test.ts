// Clocks: timers and lease-read leases run on each node's own clock. With true clocks a leader
// cut off by a partition stops serving lease reads before anyone else can be elected (0 stale
// reads); a leader whose clock jumps back during its lease keeps serving them after a new leader
// has taken writes, and the stale reads are counted.
import { describe, expect, it } from 'vitest';
import { stream } from '../core/rng.js';
import type { RunResult } from '../metrics/run-result.js';
import type { FaultSpec, Scenario } from '../scenario/scenario.js';
import { LAN, load, makeRun, makeScenario, raft } from '../../test/fixtures/scenario.js';
import { NodeClocks } from './clocks.js';
import { runOnce } from './run.js';

const PARTITION: FaultSpec = { type: 'partition', at: 2_000_000, groups: [['leader']], healAfter: 2_000_000 };
const JUMP_BACK: FaultSpec = { type: 'clockJump', at: 2_000_000, node: 'leader', by: -400_000 };

/**
 * Many client connections (sessions), each with its own leader hint, as real clients have: a
 * session that only read since the partition keeps reading from the deposed leader until one of
 * its writes times out. With one shared hint everybody moves to the new leader at once and no read
 * reaches the deposed leader after the election, so there would be nothing to count.
 */
function leaseRun(faults: FaultSpec[], clocks?: Scenario['clocks'], trial = 0, sessions = 50): RunResult {
  return runOnce(
    makeRun({
      architecture: raft(5, { leaseReads: true }),
      network: LAN,
      duration: 5_000_000,
      faults,
      ...(clocks ? { clocks } : {}),
      workload: load({ rate: 1000, writes: 0.3, keys: 20, timeout: 100_000, retries: 10, backoff: 10_000, sessions }),
    }),
    trial,
  ).result;
}

describe('node clocks', () => {
  it('drift stays within its bound, is drawn per node, and scales timers', () => {
    const scenario = makeScenario({ architecture: raft(5), clocks: { drift: 0.001 } });
    const clocks = new NodeClocks(scenario, 5, 7);
    const rates = [0, 1, 2, 3, 4].map((n) => clocks.rateOf(n));
    for (const rate of rates) expect(Math.abs(rate - 1)).toBeLessThanOrEqual(0.001);
    expect(new Set(rates).size).toBe(5);
    // node 2's rate comes from its own stream: another cluster size does not move it
    expect(new NodeClocks(scenario, 3, 7).rateOf(2)).toBe(rates[2]);
    expect(rates[2]).toBe(1 + 0.001 * (2 * stream(7, 'clocks/node/2')() - 1));
    expect(clocks.trueDelay(2, 1_000_000)).toBeCloseTo(1_000_000 / rates[2], 6);
    clocks.jump(2, -400_000);
    expect(clocks.local(2, 1_000_000)).toBe(Math.round(rates[2] * 1_000_000 - 400_000));
    // without `clocks:` every clock reads true time
    expect(new NodeClocks(makeScenario({ architecture: raft(5) }), 5, 7).local(3, 123_456)).toBe(123_456);
  });

  it('lease reads through a leader partition: 0 stale with true clocks (and with 200 ppm drift), some after a jump back', () => {
    for (const trial of [0, 1, 2]) {
      expect(leaseRun([PARTITION], undefined, trial).summary.stale_reads).toBe(0);
      expect(leaseRun([PARTITION], { drift: 200e-6 }, trial).summary.stale_reads).toBe(0);
      expect(leaseRun([PARTITION, JUMP_BACK], undefined, trial).summary.stale_reads as number).toBeGreaterThan(10);
    }
  });

  it('one shared leader hint moves every client at once: the jump goes unseen', () => {
    // Why the scenario needs sessions: with a single hint the first write to time out sends
    // everyone away from the deposed leader before the new one has taken a write.
    expect(leaseRun([PARTITION, JUMP_BACK], undefined, 0, 1).summary.stale_reads).toBeLessThanOrEqual(1);
  });

  it('a jump forward only shortens the lease: no stale reads', () => {
    expect(leaseRun([PARTITION, { ...JUMP_BACK, by: 400_000 }], undefined, 0).summary.stale_reads).toBe(0);
  });
});
