// Relays (PigPaxos-style) through the real engine: a group reached through relays commits as a
// plain one does, keeps committing when relays crash (a silent relay is replaced next round),
// and at 1000 nodes the leader's replication + heartbeat share of its CPU at least halves.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import { capacityOpsPerSecond } from './registry.js';
import type { FaultSpec } from '../scenario/scenario.js';
import { LAN, load, makeRun, raft } from '../../test/fixtures/scenario.js';

const S = 1_000_000;

function writeRun(nodes: number, relays: number | undefined, faults: FaultSpec[], rate: number, duration = 3 * S) {
  const run = makeRun({
    architecture: raft(nodes, relays === undefined ? {} : { relays }),
    network: LAN,
    duration,
    warmup: 1 * S,
    faults,
    workload: load({ rate: rate, writes: 1, keys: 1000, timeout: 500_000, retries: 2, backoff: 50_000 }),
  });
  return { summary: runOnce(run, 0).result.summary, bound: capacityOpsPerSecond(run.scenario) as number };
}

describe('relays', () => {
  it('a 25-node group through 4 relays commits everything offered, and keeps doing so while 6 followers (relays among them) crash', () => {
    const crashes: FaultSpec[] = [3, 7, 11, 15, 19, 23].map((node) => ({ type: 'crash', at: 1.5 * S, target: node }));
    for (const faults of [[], crashes]) {
      const { summary } = writeRun(25, 4, faults, 500);
      const plain = writeRun(25, undefined, faults, 500).summary;
      expect(summary.acked_writes_lost).toBe(0);
      expect(summary.failed).toBe(0);
      expect(summary.throughput_ops_s as number).toBeGreaterThan(0.99 * (plain.throughput_ops_s as number));
      expect(summary.latency_p99_ms as number).toBeLessThan(150); // a silent group costs at most about a round
    }
  });

  it('at 1000 nodes the leader spends at least 2× less of its CPU on replication + heartbeats, and its bound rises', () => {
    const plain = writeRun(1000, undefined, [], 200, 2 * S);
    const relayed = writeRun(1000, 20, [], 200, 2 * S);
    const share = (s: typeof plain.summary) => (s.leader_cpu_replication as number) + (s.leader_cpu_heartbeats as number);
    console.info(
      `leader replication + heartbeats share: plain ${share(plain.summary).toFixed(3)}, 20 relays ${share(relayed.summary).toFixed(3)}`,
    );
    expect(share(relayed.summary)).toBeLessThan(share(plain.summary) / 2);
    expect(relayed.summary.throughput_ops_s as number).toBeGreaterThan(190);
    expect(relayed.bound).toBeGreaterThan(10 * plain.bound); // as if it had 20 followers, not 999
  }, 60_000);
});
