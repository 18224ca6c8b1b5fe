// The charts a class reads: small multiples, the failover zoom, shard lanes, the CPU split and
// the capacity bound — each drawn only when its data is there.
import { describe, expect, it } from 'vitest';

import type { RunResult } from '../../metrics/run-result.js';
import { syntheticInput, syntheticRun } from '../../../test/fixtures/synthetic-report.js';
import { renderCharts } from './index.js';
import { markNoQuorum } from './quorum.js';

const chart = (results: RunResult[], file: string, sweepKeys: string[] = []) =>
  renderCharts({ scenario: 's', results, sweepKeys }).find((c) => c.file === file);

describe('time charts', () => {
  it('draw one panel per variant on shared axes, and failed requests when there are any', () => {
    const input = syntheticInput();
    const svg = chart(input.results, 'throughput.svg')?.svg ?? '';
    expect(svg).toContain('>raft<');
    expect(svg).toContain('>stateless<');
    expect(svg).toContain('same scale in every panel');
    expect(svg).toContain('failed requests/s');
  });

  it('mark the fault instant apart from the downtime strip', () => {
    const svg = chart(syntheticInput().results, 'throughput.svg')?.svg ?? '';
    expect(svg).toContain('fault (the instant)');
    expect(svg).toContain('node down / cut (strip)');
  });
});

describe('failover zoom', () => {
  it('is drawn only from recorded requests near faults, one row per variant', () => {
    const input = syntheticInput();
    expect(chart(input.results, 'failover-zoom.svg')).toBeUndefined();
    for (const r of input.results) {
      const at = r.faults[0].at_ms;
      r.nearFaults = { sent_ms: [at - 500, at + 10, at + 20], done_ms: [at - 498, at + 230, at + 520], ok: [true, true, false] };
    }
    const svg = chart(input.results, 'failover-zoom.svg')?.svg ?? '';
    expect(svg).toContain('ms from the fault');
    expect(svg.match(/l6 6m0 -6l-6 6/g)).toHaveLength(2); // one failed request per variant
    expect(svg).toContain('failover ends');
  });

  it('draws a busy second (300k requests) at pixel resolution, without overflowing', () => {
    const input = syntheticInput();
    for (const r of input.results) {
      const at = r.faults[0].at_ms;
      const n = 300_000;
      const sent = Array.from({ length: n }, (_, i) => at - 1000 + (2000 * i) / n);
      r.nearFaults = { sent_ms: sent, done_ms: sent.map((t, i) => t + 1 + (i % 97)), ok: sent.map(() => true) };
    }
    const svg = chart(input.results, 'failover-zoom.svg')?.svg ?? '';
    expect(svg.length).toBeLessThan(2_000_000);
  });
});

describe('scaling', () => {
  const swept = () => syntheticInput({ nodes: [3, 31, 1000] });

  it('stacks the leader CPU by purpose and draws the capacity bound once those columns exist', () => {
    const plain = chart(swept().results, 'scaling.svg', ['architecture.nodes'])?.svg ?? '';
    expect(plain).toContain('>Busiest leader CPU<');
    expect(plain).not.toContain('capacity bound');
    const input = swept();
    for (const r of input.results) {
      if (r.kind !== 'raft-group') continue;
      Object.assign(r.summary, {
        capacity_ops_s: 5000 / r.nodes,
        leader_cpu_requests: 0.2,
        leader_cpu_replication: 0.5,
        leader_cpu_heartbeats: 0.1,
        leader_cpu_elections: 0,
      });
    }
    const svg = chart(input.results, 'scaling.svg', input.sweepKeys)?.svg ?? '';
    expect(svg).toContain('>Throughput (pale band: capacity bound)<');
    expect(svg).toContain('>Leader CPU by purpose — raft<');
    expect(svg).not.toContain('>Leader CPU by purpose — stateless<');
    expect(svg).not.toContain('>Busiest leader CPU<');
  });

  it('leaves out the failover panel when nothing failed over, and shows election and outage when measured', () => {
    const input = swept();
    for (const r of input.results) r.failovers = [];
    expect(chart(input.results, 'scaling.svg', input.sweepKeys)?.svg).not.toContain('>Mean failover time<');
    const measured = swept();
    for (const r of measured.results) for (const f of r.failovers) Object.assign(f, { election_ms: 170, outage_ms: 230 });
    const svg = chart(measured.results, 'scaling.svg', measured.sweepKeys)?.svg ?? '';
    expect(svg).toContain('>Mean election time<');
    expect(svg).toContain('>Mean client-visible outage<');
    expect(svg).not.toContain('>Mean failover time<');
  });
});

describe('failover CDF', () => {
  it('puts election time and client-visible outage side by side when measured', () => {
    const input = syntheticInput({ trials: 3 });
    for (const r of input.results) for (const f of r.failovers) Object.assign(f, { election_ms: 150 + r.trial, outage_ms: 200 + r.trial });
    const svg = chart(input.results, 'failover-cdf.svg')?.svg ?? '';
    expect(svg).toContain('>Election time<');
    expect(svg).toContain('>Client-visible outage<');
  });
});

describe('node-state timeline', () => {
  it('gives a node hosting several shards one lane per shard', () => {
    const run = syntheticRun('s', { name: 'sharded', kind: 'sharded-raft', leader: true }, 3, 0);
    run.replicas = [0, 1, 2].flatMap((node) =>
      [0, 1].map((k) => ({ node, group: (node + k) % 3, segments: [{ from_ms: 0, to_ms: 100, role: 'follower' as const }] })),
    );
    const svg = chart([run], 'timeline-sharded.svg')?.svg ?? '';
    expect(svg).toContain('one lane per shard replica');
    expect(svg.match(/>s\d</g)).toHaveLength(6);
  });

  it('shows a leader that lost its majority as no quorum, by crashes and by partitions', () => {
    const leader = [{ from_ms: 0, to_ms: 12_000, role: 'leader' as const }];
    const up = [{ from_ms: 0, to_ms: 12_000, role: 'follower' as const }];
    const crashedAt = (t: number) => [
      { from_ms: 0, to_ms: t, role: 'follower' as const },
      { from_ms: t, to_ms: 12_000, role: 'down' as const },
    ];
    const members = [
      { node: 0, segments: leader },
      { node: 1, segments: crashedAt(4000) },
      { node: 2, segments: crashedAt(8000) },
    ];
    expect(markNoQuorum(0, leader, members, [])).toEqual([
      { from_ms: 0, to_ms: 8000, role: 'leader' },
      { from_ms: 8000, to_ms: 12_000, role: 'no-quorum' },
    ]);
    const five = [0, 1, 2, 3, 4].map((node) => ({ node, segments: node === 3 ? leader : up }));
    const cut = { at_ms: 5000, until_ms: 10_000, label: 'partition [[3]]', sides: [[3]] };
    expect(markNoQuorum(3, leader, five, [cut])).toEqual([
      { from_ms: 0, to_ms: 5000, role: 'leader' },
      { from_ms: 5000, to_ms: 10_000, role: 'no-quorum' },
      { from_ms: 10_000, to_ms: 12_000, role: 'leader' },
    ]);
  });
});
