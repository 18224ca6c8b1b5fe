// Follower reads through the real engine: reads go to any member (5 voters + 10 learners here),
// writes to the leader. read-index and lease must stay linearizable — 0 stale reads — through
// leader crashes and partitions with true clocks; a lease read trusts clocks (the leader's lease,
// and its heartbeat's send time against the read's arrival), so when the clocks of a leader cut
// off with some learners jump back, those learners serve stale reads;
// stale reads are served at once and counted.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import type { RunResult } from '../metrics/run-result.js';
import type { FaultSpec, FollowerReads } from '../scenario/scenario.js';
import { LAN, load, makeRun, raft } from '../../test/fixtures/scenario.js';

const S = 1_000_000;
const LEARNERS = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

const CRASH: FaultSpec = { type: 'crash', at: 1.2 * S, target: 'leader', recoverAfter: 1 * S };
/** The leader cut off with half the learners: they still hear it, the voters elect another. */
const CUT_WITH_LEARNERS: FaultSpec = { type: 'partition', at: 2.5 * S, groups: [['leader', 10, 11, 12, 13, 14]], healAfter: 1 * S };
/** The clocks of the cut-off side (the leader and its learners) jump back together: the leader
 *  believes its lease for 400 ms longer, and its learners believe its heartbeats are recent. */
const JUMP_BACK: FaultSpec[] = (['leader', 10, 11, 12, 13, 14] as const).map((node) => ({
  type: 'clockJump',
  at: 2.5 * S,
  node,
  by: -400_000,
}));

function readRun(rule: FollowerReads | undefined, faults: FaultSpec[], trial = 0): RunResult {
  return runOnce(
    makeRun({
      architecture: raft(15, { learners: LEARNERS.length, ...(rule ? { followerReads: rule } : {}) }),
      network: LAN,
      duration: 4.5 * S,
      faults,
      workload: load({ rate: 1500, writes: 0.3, keys: 20, timeout: 200_000, retries: 10, backoff: 10_000, sessions: 50 }),
    }),
    trial,
  ).result;
}

const problems = (r: RunResult) => [
  ...r.violations.map((v) => v.invariant),
  ...(r.summary.acked_writes_lost === 0 ? [] : ['acked writes lost']),
];

describe('follower reads', () => {
  for (const rule of ['read-index', 'lease'] as const) {
    it(`${rule}: 0 stale reads through a leader crash and a partition, with true clocks`, () => {
      for (const trial of [0, 1, 2]) {
        const r = readRun(rule, [CRASH, CUT_WITH_LEARNERS], trial);
        expect(problems(r)).toEqual([]);
        expect(r.summary.stale_reads).toBe(0);
        expect(r.summary.completed as number).toBeGreaterThan(4000); // reads were served, not just refused
      }
    });
  }

  it('stale: the same schedule returns stale reads, and they are counted', () => {
    const r = readRun('stale', [CRASH, CUT_WITH_LEARNERS]);
    expect(problems(r)).toEqual([]);
    expect(r.summary.stale_reads as number).toBeGreaterThan(20);
  });

  it('lease: a cut-off leader and learners whose clocks jump back serve stale reads', () => {
    for (const trial of [0, 1]) {
      expect(readRun('lease', [CUT_WITH_LEARNERS], trial).summary.stale_reads).toBe(0);
      expect(readRun('lease', [CUT_WITH_LEARNERS, ...JUMP_BACK], trial).summary.stale_reads as number).toBeGreaterThan(10);
    }
  });

  it('reads leave the leader: its CPU share for requests falls against leader-only reads', () => {
    const leaderOnly = readRun(undefined, []).summary.leader_cpu_requests as number;
    const spread = readRun('read-index', []).summary.leader_cpu_requests as number;
    expect(spread).toBeLessThan(leaderOnly * 0.6);
  });
});
