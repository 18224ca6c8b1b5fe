import { describe, expect, it } from 'vitest';

import { syntheticInput } from '../../test/fixtures/synthetic-report.js';
import { verdict } from './verdict.js';

describe('verdict', () => {
  it('ranks by throughput at both ends of a node sweep', () => {
    const input = syntheticInput({ nodes: [3, 31, 1000] });
    const text = verdict(input.results, input.sweepKeys);
    expect(text).toMatch(/^throughput from nodes=3 to 1000: raft [\d.]+ ops\/s → [\d.]+ ops\/s/);
    expect(text).toContain('; stateless ');
  });

  it('ranks by what was served when clients lost nothing', () => {
    const input = syntheticInput();
    for (const r of input.results) Object.assign(r.summary, { unavailable_ms: 0, failed: 0 });
    input.results[0].summary.throughput_ops_s = 17_294;
    input.results[1].summary.throughput_ops_s = 61_038;
    expect(verdict(input.results, [])).toMatch(/^throughput: stateless 61038 ops\/s, raft 17294 ops\/s/);
  });

  it('without faults and with equal throughput, ranks by p99', () => {
    const input = syntheticInput();
    for (const r of input.results) {
      Object.assign(r.summary, { unavailable_ms: 0, failed: 0, throughput_ops_s: 1000 });
      r.failovers = [];
    }
    input.results[0].summary.latency_p99_ms = 9;
    input.results[1].summary.latency_p99_ms = 3;
    expect(verdict(input.results, [])).toBe('lowest p99 first: stateless 3 ms, raft 9 ms');
  });

  it('leads with what clients lost, and counts stale reads', () => {
    const input = syntheticInput();
    Object.assign(input.results[0].summary, { unavailable_ms: 3900, failed: 3234, throughput_ops_s: 639, stale_reads: 0 });
    Object.assign(input.results[1].summary, { unavailable_ms: 0, failed: 0, throughput_ops_s: 1000, stale_reads: 12 });
    expect(verdict(input.results, [])).toBe('unavailable: stateless 0 ms, raft 3900 ms (3234 failed); stale reads: raft 0, stateless 12');
  });

  it('ranks a variant that lost service without a failover by its unavailable time, not as 0 ms', () => {
    const input = syntheticInput();
    const [withFailover, without] = input.results;
    Object.assign(without.summary, { unavailable_ms: 4129, failed: 1199 });
    without.failovers = [];
    for (const f of withFailover.failovers) f.outage_ms = 210;
    const line = verdict(input.results, []);
    expect(line).toMatch(/^client-visible outage: raft \d+ ms .*, stateless 4129 ms \(unavailable, no failover, 1199 failed\)/);
    expect(withFailover.failovers.length).toBeGreaterThan(0);
  });
});
