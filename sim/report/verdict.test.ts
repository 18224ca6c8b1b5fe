import { describe, expect, it } from 'vitest';

import type { RunResult } from '../metrics/run-result.js';
import { syntheticInput, syntheticRun } from '../../test/fixtures/synthetic-report.js';
import { verdict } from './verdict.js';

/** A run of `variant` at a swept value with the given summary figures. */
function at(variant: string, key: string, value: string | number, summary: Partial<RunResult['summary']>, trial = 0): RunResult {
  const run = syntheticRun('s', { name: variant, kind: 'raft-group', leader: true }, 5, trial);
  run.sweepPoint = { [key]: value };
  Object.assign(run.summary, { unavailable_ms: 0, failed: 0, stale_reads: 0, acked_writes_lost: 0 }, summary);
  run.failovers = [];
  return run;
}

describe('verdict', () => {
  it('ranks by throughput at both ends of a node sweep', () => {
    const input = syntheticInput({ nodes: [3, 31, 1000] });
    const text = verdict(input.results, input.sweepKeys);
    expect(text).toMatch(/^throughput from nodes=3 to 1000: raft [\d.]+ ops\/s (flat to nodes=31, then )?→ [\d.]+ ops\/s at nodes=1000/);
    expect(text).toContain('; stateless ');
  });

  it('weighs every sweep point and names where the variants differ most, not the first point', () => {
    const rate = 'workload.arrival.rate';
    const results = [
      at('no-backpressure', rate, '150/s', { throughput_ops_s: 150 }),
      at('no-backpressure', rate, '300/s', { throughput_ops_s: 8 }),
      at('no-backpressure', rate, '900/s', { throughput_ops_s: 0 }),
      at('backpressure', rate, '150/s', { throughput_ops_s: 150 }),
      at('backpressure', rate, '300/s', { throughput_ops_s: 250 }),
      at('backpressure', rate, '900/s', { throughput_ops_s: 246 }),
    ];
    const text = verdict(results, [rate]);
    expect(text).toContain('throughput from rate=150/s to 900/s');
    expect(text).toContain(
      `variants differ most at ${rate}=900/s (the order changes along the sweep): throughput (mean): backpressure 246 ops/s, no-backpressure 0 ops/s`,
    );
  });

  it('says flat when every swept size gives the same throughput', () => {
    const key = 'architecture.nodes';
    const results = [3, 5, 301].map((n) => at('raft', key, n, { throughput_ops_s: n === 5 ? 509 : 508 }));
    results.push(at('raft', key, 1000, { throughput_ops_s: 236 }));
    expect(verdict(results, [key])).toBe(
      'throughput from nodes=3 to 1000: raft 508 ops/s flat to nodes=301, then → 236 ops/s at nodes=1000',
    );
    expect(verdict(results.slice(0, 3), [key])).toBe('throughput from nodes=3 to 301: raft flat at 508 ops/s');
  });

  it('puts safety first: a variant that served stale reads ranks after every safe one, and the line says why', () => {
    const input = syntheticInput();
    const [raft, stateless] = input.results;
    Object.assign(raft.summary, { unavailable_ms: 150, failed: 0, stale_reads: 0, acked_writes_lost: 0 });
    Object.assign(stateless.summary, { unavailable_ms: 0, failed: 0, stale_reads: 71, acked_writes_lost: 0 });
    const text = verdict(input.results, []);
    expect(text).toMatch(
      /^safety first: stateless served 71 stale reads, so ranked after every safe variant; unavailable \(mean per trial\): raft 150 ms/,
    );
    expect(text).toMatch(/, stateless 0 ms \[unsafe\]$/);
    Object.assign(raft.summary, { acked_writes_lost: 3 });
    expect(verdict(input.results, [])).toMatch(/^safety first: raft lost 3 acknowledged writes; stateless served 71 stale reads; /);
  });

  it('uses one named statistic per figure, the one the summary table shows: election p50, unavailable mean per trial', () => {
    const input = syntheticInput({ trials: 3 });
    const raft = input.results.filter((r) => r.variant === 'raft');
    const elections = [100, 110, 2000];
    raft.forEach((r, i) => {
      for (const f of r.failovers) f.election_ms = elections[i];
      // a second outage after the partition heals: the trial's unavailable time counts both
      Object.assign(r.summary, { unavailable_ms: 439, failed: 0 });
    });
    for (const r of input.results.filter((x) => x.variant === 'stateless')) Object.assign(r.summary, { unavailable_ms: 0, failed: 0 });
    const text = verdict(input.results, []);
    expect(text).toBe('unavailable (mean per trial): stateless 0 ms, raft 439 ms (election p50 110 ms)');
  });

  it('without faults and with equal throughput, ranks by p99', () => {
    const input = syntheticInput();
    for (const r of input.results) {
      Object.assign(r.summary, { unavailable_ms: 0, failed: 0, throughput_ops_s: 1000 });
      r.failovers = [];
    }
    input.results[0].summary.latency_p99_ms = 9;
    input.results[1].summary.latency_p99_ms = 3;
    expect(verdict(input.results, [])).toBe('p99 latency (mean): stateless 3 ms, raft 9 ms');
  });

  it('ranks by what was served when clients lost nothing', () => {
    const input = syntheticInput();
    for (const r of input.results) Object.assign(r.summary, { unavailable_ms: 0, failed: 0 });
    input.results[0].summary.throughput_ops_s = 17_294;
    input.results[1].summary.throughput_ops_s = 61_038;
    expect(verdict(input.results, [])).toBe('throughput (mean): stateless 61038 ops/s, raft 17294 ops/s');
  });
});
