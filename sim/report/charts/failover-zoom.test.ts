// The failover zoom as a reader meets it (issue 21): marks a few ms apart keep their labels
// apart, a quiet run's requests are big enough to see, and a partition is said in words (there
// and in the time charts).
import { describe, expect, it } from 'vitest';

import type { RunResult } from '../../metrics/run-result.js';
import { syntheticInput } from '../../../test/fixtures/synthetic-report.js';
import { faultWords } from './faults.js';
import { renderCharts } from './index.js';

const zoom = (results: RunResult[]) =>
  renderCharts({ scenario: 's', results, sweepKeys: [] }).find((c) => c.file === 'failover-zoom.svg')?.svg ?? '';

/** The raft run with `n` requests spread over the ±1 s around its fault. */
function raftWith(n: number): RunResult {
  const run = syntheticInput().results.find((r) => r.variant === 'raft') as RunResult;
  const at = run.faults[0].at_ms;
  const sent = Array.from({ length: n }, (_, i) => at - 1000 + (2000 * i) / n);
  run.nearFaults = { sent_ms: sent, done_ms: sent.map((t, i) => t + 1 + (i % 7)), ok: sent.map(() => true) };
  return run;
}

describe('failover zoom', () => {
  it('keeps the labels of detected, elected and ended apart when the marks are a few ms apart', () => {
    const run = raftWith(100);
    const at = run.faults[0].at_ms;
    Object.assign(run.failovers[0], { fault_at_ms: at, detected_at_ms: at + 200, elected_at_ms: at + 203, first_commit_at_ms: at + 205 });
    const svg = zoom([run]);
    const labels = [...svg.matchAll(/<text data-mark="([^"]+)" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</g)].map((m) => ({
      mark: m[1],
      x: Number(m[2]),
      y: Number(m[3]),
      width: m[4].length * 5.6,
    }));
    expect(labels.map((l) => l.mark).sort()).toEqual(['detected_at_ms', 'elected_at_ms', 'first_commit_at_ms']);
    for (const a of labels)
      for (const b of labels) {
        if (a === b || a.y !== b.y) continue;
        const [left, right] = a.x < b.x ? [a, b] : [b, a];
        expect(right.x, `${a.mark} / ${b.mark}`).toBeGreaterThanOrEqual(left.x + left.width);
      }
    expect(svg.match(/<line [^>]*data-mark=/g)).toHaveLength(3);
  });

  it('draws the requests of a quiet run (50/s) as 4-px squares, a busy one as 2-px', () => {
    expect(zoom([raftWith(100)])).toContain('h4v4h-4z');
    expect(zoom([raftWith(100)])).not.toContain('h2v2h-2z');
    expect(zoom([raftWith(20_000)])).toContain('h2v2h-2z');
  });

  it('says a partition in words', () => {
    const leader = [{ from_ms: 0, to_ms: 9000, role: 'leader' as const }];
    const follower = [{ from_ms: 0, to_ms: 9000, role: 'follower' as const }];
    const run = { nodes: 3, timeline: [leader, follower, follower] };
    const cut = { at_ms: 5000, until_ms: 8000, label: 'partition [[0]]', sides: [[0]] };
    expect(faultWords(cut, run)).toBe('leader 0 cut off from 1, 2');
    expect(faultWords({ ...cut, sides: [[1]] }, run)).toBe('node 1 cut off from 0, 2');
    expect(faultWords({ ...cut, sides: [[0, 1], [2]] }, { nodes: 5, timeline: [] })).toBe('split 0, 1 | 2 | 3, 4');
    expect(faultWords({ at_ms: 1, until_ms: null, label: 'cut [0] → [1,2]' }, run)).toBe('0 cannot reach 1, 2 (one way)');
    expect(faultWords({ at_ms: 1, until_ms: null, label: 'crash leader (node 0)' }, run)).toBe('crash leader (node 0)');
    const run3 = raftWith(100);
    run3.faults = [{ ...cut, at_ms: run3.faults[0].at_ms }];
    run3.timeline = [leader, follower, follower];
    run3.nodes = 3;
    expect(zoom([run3])).toContain('leader 0 cut off from 1, 2 at');
    // the time charts and the timeline name it in the same words
    const charts = renderCharts({ scenario: 's', results: [run3], sweepKeys: [] });
    for (const file of ['throughput.svg', 'latency.svg']) {
      const svg = charts.find((c) => c.file === file)?.svg ?? '';
      expect(svg, file).toContain('leader 0 cut off from 1, 2');
      expect(svg, file).not.toContain('partition [[0]]');
    }
  });
});
