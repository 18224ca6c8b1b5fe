// `leadsim replay FILE [--variant NAME] [--trial K] [--point K] [--from T] [--to T] [--out FILE.html]`:
// the replay page of one run and one time window, from a traced re-run of the same seed.
// Without --from, the window is the one `run` uses (around the first fault), found by running
// the trial once; --to alone moves only its end.
import { runOnce } from '../../sim/engine/run.js';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeParents, MARKER_TEXT, prepareOutputFile, REPORT_MARKER, reportDirFor } from '../../sim/report/output-dir.js';
import { OWNED_MARK, replayPage } from '../../sim/report/replay/page.js';
import { writeFileAtomic } from '../../sim/report/write-reports.js';
import { replayFileName } from '../../sim/report/files.js';
import { windowOf, withFailover } from '../../sim/report/replay/replays.js';
import type { RunResult } from '../../sim/metrics/run-result.js';
import type { RunSpec } from '../../sim/scenario/scenario.js';
import { parseDuration } from '../../sim/scenario/units.js';
import { traceRun } from '../../sim/trace/trace-run.js';
import { EXIT_OK, UsageError } from '../cli-errors.js';
import { exitCleanlyOnInterrupt } from '../interrupt.js';
import { loadAll, type ScenarioOptions } from '../load-options.js';

export interface ReplayOptions extends ScenarioOptions {
  variant?: string;
  trial?: string;
  point?: string;
  from?: string;
  to?: string;
  out?: string;
}

/** The longest window a page may hold: beyond it, thinning would leave little to watch. */
const MAX_WINDOW = 60_000_000;

export function replayCommand(file: string, options: ReplayOptions): number {
  const [scenario] = loadAll([file], options);
  const trial = wholeNumber('--trial', options.trial, scenario.trials);
  const variants = [...new Set(scenario.runs.map((r) => r.variant || r.scenario.architecture.kind))];
  const variant = options.variant ?? variants[0];
  const ofVariant = scenario.runs.filter((r) => (r.variant || r.scenario.architecture.kind) === variant);
  if (ofVariant.length === 0)
    throw new UsageError(`--variant ${variant}: ${scenario.file} has no such variant (it has: ${variants.join(', ')})`);
  const point = wholeNumber('--point', options.point, ofVariant.length);
  const run = ofVariant[point];
  const named = options.trial === undefined && options.point === undefined && options.from === undefined && options.to === undefined;
  const suffix = named ? '' : `-trial${trial}-point${point}-${options.from ?? 'auto'}-${options.to ?? 'auto'}`;
  const fileName = replayFileName(variant).replace(/\.html$/, `${suffix.replace(/[^A-Za-z0-9._-]+/g, '_')}.html`);
  if (options.out !== undefined && !options.out.endsWith('.html'))
    throw new UsageError(`--out ${options.out}: expected a file name ending in .html`);
  // checked before the page's folder is made: a refused command leaves nothing behind
  const asked = askedWindow(run, options);
  const defaultDir = reportDirFor(scenario.name);
  const newReportDir = options.out === undefined && !existsSync(defaultDir);
  // checked before anything runs: only a missing file or a page leadsim wrote may be replaced
  const out = prepareOutputFile(
    options.out ?? join(defaultDir, fileName),
    '--out',
    (head) => head.includes(OWNED_MARK),
    'leadsim replay page',
  );
  // Tracing holds this thread, so Ctrl-C there ends the process at once (nothing is written
  // before the page is ready); from here an interrupt waits for the write, then cleans up.
  const result = runOnce(run, trial).result;
  const window = windowFor(run, result, options, asked);
  const page = replayPage(withFailover(traceRun(run, trial, window), result));
  exitCleanlyOnInterrupt();
  makeParents(out);
  // a report folder this command creates is marked as leadsim's, so a later run may replace it
  if (newReportDir) writeFileSync(join(dirname(out), REPORT_MARKER), MARKER_TEXT);
  writeFileAtomic(out, page);
  process.stdout.write(`${out}\n`);
  return EXIT_OK;
}

/** The --from and --to typed, checked against the run (no simulation needed). */
function askedWindow(run: RunSpec, options: ReplayOptions): { from?: number; to?: number } {
  const duration = run.scenario.duration;
  const time = (flag: string, text: string) => {
    let t: number;
    try {
      t = parseDuration(text);
    } catch {
      throw new UsageError(`${flag} ${text}: expected a time such as 2.5s or 2500ms`);
    }
    if (t < 0 || t > duration) throw new UsageError(`${flag} ${text}: expected a time within the run (0 to ${duration / 1000} ms)`);
    return t;
  };
  const from = options.from === undefined ? undefined : time('--from', options.from);
  const to = options.to === undefined ? undefined : time('--to', options.to);
  if (from !== undefined && to !== undefined) checkWindow({ from, to }, options);
  return { from, to };
}

/** The window: as asked, or the one `run` uses (around the first fault of the trial's result). */
function windowFor(
  run: RunSpec,
  result: RunResult,
  options: ReplayOptions,
  asked: { from?: number; to?: number },
): { from: number; to: number } {
  const duration = run.scenario.duration;
  const window =
    asked.from !== undefined ? { from: asked.from, to: Math.min(duration, asked.from + 3_000_000) } : windowOf(result, duration);
  if (asked.to !== undefined) window.to = asked.to;
  checkWindow(window, options);
  return window;
}

function checkWindow(window: { from: number; to: number }, options: ReplayOptions): void {
  if (window.to <= window.from) throw new UsageError(`--to ${options.to}: must come after the window's start (${window.from / 1000} ms)`);
  if (window.to - window.from > MAX_WINDOW)
    throw new UsageError(`--from/--to: a window of at most 60s (asked for ${(window.to - window.from) / 1e6}s)`);
}

function wholeNumber(flag: string, text: string | undefined, count: number): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) >= count) throw new UsageError(`${flag} ${text}: expected a whole number from 0 to ${count - 1}`);
  return Number(text);
}
