// `leadsim run FILE...`: run scenarios, write their reports, print a summary.
// Exit 1 when a run broke an invariant or missed its `expect:` (the reports are still written, to show how).
import { evaluateExpectations, rowsOf } from '../../sim/check/expectations.js';
import { execute } from '../../sim/execute.js';
import { prepareOutputDir, reportDirsFor } from '../../sim/report/output-dir.js';
import { INDEX_FILE } from '../../sim/report/files.js';
import { drawsCharts, preloadCharts, writeReports } from '../../sim/report/write-reports.js';
import { exitCleanlyOnInterrupt } from '../interrupt.js';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../cli-errors.js';
import { loadAll, type ScenarioOptions } from '../load-options.js';
import { headline } from '../headline.js';
import { progressBar } from '../progress.js';
import { summaryTable } from '../summary-table.js';
import { printViolations, violationsOf } from '../violations.js';
import { parseFormats } from '../report-formats.js';

export interface RunOptions extends ScenarioOptions {
  out?: string;
  json?: boolean;
  quiet?: boolean;
  /** commander's --no-replay sets this false. */
  replay?: boolean;
  /** --format: a comma-separated list of csv, svg, html (default all). */
  format?: string;
}

export async function runCommand(files: string[], options: RunOptions): Promise<number> {
  exitCleanlyOnInterrupt();
  const formats = parseFormats(options.format ?? 'csv,svg,html');
  const loaded = loadAll(files, options);
  // every output is checked before anything is simulated
  const outDirs = reportDirsFor(
    loaded.map((s) => ({ name: s.name, from: s.file })),
    options.out,
  ).map((dir) => prepareOutputDir(dir, { option: '--out', inputs: files }));
  // replay pages are pages: no page code is loaded, nor any run traced, without html
  const replay = options.replay !== false && formats.has('html') ? await import('../../sim/report/replay/replays.js') : undefined;
  let exit = EXIT_OK;
  const summaries = [];
  for (const [i, scenario] of loaded.entries()) {
    // this thread is idle while workers simulate; a single run simulates here (see execute)
    if (scenario.runs.length * scenario.trials > 1 && drawsCharts(formats)) preloadCharts();
    const progress = progressBar(scenario.name, !options.quiet);
    const replayed = replay?.replayTasks(scenario.runs, scenario.trials) ?? new Set<number>();
    const { results, traces, events } = await execute(scenario.runs, {
      trials: scenario.trials,
      isolate: true,
      trace: replayed,
      onRunDone: (done, total) => progress.update(done, total),
    });
    progress.stop();
    const outDir = outDirs[i];
    const replays = replay?.replaysOf(scenario.runs, scenario.trials, results, traces) ?? [];
    await writeReports(outDir, {
      scenario: scenario.name,
      description: scenario.description,
      results,
      sweepKeys: scenario.sweepKeys,
      replays,
      formats,
    });
    // without the page, the folder is where the report is
    const where = formats.has('html') ? `${outDir}/${INDEX_FILE}` : `${outDir}/`;
    const violations = violationsOf(results);
    if (violations.length > 0) exit = EXIT_CHECK_FAILED;
    printViolations(scenario.file, violations);
    const expectations = evaluateExpectations(scenario.expectations, rowsOf(results), scenario.sweepKeys);
    const missed = expectations.filter((e) => e.outcome === 'missed');
    if (missed.length > 0) exit = EXIT_CHECK_FAILED;
    for (const e of missed) process.stderr.write(`leadsim: expectation missed: ${e.message}\n`);
    if (options.json)
      summaries.push({
        scenario: scenario.name,
        report: where,
        events,
        summary: results.map((r) => r.summary),
        violations,
        expectations: expectations.map(({ group, value, outcome, message }) => ({ group, value, outcome, message })),
      });
    else if (!options.quiet) {
      process.stdout.write(`\n${[scenario.name, headline(scenario.description)].filter(Boolean).join(': ')}\n${summaryTable(results)}\n`);
      if (expectations.length > 0) process.stdout.write(`expect: ${expectations.length - missed.length} of ${expectations.length} held\n`);
      process.stdout.write(`report: ${where}\n`);
    } else process.stdout.write(`${where}\n`);
  }
  if (options.json) process.stdout.write(JSON.stringify(summaries, null, 2) + '\n');
  return exit;
}
