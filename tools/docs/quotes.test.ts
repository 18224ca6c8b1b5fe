import { describe, expect, it } from 'vitest';

import { formatValue, parseSlot, rewrite, slotsOf, valueOf, type RunTables } from './quotes.js';

const tables: RunTables = {
  summary: [
    { variant: 'raft', 'architecture.nodes': '3', trial: '0', throughput_ops_s: '500' },
    { variant: 'raft', 'architecture.nodes': '3', trial: '1', throughput_ops_s: '510' },
    { variant: 'raft', 'architecture.nodes': '1000', trial: '0', throughput_ops_s: '236.4' },
  ],
  failovers: [
    { variant: 'raft', election_ms: '150' },
    { variant: 'raft', election_ms: '' },
    { variant: 'raft', election_ms: '600' },
    { variant: 'raft', election_ms: '190' },
  ],
};

describe('docs quotes', () => {
  it('reads a slot: variant, sweep point, column, statistic and format', () => {
    expect(parseSlot('raft @ architecture.nodes=1000|throughput_ops_s|max|,1')).toEqual({
      variant: 'raft',
      point: { 'architecture.nodes': '1000' },
      column: 'throughput_ops_s',
      stat: 'max',
      format: ',1',
    });
    expect(() => parseSlot('raft|throughput_ops_s|median')).toThrow(/neither a statistic/);
  });

  it('takes the statistic over the rows of that variant and sweep point, from the table with the column', () => {
    expect(valueOf(parseSlot('raft@architecture.nodes=3|throughput_ops_s'), tables)).toBe(505);
    expect(valueOf(parseSlot('raft@architecture.nodes=1000|throughput_ops_s'), tables)).toBe(236.4);
    expect(valueOf(parseSlot('raft|election_ms|p50'), tables)).toBe(190);
    expect(valueOf(parseSlot('raft|election_ms|missing'), tables)).toBe(1);
    expect(valueOf(parseSlot('raft|election_ms|count'), tables)).toBe(3);
    expect(() => valueOf(parseSlot('paxos|election_ms'), tables)).toThrow(/no rows for paxos/);
  });

  it('formats decimals, thousands, percentages and seconds', () => {
    expect(formatValue(17294.4, ',0')).toBe('17,294');
    expect(formatValue(0.4271, '0%')).toBe('43');
    expect(formatValue(11_942, '1s')).toBe('11.9');
    expect(formatValue(-0.2, '0')).toBe('0');
  });

  it('rewrites only the slots of the one place the template matches, across line breaks', () => {
    const text = 'At 3 nodes 500 writes/s,\nat 1000 nodes 2.7 writes/s. At 3 nodes 500 writes/s elsewhere.';
    const template = 'at 1000 nodes {raft@architecture.nodes=1000|throughput_ops_s} writes/s.';
    expect(slotsOf(template)).toHaveLength(1);
    expect(rewrite(text, template, ['236'])).toBe(
      'At 3 nodes 500 writes/s,\nat 1000 nodes 236 writes/s. At 3 nodes 500 writes/s elsewhere.',
    );
    expect(() => rewrite(text, 'At 3 nodes {raft|throughput_ops_s} writes/s', ['505'])).toThrow(/found 2 times/);
    expect(() => rewrite(text, 'at 31 nodes {raft|throughput_ops_s}', ['1'])).toThrow(/not found/);
  });
});
