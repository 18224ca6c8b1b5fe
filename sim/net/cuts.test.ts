// One-way cuts: the classic cases. Followers that cannot reach their leader still hear its
// heartbeats, so without check-quorum none of them times out and the group is stuck behind a
// leader that cannot commit; with check-quorum the leader notices it hears no majority, steps
// down, and the rest elect a new one. A leader that cannot reach its followers is simply
// replaced: they stop hearing it and elect another.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import type { RunResult } from '../metrics/run-result.js';
import type { CutMember } from '../scenario/scenario.js';
import { LAN, load, makeRun, makeScenario, raft } from '../../test/fixtures/scenario.js';
import { Network } from './network.js';

const RATE = 500;

function cutRun(from: CutMember[], to: CutMember[], checkQuorum: boolean): RunResult {
  return runOnce(
    makeRun({
      architecture: raft(5, { checkQuorum }),
      network: LAN,
      duration: 6_000_000,
      faults: [{ type: 'cut', at: 2_000_000, from, to, healAfter: 3_000_000 }],
      workload: load({ rate: RATE, writes: 0.5, keys: 100, timeout: 100_000, retries: 10, backoff: 10_000 }),
    }),
    0,
  ).result;
}

/** Completed requests per second over [fromMs, toMs). */
function throughput(r: RunResult, fromMs: number, toMs: number): number {
  const rows = r.timeseries.filter((b) => (b.t_ms as number) >= fromMs && (b.t_ms as number) < toMs);
  return rows.reduce((s, b) => s + (b.throughput_ops_s as number), 0) / rows.length;
}

describe('one-way cuts', () => {
  it('followers cannot reach the leader: stuck without check-quorum, a new leader with it', () => {
    const stuck = cutRun(['others'], ['leader'], false);
    const recovered = cutRun(['others'], ['leader'], true);
    // from one second into the cut to its end
    expect(throughput(stuck, 3000, 5000)).toBeLessThan(0.05 * RATE);
    expect(throughput(recovered, 3000, 5000)).toBeGreaterThan(0.9 * RATE);
    expect(stuck.failovers[0].elected_at_ms).toBeNull();
    expect(recovered.failovers[0].elected_at_ms as number).toBeLessThan(2000 + 1000);
    // once healed, the stuck group serves again and nothing acknowledged was lost
    expect(throughput(stuck, 5500, 6000)).toBeGreaterThan(0.9 * RATE);
    for (const r of [stuck, recovered]) expect(r.summary.acked_writes_lost).toBe(0);
  });

  it('the leader cannot reach its followers: they elect another, with or without check-quorum', () => {
    for (const checkQuorum of [false, true]) {
      const r = cutRun(['leader'], ['others'], checkQuorum);
      expect(throughput(r, 3000, 5000)).toBeGreaterThan(0.9 * RATE);
      expect(r.failovers[0].elected_at_ms as number).toBeLessThan(2000 + 1000);
      expect(r.summary.acked_writes_lost).toBe(0);
    }
  });

  it('a cut is one-way: messages the other way still arrive', () => {
    const r = cutRun(['others'], ['leader'], false);
    // the followers still hear heartbeats: none of them campaigns while the cut lasts
    expect(r.failovers).toHaveLength(1);
    expect(r.summary.elections).toBe(0);
  });
});

describe('Network.connected under overlapping cuts', () => {
  it('a link stays cut until every cut over it is restored, and the others are never cut', () => {
    const net = new Network(makeScenario({ architecture: raft(3), network: LAN }), 3, (name) => seedrandom.alea(name));
    const links = () => [0, 1, 2].flatMap((a) => [0, 1, 2].filter((b) => b !== a).map((b) => net.connected(a, b)));
    net.cut([0], [1, 2]);
    net.cut([0, 2], [1]); // overlaps 0 -> 1
    expect(links()).toEqual([false, false, true, true, true, false]);
    net.cut([0], [1, 2], -1);
    expect(links()).toEqual([false, true, true, true, true, false]);
    net.cut([0, 2], [1], -1);
    expect(links()).toEqual([true, true, true, true, true, true]);
  });
});
