// What `leadsim check` reads and writes besides the scenarios, settled before anything is
// simulated: the baselines (and with --current, a report written by run or merge) are read and
// checked — whatever is wrong with them is bad input (exit 2) with the file and the reason,
// never something to compare against and pass; the folders --update rewrites and the JUnit and
// Markdown files must be leadsim's to write.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fromCsvCell } from '../../sim/report/csv.js';
import { BadSummaryError, readSummaryCsv, type SummaryTable } from '../../sim/check/summary-table.js';
import { dirsByName, MARKER_TEXT, prepareOutputDir, prepareOutputFile, REPORT_MARKER } from '../../sim/report/output-dir.js';
import { SUMMARY_COLUMNS } from '../../sim/metrics/run-result.js';
import type { LoadedScenario } from '../../sim/scenario/load.js';
import { readInputText } from '../../sim/scenario/input-file.js';
import { FAILOVERS_FILE, SUMMARY_FILE } from '../../sim/report/files.js';
import { writeFileAtomic } from '../../sim/report/write-reports.js';
import { UsageError } from '../cli-errors.js';

/** A summary of 100 000 runs is some 30 MB; far beyond that it is not a summary. */
const MAX_CSV_BYTES = 256 * 1024 * 1024;

export interface Report {
  summary: SummaryTable;
  failovers: Record<string, string>[];
}

function baselineFile(dir: string, scenario: LoadedScenario): string {
  return join(dir, scenario.name, SUMMARY_FILE);
}

export function readBaseline(dir: string, scenario: LoadedScenario): SummaryTable {
  const file = baselineFile(dir, scenario);
  if (!existsSync(file))
    throw new UsageError(
      `${scenario.file}: no baseline at ${file}; record one with: leadsim check ${scenario.file} --baseline ${dir} --update`,
    );
  return summaryOf(file, scenario, 'baseline');
}

/** A report folder as run or merge writes it: its summary.csv, and failovers.csv if there is one. */
export function readReport(dir: string, scenario: LoadedScenario): Report {
  const file = join(dir, SUMMARY_FILE);
  if (!existsSync(file))
    throw new UsageError(`--current ${dir}: no ${SUMMARY_FILE} there; write the report with leadsim run or merge first`);
  const summary = summaryOf(file, scenario, 'report');
  const failoversFile = join(dir, FAILOVERS_FILE);
  if (!existsSync(failoversFile)) return { summary, failovers: [] };
  const text = readInputText(failoversFile, { what: FAILOVERS_FILE, maxBytes: MAX_CSV_BYTES });
  try {
    return { summary, failovers: parse(text, { columns: true, skip_empty_lines: true, cast: fromCsvCell }) as Record<string, string>[] };
  } catch (error) {
    throw new UsageError(`bad report: ${failoversFile}: is not a CSV file: ${(error as Error).message}`);
  }
}

function summaryOf(file: string, scenario: LoadedScenario, what: 'baseline' | 'report'): SummaryTable {
  const text = readInputText(file, { what: `${what} (a ${SUMMARY_FILE})`, maxBytes: MAX_CSV_BYTES });
  try {
    return readSummaryCsv(text, file, { scenario: scenario.name, sweepKeys: scenario.sweepKeys, columns: SUMMARY_COLUMNS });
  } catch (error) {
    if (error instanceof BadSummaryError) throw new UsageError(`bad ${what}: ${error.message}`);
    throw error;
  }
}

/** Before anything runs: each baseline folder may be (re)written — missing, empty, or leadsim's. */
export function prepareBaselineDirs(scenarios: readonly LoadedScenario[], baseline: string): void {
  const dirs = dirsByName(
    scenarios.map((s) => ({ name: s.name, from: s.file })),
    baseline,
  );
  // a baseline folder from before the marker holds only summary.csv
  for (const dir of dirs) prepareOutputDir(dir, { option: '--baseline', legacy: (entries) => entries.every((e) => e === SUMMARY_FILE) });
}

export function writeBaseline(dir: string, scenario: LoadedScenario, csv: string): string {
  writeFileAtomic(join(dir, scenario.name, REPORT_MARKER), MARKER_TEXT);
  const target = baselineFile(dir, scenario);
  writeFileAtomic(target, csv);
  return target;
}

/** The JUnit and Markdown files may be new, or what an earlier check wrote. */
export function prepareReportFiles(options: { junit?: string; markdown?: string }): void {
  if (options.junit !== undefined)
    prepareOutputFile(options.junit, '--junit', (head) => head.includes('<testsuites name="leadsim check"'), 'JUnit file');
  if (options.markdown !== undefined)
    prepareOutputFile(options.markdown, '--markdown', (head) => head.startsWith('## leadsim check'), 'Markdown file');
}
