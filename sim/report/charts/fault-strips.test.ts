// The downtime strip on the time charts, read through the SVG: every fault that leaves a node
// down (or a cut) gets one, to the end of the run when nothing ends it; it is painted over the
// failed-requests fill; and the fill is the colour its legend swatch shows.
import { describe, expect, it } from 'vitest';

import type { RunResult } from '../../metrics/run-result.js';
import { syntheticInput } from '../../../test/fixtures/synthetic-report.js';
import { contrast } from '../../../test/browser.js';
import { renderCharts } from './index.js';

const throughput = (results: RunResult[]) =>
  renderCharts({ scenario: 's', results, sweepKeys: [] }).find((c) => c.file === 'throughput.svg')?.svg ?? '';

/** The markup inside each `data-panel` group, by panel name. */
function panels(svg: string): Map<string, string> {
  const parts = svg.split(/<g [^>]*data-panel="/).slice(1);
  return new Map(parts.map((p) => [p.slice(0, p.indexOf('"')), p]));
}

const strips = (panel: string) =>
  [...panel.matchAll(/<rect data-fault="downtime" x="([\d.]+)"[^>]* width="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]),
    width: Number(m[2]),
  }));
const plotWidth = (panel: string) => Math.max(...[...panel.matchAll(/<line x1="0" x2="([\d.]+)"/g)].map((m) => Number(m[1])));

describe('downtime strips', () => {
  it('run to the end of the run for a crash without recovery, and are left out for an instant fault', () => {
    const input = syntheticInput();
    for (const r of input.results) r.faults = [{ at_ms: 1000, until_ms: null, label: 'crash leader (node 0)' }];
    const svg = throughput(input.results);
    for (const [name, panel] of panels(svg)) {
      const [strip, ...more] = strips(panel);
      expect(more, name).toHaveLength(0);
      expect(strip.x + strip.width, name).toBeCloseTo(plotWidth(panel), 1);
      expect(panel).toContain('crash leader (node 0): 1 s – the end of the run');
    }
    expect(svg).toContain('node down / cut (strip)');
    for (const r of input.results) r.faults = [{ at_ms: 1000, until_ms: null, label: 'jump clock', instant: true }];
    const jump = throughput(input.results);
    expect(jump).not.toContain('data-fault="downtime"');
    expect(jump).not.toContain('node down / cut (strip)');
  });

  it('are painted over the failed-requests fill, which has its legend swatch colour at full strength', () => {
    const svg = throughput(syntheticInput().results);
    const raft = panels(svg).get('raft') ?? '';
    const fill = raft.indexOf('data-measure="failed"');
    expect(fill).toBeGreaterThan(0);
    expect(raft.indexOf('data-fault="downtime"')).toBeGreaterThan(fill);
    // the completed line stays on top of both
    expect(raft.indexOf('data-measure="throughput_ops_s"')).toBeGreaterThan(raft.indexOf('data-fault="downtime"'));
    const area = /<path data-series="raft" data-measure="failed"[^>]*>/.exec(raft)?.[0] ?? '';
    expect(area).not.toContain('fill-opacity');
    const color = /fill="(#[0-9A-Fa-f]{6})"/.exec(area)?.[1] ?? '';
    expect(svg).toMatch(new RegExp(`<rect [^>]*fill="${color}"></rect><text [^>]*>failed requests/s<`));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(contrast(rgb(color), 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
  });
});
