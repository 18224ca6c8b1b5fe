// Every chart marks its panels and series (data-panel, data-series) so tests and tools — the
// presentation mode, the playground — can find a variant's line without reading coordinates.

import { describe, expect, it } from 'vitest';

import { syntheticInput } from '../../../test/fixtures/synthetic-report.js';
import { renderCharts } from './index.js';

const attrs = (svg: string, name: string) => [...svg.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('chart marks', () => {
  it('marks at least one panel and one series in every chart', () => {
    const charts = renderCharts(syntheticInput({ nodes: [3, 5], trials: 2 }));
    expect(charts.length).toBeGreaterThan(4);
    for (const chart of charts) {
      expect(attrs(chart.svg, 'data-panel').length, chart.file).toBeGreaterThan(0);
      expect(attrs(chart.svg, 'data-series').length, chart.file).toBeGreaterThan(0);
    }
  });

  it('names a series by its variant, and by variant @ key=value for a sweep point', () => {
    const charts = renderCharts(syntheticInput({ nodes: [3, 5] }));
    const svg = (file: string) => charts.find((c) => c.file === file)?.svg ?? '';
    const throughput = new Set(attrs(svg('throughput.svg'), 'data-series'));
    expect(throughput).toEqual(
      new Set([
        'raft @ architecture.nodes=3',
        'raft @ architecture.nodes=5',
        'stateless @ architecture.nodes=3',
        'stateless @ architecture.nodes=5',
      ]),
    );
    expect(new Set(attrs(svg('throughput.svg'), 'data-panel'))).toEqual(throughput);
    // the scaling curve: one line per variant, one dot per sweep point
    const scaling = attrs(svg('scaling.svg'), 'data-series');
    expect(scaling).toContain('raft');
    expect(scaling).toContain('raft @ architecture.nodes=5');
    expect(attrs(svg('scaling.svg'), 'data-panel')).toContain('throughput_ops_s');
  });

  it('keeps each series inside its panel group', () => {
    const svg = renderCharts(syntheticInput())[0].svg;
    const panel = /<g [^>]*data-panel="raft"[^>]*>([\s\S]*?)<g [^>]*data-panel=/.exec(svg);
    expect(panel?.[1]).toContain('data-series="raft"');
    expect(panel?.[1]).not.toContain('data-series="stateless"');
  });
});
