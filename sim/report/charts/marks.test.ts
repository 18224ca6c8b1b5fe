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

describe('failover CDF, read through its marks', () => {
  /** The (x, y) points of the path of a series inside a panel. */
  function curve(svg: string, panel: string, series: string): { x: number; y: number }[] {
    const inside = svg.split(`data-panel="${panel}"`)[1]?.split('data-panel=')[0] ?? '';
    const d = new RegExp(`<path data-series="${series}" d="([^"]*)"`).exec(inside)?.[1];
    if (!d) return [];
    return [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  }

  it('draws zeros on a log axis and stops below 100% when trials never finished', () => {
    const input = syntheticInput({ trials: 10 });
    const elections = [150, 160, 170, 200, 400, 2000, null, null, null, null];
    for (const r of input.results) {
      const leader = r.variant === 'raft';
      for (const f of r.failovers)
        Object.assign(f, { election_ms: leader ? elections[r.trial] : null, outage_ms: leader ? (elections[r.trial] ?? 9000) + 5 : 0 });
    }
    const svg = renderCharts(input).find((c) => c.file === 'failover-cdf.svg')?.svg ?? '';
    const outageZero = curve(svg, 'outage_ms', 'stateless');
    const outageRaft = curve(svg, 'outage_ms', 'raft');
    expect(outageZero.length).toBeGreaterThan(1);
    const bottom = Math.max(...outageRaft.map((p) => p.y));
    const top100 = Math.min(...outageRaft.map((p) => p.y));
    // every stateless failover took 0 ms: its curve rises at the 0 tick, left of every raft value
    const rise = outageZero.find((p) => Math.abs(p.y - top100) < 1e-6);
    expect(rise?.x).toBe(outageZero[0].x);
    expect(outageZero[0].x).toBeLessThan(Math.min(...outageRaft.map((p) => p.x)));
    expect(Math.min(...outageZero.map((p) => p.y))).toBeCloseTo(top100, 5);
    expect(svg).toContain('>0</text>');
    // 4 of 10 trials elected no leader: the election curve ends at 60%
    const election = curve(svg, 'election_ms', 'raft');
    expect(Math.min(...election.map((p) => p.y))).toBeCloseTo(bottom - 0.6 * (bottom - top100), 1);
    expect(svg).toContain('n=10 · election p50 170 ms, 4 unfinished');
    // a kind without elections has no election curve, and the legend says so instead of "unfinished"
    expect(curve(svg, 'election_ms', 'stateless')).toEqual([]);
    expect(svg).toContain('n=10 · no leader to elect');
  });
});
