import { describe, expect, it } from 'vitest';

import { renderCharts } from './charts/index.js';
import { escapeHtml, MAX_SUMMARY_ROWS, renderIndexHtml } from './html.js';
import { syntheticInput } from '../../test/fixtures/synthetic-report.js';

describe('renderIndexHtml', () => {
  it('embeds every chart inline and links its file', () => {
    const input = syntheticInput({ nodes: [3, 5, 31], trials: 2 });
    const charts = renderCharts(input);
    const html = renderIndexHtml(input, charts);
    expect(charts.map((c) => c.file)).toEqual([
      'throughput.svg',
      'latency.svg',
      'failover-cdf.svg',
      'scaling.svg',
      'timeline-raft.svg',
      'timeline-stateless.svg',
    ]);
    for (const chart of charts) {
      expect(html).toContain(chart.svg);
      expect(html).toContain(`href="${chart.file}"`);
    }
  });

  it('is self-contained: one inline script (presentation mode), no external resources', () => {
    const input = syntheticInput();
    const html = renderIndexHtml(input, renderCharts(input));
    expect(html).not.toMatch(/<script [^>]*src|<link|@import|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('has a presentation mode: one chart per screen, the comparison table before them', () => {
    const input = syntheticInput();
    const charts = renderCharts(input);
    const html = renderIndexHtml(input, charts);
    expect(html.match(/<figure class="screen"/g)).toHaveLength(charts.length);
    expect(html).toContain('html.present');
    expect(html.indexOf('<table class="comparison">')).toBeLessThan(html.indexOf('<figure'));
  });

  it('leads the comparison with outage and election once failovers carry them', () => {
    const input = syntheticInput();
    const plain = renderIndexHtml(input, []);
    expect(plain).toContain('failover mean (ms)');
    for (const r of input.results) for (const f of r.failovers) Object.assign(f, { election_ms: 180, outage_ms: 210 });
    const html = renderIndexHtml(input, []);
    const heads = /<table class="comparison">\n<thead>(.*?)<\/thead>/.exec(html)?.[1] ?? '';
    expect(heads.indexOf('outage (ms)')).toBeLessThan(heads.indexOf('election (ms)'));
    expect(heads.indexOf('election (ms)')).toBeLessThan(heads.indexOf('throughput'));
    expect(heads).not.toContain('failover mean');
  });

  it('escapes text from the scenario and the results', () => {
    const input = { ...syntheticInput({ violations: 1 }), scenario: '<script>alert(1)</script>', description: 'a & b "c"' };
    const html = renderIndexHtml(input, []);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('a &#38; b &#34;c&#34;');
    expect(html).not.toContain('<b>');
  });

  it('shows a banner listing invariant violations only when there are some', () => {
    const clean = syntheticInput();
    expect(renderIndexHtml(clean, [])).not.toContain('class="violations"');
    const broken = syntheticInput({ violations: 2 });
    const html = renderIndexHtml(broken, []);
    expect(html).toContain('class="violations"');
    expect(html).toContain('2 invariant violations');
    expect(html).toContain('single-leader');
  });

  it('has one comparison row per variant and caps the summary table', () => {
    const input = syntheticInput({ trials: 150 });
    const html = renderIndexHtml(input, []);
    const comparison = html.slice(html.indexOf('<h2>Comparison</h2>'), html.indexOf('<h2>Charts</h2>'));
    expect(comparison.match(/<tr>/g)).toHaveLength(1 + 2);
    const summary = html.slice(html.indexOf('<h2>Summary</h2>'));
    expect(summary.match(/<tr>/g)).toHaveLength(1 + MAX_SUMMARY_ROWS);
    expect(summary).toContain(`first ${MAX_SUMMARY_ROWS} of 300 rows`);
  });
});

describe('the comparison table header', () => {
  it('lets a swept dotted key wrap at its dots instead of being cut ("workload.arri")', () => {
    const input = syntheticInput({ nodes: [3, 5] });
    const html = renderIndexHtml(input, renderCharts(input));
    const header = /<table class="comparison">[\s\S]*?<\/thead>/.exec(html)?.[0] ?? '';
    expect(header).toContain('<th>architecture.<wbr>nodes</th>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
