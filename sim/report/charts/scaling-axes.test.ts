// Axes that let the data be read (issue 21): throughput panels whose peaks differ a hundredfold
// each get their own y axis, and on scaling.svg the capacity bound is a mark no series uses,
// cut at the axis the measured points set instead of squashing them.
import { describe, expect, it } from 'vitest';

import { syntheticInput } from '../../../test/fixtures/synthetic-report.js';
import { renderCharts } from './index.js';
import { clipVertical } from './scaling.js';

const chartOf = (input: ReturnType<typeof syntheticInput>, file: string) => renderCharts(input).find((c) => c.file === file)?.svg ?? '';

/** The markup inside each `data-panel` group, by panel name. */
function panels(svg: string): Map<string, string> {
  const parts = svg.split(/<g [^>]*data-panel="/).slice(1);
  return new Map(parts.map((p) => [p.slice(0, p.indexOf('"')), p]));
}
/** The plot height: the x grid lines run from 0 down to it. */
const plotHeight = (panel: string) => Number(/<line y1="0" y2="([\d.]+)"/.exec(panel)?.[1]);
/** The y coordinates of a path's points. */
const pathYs = (path: string) => [...(/ d="([^"]*)"/.exec(path)?.[1] ?? '').matchAll(/[ML]?[\d.-]+,([\d.-]+)/g)].map((m) => Number(m[1]));
const pathOf = (panel: string, measure: string) => new RegExp(`<path [^>]*data-measure="${measure}"[^>]*>`).exec(panel)?.[0] ?? '';

describe('throughput.svg', () => {
  it('gives each panel its own y axis when the peaks differ more than tenfold', () => {
    const input = syntheticInput();
    const big = input.results.filter((r) => r.variant === 'stateless');
    for (const r of big) for (const row of r.timeseries) row.throughput_ops_s = (row.throughput_ops_s as number) * 300;
    const svg = chartOf(input, 'throughput.svg');
    expect(svg).toContain('each panel on its own scale');
    for (const [name, panel] of panels(svg)) {
      const ys = pathYs(pathOf(panel, 'throughput_ops_s'));
      expect(ys.length, name).toBeGreaterThan(4);
      // the line's highest point reaches the upper half of its own panel, not flat at the bottom
      expect(Math.min(...ys), name).toBeLessThan(plotHeight(panel) / 2);
    }
    expect(chartOf(syntheticInput(), 'throughput.svg')).toContain('same scale in every panel');
  });
});

describe('scaling.svg capacity bound', () => {
  const withBound = (factor: number) => {
    const input = syntheticInput({ nodes: [3, 31, 1000] });
    for (const r of input.results)
      if (r.kind === 'raft-group') r.summary.capacity_ops_s = (r.summary.throughput_ops_s as number) * factor * (r.nodes === 1000 ? 1 : 20);
    return chartOf(input, 'scaling.svg');
  };

  it('is a wide pale line no series uses, named in the legend', () => {
    const svg = withBound(1.2);
    const bound = pathOf(panels(svg).get('throughput_ops_s') ?? '', 'capacity_ops_s');
    expect(bound).not.toContain('stroke-dasharray');
    expect(bound).toContain('stroke-width="7"');
    expect(svg).toContain('>Throughput (pale band: capacity bound)<');
    expect(svg).toContain('>capacity bound (analytic)<');
    // no series line is as wide
    for (const m of svg.matchAll(/<path data-series="[^"]*" data-measure="throughput_ops_s"[^>]*stroke-width="([\d.]+)"/g))
      expect(Number(m[1])).toBeLessThan(7);
  });

  it('is cut at the axis the measured points set, with a note where it is cut', () => {
    const svg = withBound(1.2);
    const panel = panels(svg).get('throughput_ops_s') ?? '';
    const height = plotHeight(panel);
    const bound = pathYs(pathOf(panel, 'capacity_ops_s'));
    expect(bound.length).toBeGreaterThan(1);
    for (const y of bound) expect(y).toBeGreaterThanOrEqual(-0.01);
    expect(panel).toContain('bound above the axis');
    // the measured raft line is not squashed against the bottom: its points spread over the panel
    const dots = [...panel.matchAll(/<circle data-series="raft @[^"]*" cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(dots).toHaveLength(3);
    expect(Math.max(...dots) - Math.min(...dots)).toBeGreaterThan(height / 4);
    expect(withBound(1.2)).toBe(svg);
  });

  it('clips a polyline to a band, adding the crossing points', () => {
    const clip = (...args: Parameters<typeof clipVertical>) =>
      clipVertical(...args).map((piece) => piece.map((p) => p.map((v) => Math.round(v * 1000) / 1000 + 0)));
    expect(
      clip(
        [
          [0, 50],
          [10, -50],
          [20, 50],
        ],
        0,
        100,
      ),
    ).toEqual([
      [
        [0, 50],
        [5, 0],
      ],
      [
        [15, 0],
        [20, 50],
      ],
    ]);
    expect(
      clip(
        [
          [0, -10],
          [10, 110],
        ],
        0,
        100,
      ),
    ).toEqual([
      [
        [0.833, 0],
        [9.167, 100],
      ],
    ]);
    expect(
      clip(
        [
          [0, -10],
          [10, -20],
        ],
        0,
        100,
      ),
    ).toEqual([]);
  });
});
