import { describe, expect, it } from 'vitest';

import { syntheticInput } from '../test/fixtures/synthetic-report.js';
import { summaryTable } from './summary-table.js';

describe('the summary leadsim run prints', () => {
  const lines = (text: string) => text.split('\n');

  it('gives every column its own unit, counts as integers and percentages as the page does', () => {
    const input = syntheticInput({ trials: 3 });
    const text = summaryTable(input.results);
    const [header, raft] = lines(text);
    expect(header).toMatch(/p50 \(ms\)\s+p99 \(ms\)\s+failed\s+failovers\s+failover p50 \(ms\)\s+failover max \(ms\)/);
    const cells = raft.trim().split(/\s+/);
    const failovers =
      cells[
        header
          .trim()
          .split(/\s{2,}/)
          .indexOf('failovers')
      ];
    expect(failovers).toMatch(/^\d+$/);
    expect(cells[cells.length - 1]).toMatch(/^\d+(\.\d)?%$/);
    expect(text).toContain('means over 3 trials');
  });

  it('switches to election and outage columns once failovers carry them', () => {
    const input = syntheticInput();
    for (const r of input.results) for (const f of r.failovers) Object.assign(f, { election_ms: 171, outage_ms: 230 });
    const header = lines(summaryTable(input.results))[0];
    expect(header).toContain('election p50 (ms)');
    expect(header).toContain('outage p50 (ms)');
    expect(header).not.toContain('failover p50');
  });

  it('ends with a one-line verdict that names the variants by what clients lost', () => {
    const input = syntheticInput();
    Object.assign(input.results[0].summary, { unavailable_ms: 300, failed: 0 });
    Object.assign(input.results[1].summary, { unavailable_ms: 0, failed: 0 });
    const verdict = lines(summaryTable(input.results)).pop();
    expect(verdict).toBe('verdict: unavailable: stateless 0 ms, raft 300 ms');
  });
});
