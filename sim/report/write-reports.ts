// Writes a report directory from finished results. Everything is written into a fresh sibling
// directory first and swapped in at the end, so a reader (or a crash) never sees a mix of an
// old and a new report, and a failure leaves the previous report as it was.

import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { ALERT_COLUMNS, FAILOVER_COLUMNS, SUMMARY_COLUMNS, TIMESERIES_COLUMNS, type RunResult } from '../metrics/run-result.js';
import type { ChartSvg } from './charts/index.js';
import { csvChunks, type Row } from './csv.js';
import { ALERTS_FILE, FAILOVERS_FILE, INDEX_FILE, REPORT_FORMATS, SUMMARY_FILE, TIMESERIES_FILE, type ReportFormat } from './files.js';
import {
  checkReplaceable,
  allowWrites,
  diskFailure,
  makeParents,
  MARKER_TEXT,
  removeLeftovers,
  removeReport,
  REPORT_MARKER,
  TEMPORARY_MARKER,
  trackTemporary,
  untrackTemporary,
} from './output-dir.js';
import type { ReplayFile } from './replay/replays.js';

export { summaryCsv } from './csv.js';

export interface ReportInput {
  scenario: string;
  description: string;
  /** In the order the report should list them (variant, then sweep point, then trial). */
  results: RunResult[];
  /** Dotted sweep paths, in scenario order; empty without a sweep. */
  sweepKeys: string[];
  /** Replay pages to write beside the report and link from index.html (none with --no-replay). */
  replays?: readonly ReplayFile[];
  /** Which files to write (default all): without `svg` and `html` no chart code is loaded. */
  formats?: ReadonlySet<ReportFormat>;
}

const ALL_FORMATS: ReadonlySet<ReportFormat> = new Set(REPORT_FORMATS);

/** Whether these formats need the charts drawn (the SVG files, or the page that embeds them). */
export function drawsCharts(formats: ReadonlySet<ReportFormat> = ALL_FORMATS): boolean {
  return formats.has('svg') || formats.has('html');
}

/** Writes the whole report into outDir (replacing it) and returns the paths written. The chart
 *  code (d3-node, which brings jsdom: a fifth of a short run's start-up) loads only here, so
 *  commands that draw nothing (validate, check, sweep) never pay for it. */
export async function writeReports(outDir: string, input: ReportInput): Promise<string[]> {
  const formats = input.formats ?? ALL_FORMATS;
  const drawers: Drawers = {
    charts: drawsCharts(formats) ? (await import('./charts/index.js')).renderCharts : undefined,
    index: formats.has('html') ? (await import('./html.js')).renderIndexHtml : undefined,
  };
  const names = replaceDirectory(outDir, (dir) => writeAll(dir, input, formats, drawers));
  return names.map((name) => join(outDir, name));
}

/** Starts loading the chart code now (e.g. while worker threads simulate), so that writeReports
 *  finds it loaded; a failure to load surfaces there. */
export function preloadCharts(): void {
  import('./charts/index.js').catch(() => undefined);
}

/** The chart and page code, loaded only for the formats that need it. */
interface Drawers {
  charts?: (input: ReportInput) => ChartSvg[];
  index?: (input: ReportInput, charts: readonly ChartSvg[]) => string;
}

function writeAll(dir: string, input: ReportInput, formats: ReadonlySet<ReportFormat>, drawers: Drawers): string[] {
  const written = formats.has('csv') ? writeTables(dir, input) : [];
  const charts = drawers.charts?.(input) ?? [];
  if (formats.has('svg'))
    for (const chart of charts) {
      writeFileSync(join(dir, chart.file), `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`);
      written.push(chart.file);
    }
  if (drawers.index !== undefined) {
    for (const replay of input.replays ?? []) {
      writeFileSync(join(dir, replay.file), replay.html);
      written.push(replay.file);
    }
    writeFileSync(join(dir, INDEX_FILE), drawers.index(input, charts));
    written.push(INDEX_FILE);
  }
  return written;
}

function writeTables(dir: string, { results, sweepKeys }: ReportInput): string[] {
  const written = [
    writeCsv(dir, SUMMARY_FILE, SUMMARY_COLUMNS, sweepKeys, results, (r) => [r.summary]),
    // A sweep repeats (variant, trial) at every point, so its keys are extra columns here too.
    writeCsv(dir, TIMESERIES_FILE, TIMESERIES_COLUMNS, sweepKeys, results, (r) => r.timeseries),
    writeCsv(dir, FAILOVERS_FILE, FAILOVER_COLUMNS, sweepKeys, results, (r) => r.failovers),
  ];
  // only scenarios with alert rules have alerts to list (an empty file would say "none fired")
  if (results.some((r) => r.alerts !== undefined))
    written.push(writeCsv(dir, ALERTS_FILE, ALERT_COLUMNS, sweepKeys, results, (r) => r.alerts ?? []));
  return written;
}

function writeCsv(
  dir: string,
  name: string,
  base: readonly string[],
  sweepKeys: readonly string[],
  results: readonly RunResult[],
  rowsOf: (r: RunResult) => readonly Row[],
): string {
  const fd = openSync(join(dir, name), 'w');
  try {
    for (const chunk of csvChunks(base, sweepKeys, results, rowsOf)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return name;
}

/** Writes one file via a temporary sibling and a rename, creating its directory if needed. */
export function writeFileAtomic(file: string, text: string): void {
  const target = resolve(file);
  const tmp = `${target}.tmp-${process.pid}`;
  makeParents(target);
  trackTemporary(tmp);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw diskFailure(error, target);
  } finally {
    untrackTemporary(tmp);
  }
}

/**
 * Fills a fresh `<outDir>.tmp-<pid>` (marked as a report first) and swaps it in for outDir. On
 * failure the temporary directory is removed and outDir is left exactly as it was (or absent).
 * Refuses (OutputError) an outDir that is not a report folder leadsim may replace.
 */
export function replaceDirectory(outDir: string, fill: (dir: string) => string[], option = '--out'): string[] {
  const target = checkReplaceable(outDir, { option });
  removeLeftovers(target);
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  makeParents(target);
  trackTemporary(tmp);
  try {
    mkdirSync(tmp);
    // names itself, so that only this folder, left by a kill, is ever removed as a leftover
    writeFileSync(join(tmp, TEMPORARY_MARKER), basename(tmp));
    writeFileSync(join(tmp, REPORT_MARKER), MARKER_TEXT);
    const names = fill(tmp);
    swapIn(tmp, target);
    return names;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw diskFailure(error, target, option);
  } finally {
    untrackTemporary(tmp);
  }
}

/**
 * Old report renamed aside, new one renamed in, old one deleted: each step a single rename. A
 * kill between the renames leaves the old report as `.old-<pid>`, which the next run renames
 * back (see removeLeftovers).
 */
function swapIn(tmp: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  if (existsSync(old)) removeReport(old);
  const hadOld = existsSync(target);
  const before = hadOld ? statSync(target) : undefined;
  if (hadOld) {
    allowWrites(target);
    // named as it will be set aside, so that only this report is ever renamed back (see removeLeftovers)
    writeFileSync(join(target, TEMPORARY_MARKER), basename(old));
    renameSync(target, old);
  }
  try {
    renameSync(tmp, target);
  } catch (error) {
    if (hadOld) renameSync(old, target);
    throw error;
  }
  rmSync(join(target, TEMPORARY_MARKER), { force: true });
  // the new folder keeps the old one's mode and owner (a folder prepared for the report: 2775, another owner)
  if (before !== undefined) keepModeAndOwner(before, target);
  if (hadOld) removeReport(old);
}

function keepModeAndOwner(old: Stats, dir: string): void {
  chmodSync(dir, old.mode & 0o7777);
  const { uid, gid } = statSync(dir);
  if (uid === old.uid && gid === old.gid) return;
  try {
    chownSync(dir, old.uid, old.gid);
  } catch {
    // only root may give a folder away: it stays ours
  }
}
