import { describe, expect, it } from 'vitest';

import { syntheticInput, syntheticRun } from '../../../test/fixtures/synthetic-report.js';
import { cdfPoints } from './failover-cdf.js';
import { renderCharts } from './index.js';
import { MAX_TIMELINE_NODES, rasterizeRow, timelineFiles } from './timeline.js';

const files = (input: ReturnType<typeof syntheticInput>) => renderCharts(input).map((c) => c.file);

describe('renderCharts', () => {
  it('draws the same markup twice for the same input', () => {
    const input = syntheticInput({ nodes: [3, 5], trials: 2 });
    expect(renderCharts(input)).toEqual(renderCharts(syntheticInput({ nodes: [3, 5], trials: 2 })));
  });

  it('leaves out the CDF without failovers and the scaling curve without a numeric sweep', () => {
    const input = syntheticInput();
    for (const r of input.results) r.failovers = [];
    expect(files(input)).toEqual(['throughput.svg', 'latency.svg', 'timeline-raft.svg', 'timeline-stateless.svg']);
  });

  it('draws the scaling curve with four panels for a sweep over node counts', () => {
    const chart = renderCharts(syntheticInput({ nodes: [3, 31, 1000] })).find((c) => c.file === 'scaling.svg');
    expect(chart).toBeDefined();
    for (const title of ['Throughput', 'Busiest leader CPU', 'p99 latency', 'Mean failover time'])
      expect(chart?.svg).toContain(`>${title}<`);
  });

  it('marks faults with their labels on the throughput chart', () => {
    const chart = renderCharts(syntheticInput())[0];
    expect(chart.file).toBe('throughput.svg');
    expect(chart.svg).toContain('crash leader (node 0)');
  });

  it('marks when each alert rule fired, one named row per rule, on both time charts', () => {
    const input = syntheticInput();
    const alert = (name: string, from: number, to: number | '') => ({
      variant: 'raft',
      trial: 0,
      alert: name,
      fired_at_ms: from,
      resolved_at_ms: to,
      fault_at_ms: '',
      detect_ms: '',
    });
    input.results[0].alerts = [alert('no-leader', 1200, 1400), alert('slow-p99', 1300, ''), alert('no-leader', 3000, 3100)];
    input.results = [input.results[0]]; // one tall panel: rows are named in it
    const [throughput, latency] = renderCharts(input);
    for (const chart of [throughput, latency]) {
      expect(chart.svg.match(/<title>alert no-leader: firing/g)).toHaveLength(2);
      expect(chart.svg).toContain('<title>alert slow-p99: firing 1.3 s – still firing at the end</title>');
      expect(chart.svg).toContain('>no-leader</text>');
      expect(chart.svg).toContain('alert firing');
    }
    const without = renderCharts(syntheticInput())[0].svg;
    expect(without).not.toContain('alert firing');
  });

  it('produces well-formed standalone SVG', () => {
    for (const chart of renderCharts(syntheticInput({ nodes: [3, 5] }))) {
      expect(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(chart.svg.endsWith('</svg>')).toBe(true);
    }
  });
});

describe('timeline', () => {
  it(`caps the rows at ${MAX_TIMELINE_NODES} nodes and says so`, () => {
    const run = syntheticRun('big', { name: 'raft', kind: 'raft-group', leader: true }, 1000, 0);
    const input = { scenario: 'big', description: '', results: [run], sweepKeys: [] };
    const chart = renderCharts(input).find((c) => c.file === 'timeline-raft.svg');
    expect(chart?.svg.match(/>node \d+</g)).toHaveLength(MAX_TIMELINE_NODES);
    expect(chart?.svg).toContain(`showing the first ${MAX_TIMELINE_NODES} of 1000 nodes`);
  });

  it('draws the rarer role when several fall into one pixel', () => {
    const x = (ms: number) => ms / 10;
    const pixels = rasterizeRow(
      [
        { from_ms: 0, to_ms: 50, role: 'follower' },
        { from_ms: 50, to_ms: 52, role: 'candidate' },
        { from_ms: 52, to_ms: 100, role: 'leader' },
      ],
      x,
      12,
    );
    // Ranks: down 0, candidate 1, no-quorum 2, leader 3, serving 4, follower 5, idle 6; -1 = no data.
    expect([...pixels]).toEqual([5, 5, 5, 5, 5, 1, 3, 3, 3, 3, -1, -1]);
  });

  it('gives every variant a distinct, file-safe name', () => {
    const names = timelineFiles(['Raft 5', 'raft-5', '../x', '']);
    expect([...names.values()]).toEqual(['timeline-raft-5.svg', 'timeline-raft-5-2.svg', 'timeline-x.svg', 'timeline-variant.svg']);
  });
});

describe('cdfPoints', () => {
  it('steps from 0 to 1 and thins long samples', () => {
    expect(cdfPoints([10, 20, 30])).toEqual([
      { x: 10, p: 0 },
      { x: 10, p: 1 / 3 },
      { x: 20, p: 2 / 3 },
      { x: 30, p: 1 },
    ]);
    const many = cdfPoints(Array.from({ length: 5000 }, (_, i) => i));
    expect(many.length).toBeLessThanOrEqual(501);
    expect(many[many.length - 1]).toEqual({ x: 4999, p: 1 });
  });
});
