// Rows → CSV text. Every cell goes through formatCell first, so the bytes depend only on the
// values (never on the platform's number printing) and a re-run with the same seed is identical.

import { stringify } from 'csv-stringify/sync';

import { SUMMARY_COLUMNS, type Cell, type RunResult } from '../metrics/run-result.js';

export type Row = Readonly<Record<string, Cell | boolean | undefined>>;

/** Most decimals a non-integer is printed with: µs resolution for ms, 0.1% for fractions. */
const MAX_DECIMALS = 3;

/**
 * One value as CSV text: null (and NaN/±Infinity, which mean "no value") → empty, integers
 * without a decimal point, other numbers rounded to at most MAX_DECIMALS decimals without
 * trailing zeros. Never exponent notation, which spreadsheets and diff tools handle badly.
 */
export function formatCell(value: Cell | boolean | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  return formatNumber(value);
}

export function formatNumber(value: number, decimals = MAX_DECIMALS): string {
  if (!Number.isFinite(value)) return '';
  // toString switches to exponents at 1e21; BigInt prints every digit.
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value + 0) : BigInt(value).toString();
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** The extra columns a sweep adds (its dotted keys), minus any that would repeat a base column. */
export function sweepColumns(base: readonly string[], sweepKeys: readonly string[]): string[] {
  const seen = new Set(base);
  const extra: string[] = [];
  for (const key of sweepKeys) {
    if (seen.has(key)) continue;
    seen.add(key);
    extra.push(key);
  }
  return extra;
}

/** The header line of a CSV with these columns. */
function csvHeader(columns: readonly string[]): string {
  return stringify([[...columns]], { record_delimiter: '\n' });
}

/**
 * Rows as CSV lines without a header, cells in `columns` order. Rows are plain records; a
 * column a row lacks is an empty cell, so a missing metric is visible rather than shifting cells.
 */
function csvRows(columns: readonly string[], rows: readonly Readonly<Record<string, Cell | boolean | undefined>>[]): string {
  if (rows.length === 0) return '';
  const records = rows.map((row) => columns.map((column) => csvCell(row[column])));
  return stringify(records, { record_delimiter: '\n' });
}

// Text a spreadsheet would take for a formula (=HYPERLINK(…) as a scenario or variant name)
// gets a leading ' so that it stays text (OWASP's advice on CSV injection); numbers never do,
// being numbers here. Readers of leadsim's CSVs take the ' off again (fromCsvCell).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell | boolean | undefined): string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : formatCell(value);
}

/** A cell of a CSV leadsim wrote, as it was before csvCell kept it from being a formula. */
export function fromCsvCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A whole CSV document: header plus rows. */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, Cell | boolean | undefined>>[]): string {
  return csvHeader(columns) + csvRows(columns, rows);
}

/**
 * A CSV as chunks, one per run: timeseries of thousands of trials would otherwise be one
 * string of hundreds of megabytes. Sweep keys follow the documented columns.
 */
export function* csvChunks(
  base: readonly string[],
  sweepKeys: readonly string[],
  results: readonly RunResult[],
  rowsOf: (r: RunResult) => readonly Row[],
): Generator<string> {
  const extra = sweepColumns(base, sweepKeys);
  const columns = [...base, ...extra];
  yield csvHeader(columns);
  for (const result of results) {
    const point = Object.fromEntries(extra.map((key) => [key, result.sweepPoint[key]]));
    const rows = extra.length > 0 ? rowsOf(result).map((row) => ({ ...row, ...point })) : rowsOf(result);
    const text = csvRows(columns, rows);
    if (text) yield text;
  }
}

/** The exact text of summary.csv for these results (for baselines and comparisons). */
export function summaryCsv(results: readonly RunResult[], sweepKeys: readonly string[]): string {
  return [...csvChunks(SUMMARY_COLUMNS, sweepKeys, results, (r) => [r.summary])].join('');
}
