// The leaderless quorum store through the real engine, against first principles:
// - quorum intersection: with R + W > replicas a read overlaps every acknowledged write, so no
//   read is stale even with jittery links and a crash; with R = W = 1 reads race replication;
// - the cost of an op: service + 2(replicas−1)(2·perMessage + perEntry) µs of CPU across the
//   cluster, spread over the ring, so utilization is exact and throughput grows with N;
// - availability: with one node down, exactly the writes whose key lists it fail at W = replicas.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../engine/run.js';
import { Ring } from '../../protocols/quorum/ring.js';
import type { ArchitectureSpec, FaultSpec } from '../../scenario/scenario.js';
import { load, makeRun } from '../../../test/fixtures/scenario.js';
import { buildLeaderlessQuorum } from './leaderless-quorum.js';

type Spec = Extract<ArchitectureSpec, { kind: 'leaderless-quorum' }>;
const quorum = (nodes: number, readQuorum: number, writeQuorum: number, vnodes = 16): Spec => ({
  kind: 'leaderless-quorum',
  nodes,
  replicas: 3,
  writeQuorum,
  readQuorum,
  vnodes,
});

/** Jittery links (p99 10× the median) and node 1 down from 3 s to 5 s. */
const JITTER = { delay: { dist: 'lognormal' as const, median: 500, p99: 5000 }, loss: 0 };
const CRASH: FaultSpec[] = [{ type: 'crash', at: 3_000_000, target: 1, recoverAfter: 2_000_000 }];

function chaos(r: number, w: number, seed = 1) {
  return makeRun({
    seed,
    duration: 8_000_000,
    architecture: quorum(5, r, w),
    network: JITTER,
    faults: CRASH,
    workload: load({
      rate: 8000,
      writes: 0.5,
      keys: { dist: 'zipf', count: 1000, s: 0.99 },
      timeout: 100_000,
      retries: 3,
      backoff: 10_000,
    }),
  });
}

describe('leaderless-quorum: stale reads', () => {
  it('R + W > replicas: no stale read, no failure, all acked writes kept, through jitter and a crash', () => {
    const run = chaos(2, 2);
    // claim durability for this run only, so the collector checks committedWrites()
    const { result } = runOnce(run, 0, { build: (ctx) => ({ ...buildLeaderlessQuorum(quorum(5, 2, 2), ctx), promisesDurability: true }) });
    const s = result.summary;
    expect(s.stale_reads).toBe(0);
    expect(s.failed).toBe(0);
    expect(s.acked_writes_lost).toBe(0);
    expect(result.violations).toEqual([]);
    expect(s.throughput_ops_s as number).toBeCloseTo(s.offered_ops_s as number, -1);
  });

  it('R = W = 1: reads race replication and the recovered node, and stale reads are counted', () => {
    const one = runOnce(chaos(1, 1), 0).result.summary;
    const writeTwo = runOnce(chaos(1, 2), 0).result.summary;
    const readTwo = runOnce(chaos(2, 1), 0).result.summary;
    // ~1.2% of the ~28k reads in the window; a larger quorum on either side cuts it
    expect(one.stale_reads as number).toBeGreaterThan(100);
    expect(one.stale_reads as number).toBeGreaterThan(1.5 * (writeTwo.stale_reads as number));
    expect(one.stale_reads as number).toBeGreaterThan(10 * (readTwo.stale_reads as number));
    expect(writeTwo.stale_reads as number).toBeGreaterThan(0);
    expect(one.failed).toBe(0);
  });

  it('is deterministic: same seed, same summary; another seed, another run', () => {
    const a = runOnce(chaos(1, 1, 7), 0).result;
    const b = runOnce(chaos(1, 1, 7), 0).result;
    expect(b.summary).toEqual(a.summary);
    expect(b.timeseries).toEqual(a.timeseries);
    expect(runOnce(chaos(1, 1, 8), 0).result.summary.stale_reads).not.toBe(a.summary.stale_reads);
  });
});

/** CPU per op over the whole cluster at the defaults (service 100, perMessage 10, perEntry 2). */
const OP_COST_US = 100 + 2 * (3 - 1) * (2 * 10 + 2);

function loaded(nodes: number, rho: number) {
  const run = makeRun({
    duration: 6_000_000,
    architecture: quorum(nodes, 2, 2),
    workload: load({ rate: (rho * nodes * 1e6) / OP_COST_US, writes: 0.5, keys: 10_000, timeout: 1_000_000, retries: 0, backoff: 10_000 }),
  });
  return runOnce(run, 0).result.summary;
}

describe('leaderless-quorum: scaling', () => {
  it('throughput grows linearly with N at 75% load per node, and CPU per op is what the protocol costs', () => {
    const runs = [3, 6, 12].map((n) => ({ n, s: loaded(n, 0.75) }));
    const base = runs[0].s.throughput_ops_s as number;
    for (const { n, s } of runs) {
      const throughput = s.throughput_ops_s as number;
      expect(throughput / (s.offered_ops_s as number)).toBeGreaterThan(0.995);
      expect(Math.abs(throughput / base / (n / 3) - 1)).toBeLessThan(0.2);
      // no node does more than its share: a coordinator that fanned out to every node, or
      // only to W of them, would be off by far more than 3%
      expect(Math.abs((s.mean_utilization as number) / 0.75 - 1)).toBeLessThan(0.03);
      expect(s.stale_reads).toBe(0);
    }
  });
});

describe('leaderless-quorum: availability with a node down', () => {
  const KEYS = 1000;
  function nodeOneDown(r: number, w: number) {
    const run = makeRun({
      duration: 6_000_000,
      architecture: quorum(5, r, w),
      faults: [{ type: 'crash', at: 500_000, target: 1 }],
      workload: load({ rate: 4000, writes: 0.5, keys: KEYS, timeout: 100_000, retries: 2, backoff: 10_000 }),
    });
    return runOnce(run, 0).result.summary;
  }
  // the keys whose preference list includes node 1: about 3/5 of them
  const ring = new Ring(5, 16, 3);
  let share = 0;
  for (let key = 0; key < KEYS; key++) if (ring.holds(key, 1)) share++;
  share /= KEYS;

  for (const [r, w, what] of [
    [1, 3, 'writes'],
    [3, 1, 'reads'],
  ] as const) {
    it(`R=${r}, W=${w}: exactly the ${what} of keys on the dead node fail; majorities fail nothing`, () => {
      const s = nodeOneDown(r, w);
      const expected = 0.5 * share * (s.offered_ops_s as number) * 5;
      expect(Math.abs((s.failed as number) / expected - 1)).toBeLessThan(0.05);
    });
  }

  it('R=W=2: one dead replica of three costs nothing but retries', () => {
    const s = nodeOneDown(2, 2);
    expect(s.failed).toBe(0);
    expect(s.throughput_ops_s as number).toBeCloseTo(s.offered_ops_s as number, -1);
  });
});
