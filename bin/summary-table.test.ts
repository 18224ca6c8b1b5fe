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
    expect(verdict).toBe('verdict: unavailable (mean per trial): stateless 0 ms, raft 300 ms');
  });

  it('says in one line what each time column measures, and leaves failover columns out of a run without faults', () => {
    const input = syntheticInput();
    for (const r of input.results) for (const f of r.failovers) Object.assign(f, { election_ms: 171, outage_ms: 230 });
    const text = summaryTable(input.results);
    expect(text).toContain('election = fault → new leader elected; outage = longest gap without a success per failover');
    expect(text).toContain('unavailable = all time without a success in a run');
    for (const r of input.results) Object.assign(r, { faults: [], failovers: [] });
    const quiet = lines(summaryTable(input.results))[0];
    for (const gone of ['failovers', 'failover p50', 'unavailable']) expect(quiet).not.toContain(gone);
  });

  it('shows stale reads where any variant served one', () => {
    const input = syntheticInput();
    expect(lines(summaryTable(input.results))[0]).not.toContain('stale reads');
    input.results[0].summary.stale_reads = 71;
    const [header, raft] = lines(summaryTable(input.results));
    expect(header).toContain('stale reads');
    const at = header
      .trim()
      .split(/\s{2,}/)
      .indexOf('stale reads');
    expect(raft.trim().split(/\s+/)[at]).toBe('71');
  });
});
