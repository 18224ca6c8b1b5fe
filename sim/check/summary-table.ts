// A summary.csv read for comparison, and checked on the way: a baseline that is empty, not a
// CSV, of another scenario or shape, or holds a value that is not a number is bad input (the
// caller exits 2 with the reason), never something to compare against and pass.
import { CsvError, parse } from 'csv-parse/sync';
import { fromCsvCell } from '../report/csv.js';
import { metricColumns } from './metrics.js';

export type Row = Record<string, string>;

export interface SummaryTable {
  /** Where it came from, for messages. */
  file: string;
  header: string[];
  rows: Row[];
  /** 1-based line of each row in the file, for messages. */
  lines: number[];
}

export class BadSummaryError extends Error {}

const REQUIRED = ['scenario', 'variant', 'trial'];

export interface Expected {
  scenario: string;
  sweepKeys: readonly string[];
  /** Columns every summary of this version has (a baseline without one would compare nothing there). */
  columns?: readonly string[];
}

/** A number as leadsim writes one: decimal, no hex (0x1DF), no Infinity or NaN. */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

export function readSummaryCsv(text: string, file: string, expected: Expected): SummaryTable {
  const fail = (reason: string) => new BadSummaryError(`${file}: ${reason}`);
  if (text.trim() === '') throw fail('is empty; record a baseline with --update');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, bom: true, cast: fromCsvCell }) as unknown as typeof records;
  } catch (error) {
    throw fail(`is not a CSV file: ${error instanceof CsvError ? error.message : String(error)}`);
  }
  const [head, ...body] = records;
  const header = head.record;
  const lacking = [...REQUIRED, ...expected.sweepKeys, ...(expected.columns ?? [])].filter((column) => !header.includes(column));
  if (lacking.length > 0)
    throw fail(
      `is not a leadsim summary.csv of this scenario: its header lacks ${lacking.join(', ')} (header: ${clip(header.join(','))}); ` +
        'record a baseline with --update',
    );
  const metrics = metricColumns(header, expected.sweepKeys);
  if (metrics.length === 0) throw fail('has no metric columns');
  if (body.length === 0) throw fail('has a header but no rows; record a baseline with --update');
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const at = `line ${info.lines}`;
    if (record.length !== header.length) throw fail(`${at}: ${record.length} cells for ${header.length} columns`);
    const row = Object.fromEntries(header.map((column, i) => [column, record[i]]));
    if (row.scenario !== expected.scenario) throw fail(`${at}: holds scenario '${row.scenario}', not '${expected.scenario}'`);
    if (!/^\d+$/.test(row.trial)) throw fail(`${at}, column trial: '${row.trial}' is not a trial index`);
    for (const metric of metrics)
      if (row[metric] !== '' && !(DECIMAL.test(row[metric]) && Number.isFinite(Number(row[metric]))))
        throw fail(`${at}, column ${metric}: '${clip(row[metric])}' is not a number (an empty cell means "does not apply")`);
    const key = JSON.stringify([row.variant, row.trial, ...expected.sweepKeys.map((k) => row[k])]);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw fail(`${at}: repeats variant '${row.variant}', trial ${row.trial}${pointOf(row, expected.sweepKeys)} of line ${earlier}`);
    seen.set(key, info.lines);
    rows.push(row);
  }
  return { file, header, rows, lines: body.map((b) => b.info.lines) };
}

function pointOf(row: Row, sweepKeys: readonly string[]): string {
  return sweepKeys.map((k) => `, ${k}=${row[k]}`).join('');
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
