import { describe, expect, it } from 'vitest';

import { FAILOVER_COLUMNS, SUMMARY_COLUMNS } from '../metrics/run-result.js';
import { formatCell, formatNumber, sweepColumns, toCsv } from './csv.js';
import { syntheticRun } from '../../test/fixtures/synthetic-report.js';

describe('formatCell', () => {
  it('leaves null, undefined and non-finite numbers empty', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(Number.NaN)).toBe('');
    expect(formatCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('prints integers as integers, never with an exponent', () => {
    expect(formatCell(42)).toBe('42');
    expect(formatCell(-0)).toBe('0');
    expect(formatCell(1e21)).toBe('1000000000000000000000');
    expect(formatCell(123456789012)).toBe('123456789012');
  });

  it('rounds other numbers to at most 3 decimals without trailing zeros', () => {
    expect(formatCell(1.5)).toBe('1.5');
    expect(formatCell(2 / 3)).toBe('0.667');
    expect(formatCell(1940.2319999)).toBe('1940.232');
    expect(formatCell(1e-7)).toBe('0');
    expect(formatCell(-1e-7)).toBe('0');
    expect(formatCell(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(12.3456, 1)).toBe('12.3');
  });

  it('prints strings and booleans as they are', () => {
    expect(formatCell('raft-5')).toBe('raft-5');
    expect(formatCell(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('writes columns in the given order, whatever the key order of the rows', () => {
    const text = toCsv(['b', 'a', 'c'], [{ a: 1, c: null, b: 'x' }]);
    expect(text).toBe('b,a,c\nx,1,\n');
  });

  it('quotes cells with commas, quotes and newlines', () => {
    expect(toCsv(['v'], [{ v: 'a,b' }, { v: 'say "hi"' }, { v: 'two\nlines' }])).toBe('v\n"a,b"\n"say ""hi"""\n"two\nlines"\n');
  });

  it('writes the summary columns of a run in SUMMARY_COLUMNS order', () => {
    const run = syntheticRun('s', { name: 'stateless', kind: 'stateless-lb', leader: false }, 3, 0);
    const [header, row] = toCsv(SUMMARY_COLUMNS, [run.summary]).trim().split('\n');
    expect(header.split(',')).toEqual([...SUMMARY_COLUMNS]);
    const cells = row.split(',');
    expect(cells).toHaveLength(SUMMARY_COLUMNS.length);
    // No leader: leader_utilization does not apply and is empty, not 0.
    expect(cells[SUMMARY_COLUMNS.indexOf('leader_utilization')]).toBe('');
    expect(cells[SUMMARY_COLUMNS.indexOf('variant')]).toBe('stateless');
  });

  it('is a header line alone when there are no rows', () => {
    expect(toCsv(FAILOVER_COLUMNS, [])).toBe(`${FAILOVER_COLUMNS.join(',')}\n`);
  });
});

describe('sweepColumns', () => {
  it('adds sweep keys once, never repeating a base column', () => {
    expect(sweepColumns(['variant', 'seed'], ['architecture.nodes', 'seed', 'architecture.nodes'])).toEqual(['architecture.nodes']);
  });
});
