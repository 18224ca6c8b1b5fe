// A baseline that cannot be compared against is bad input with its reason, never a pass.
import { describe, expect, it } from 'vitest';
import { BadSummaryError, readSummaryCsv } from './summary-table.js';

const expected = { scenario: 'demo', sweepKeys: [] };
const header = 'scenario,variant,kind,nodes,seed,trial,sim_seconds,throughput_ops_s,latency_p99_ms';
const good = `${header}\ndemo,raft-5,raft-group,5,1,0,10,1000,12.5\ndemo,raft-5,raft-group,5,2,1,10,990,\n`;

const read = (text: string, sweepKeys: string[] = []) => readSummaryCsv(text, 'base/demo/summary.csv', { ...expected, sweepKeys });

describe('readSummaryCsv', () => {
  it('reads rows by column, an empty cell meaning "does not apply"', () => {
    const table = read(good);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]).toMatchObject({ trial: '1', throughput_ops_s: '990', latency_p99_ms: '' });
    expect(table.lines).toEqual([2, 3]);
  });

  it.each([
    ['an empty file', '', /is empty/],
    ['blank lines only', '\n\n', /is empty/],
    ['a header without rows', `${header}\n`, /has a header but no rows/],
    ['a foreign header', 'variant,trial,t_ms,throughput_ops_s\nraft-5,0,0,5\n', /header lacks scenario/],
    ['no metric columns', 'scenario,variant,trial\ndemo,a,0\n', /no metric columns/],
    ['another scenario', good.replace(/^demo,raft-5/m, 'mm1,raft-5'), /line 2: holds scenario 'mm1', not 'demo'/],
    ['a word for a number', good.replace('1000,12.5', 'abc,12.5'), /line 2, column throughput_ops_s: 'abc' is not a number/],
    ['NaN', good.replace('1000,12.5', '1000,NaN'), /line 2, column latency_p99_ms: 'NaN' is not a number/],
    ['Infinity', good.replace('990,', 'Infinity,'), /line 3, column throughput_ops_s: 'Infinity'/],
    ['a bad trial index', good.replace(',2,1,10,', ',2,x,10,'), /line 3, column trial: 'x' is not a trial index/],
    ['a short row', `${good}demo,raft-5\n`, /line 4: 2 cells for 9 columns|not a CSV/],
    ['hex for a number', good.replace('1000,12.5', '0x1DF,12.5'), /line 2, column throughput_ops_s: '0x1DF' is not a number/],
    ['a row given twice', `${good}demo,raft-5,raft-group,5,1,0,10,5,1\n`, /line 4: repeats variant 'raft-5', trial 0 of line 2/],
    ['an unclosed quote', `${good}"demo,raft-5\n`, /is not a CSV file/],
  ])('rejects %s', (_, text, message) => {
    expect(() => read(text)).toThrow(BadSummaryError);
    expect(() => read(text)).toThrow(message);
  });

  it('rejects a baseline without a metric column every summary has', () => {
    const columns = header.split(',');
    const lacking = good.replace('latency_p99_ms', 'latency_p99');
    expect(() => readSummaryCsv(lacking, 'b.csv', { ...expected, columns })).toThrow(/header lacks latency_p99_ms/);
    expect(readSummaryCsv(good, 'b.csv', { ...expected, columns }).rows).toHaveLength(2);
  });

  it('rejects a baseline without the sweep column the scenario now has', () => {
    expect(() => read(good, ['architecture.nodes'])).toThrow(/header lacks architecture.nodes/);
  });
});
