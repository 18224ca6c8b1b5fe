// sharded-raft: placement, the concurrent failover of every shard a crashed node led, and no
// acknowledged write lost under random crashes of whole nodes (every replica on them at once).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../engine/run.js';
import type { ArchitectureSpec, FaultSpec } from '../../scenario/scenario.js';
import { LAN, load, makeRun, noiseGapMs, raft } from '../../../test/fixtures/scenario.js';
import { placement, shardOfKey } from './sharded-raft.js';

const sharded = (nodes: number, shards: number): ArchitectureSpec => ({ ...raft(nodes), kind: 'sharded-raft', shards, replication: 3 });

function run(nodes: number, shards: number, faults: FaultSpec[], seed = 1) {
  return runOnce(
    makeRun({
      seed,
      architecture: sharded(nodes, shards),
      duration: 3_000_000,
      warmup: 500_000,
      network: LAN,
      disk: { fsync: { dist: 'lognormal', median: 300, p99: 1000 } },
      workload: load({ rate: 1500, writes: 0.7, keys: 5000, timeout: 150_000, retries: 6, backoff: 10_000 }),
      faults,
    }),
    0,
  ).result;
}

describe('sharded-raft', () => {
  it('places R replicas of every shard on distinct nodes, evenly', () => {
    const layout = placement(12, 3, 6);
    for (const members of layout) expect(new Set(members).size).toBe(3);
    const perNode = new Array(6).fill(0);
    layout.flat().forEach((n) => perNode[n]++);
    expect(perNode).toEqual([6, 6, 6, 6, 6, 6]);
    const counts = new Array(12).fill(0);
    for (let key = 0; key < 12_000; key++) counts[shardOfKey(key, 12)]++;
    for (const c of counts) expect(Math.abs(c / 1000 - 1)).toBeLessThan(0.1);
  });

  it('fails over every shard a crashed node led, concurrently, and loses nothing', () => {
    // with preferred leaders, node 0 leads shard 0 (and only it) once elections settle
    const r = run(6, 12, [{ type: 'crash', at: 1_500_000, target: 0 }]);
    expect(r.violations).toEqual([]);
    expect(r.summary.acked_writes_lost).toBe(0);
    expect(r.failovers.length).toBe(2); // shards 0 and 6 are preferred on node 0
    for (const f of r.failovers) {
      expect(f.fault_at_ms).toBe(1500);
      expect(f.failover_ms as number).toBeGreaterThan(100);
      expect(f.failover_ms as number).toBeLessThan(500);
    }
    // other shards kept serving: no stretch without a success beyond the traffic's own
    expect(r.summary.unavailable_ms as number).toBeLessThan(noiseGapMs(1500, 0.5));
  });

  it('never loses an acknowledged write under random node crashes and recoveries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(
          fc.record({
            at: fc.integer({ min: 600, max: 2600 }),
            node: fc.integer({ min: 0, max: 5 }),
            down: fc.integer({ min: 50, max: 800 }),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (seed, crashes) => {
          const faults: FaultSpec[] = crashes.map((c) => ({ type: 'crash', at: c.at * 1000, target: c.node, recoverAfter: c.down * 1000 }));
          const r = run(6, 6, faults, seed);
          expect(r.violations, `seed ${seed}, faults ${JSON.stringify(faults)}`).toEqual([]);
          expect(r.summary.acked_writes_lost).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});
