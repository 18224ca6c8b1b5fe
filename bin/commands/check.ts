// `leadsim check FILE... --baseline DIR`: CI's regression gate. Reruns each scenario on the
// worker pool (or reads the report `run`/`merge` wrote, with --current), compares its summary
// with DIR/<scenario>/summary.csv (statistically with 5+ trials, else exactly), evaluates its
// `expect:` block, prints the table, writes JUnit/Markdown when asked, and exits 1 on a
// regression, a missed expectation or an invariant violation. Every baseline (and report) is
// read and checked before anything is simulated: a bad one is exit 2.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckReport, type ScenarioCheck, markdownReport, reportFailed, textReport } from '../../sim/check/check-report.js';
import { compareAll, type ScenarioTables } from '../../sim/check/compare.js';
import { evaluateExpectations, rowsOf, type ResultRows } from '../../sim/check/expectations.js';
import { junitXml } from '../../sim/check/junit.js';
import { readSummaryCsv } from '../../sim/check/summary-table.js';
import { execute } from '../../sim/execute.js';
import type { LoadedScenario } from '../../sim/scenario/load.js';
import { summaryCsv, writeFileAtomic } from '../../sim/report/write-reports.js';
import { EXIT_CHECK_FAILED, EXIT_OK, UsageError } from '../cli-errors.js';
import { exitCleanlyOnInterrupt } from '../interrupt.js';
import { loadAll, type ScenarioOptions } from '../load-options.js';
import { fsReason } from '../../sim/scenario/input-file.js';
import { progressBar } from '../progress.js';
import { prepareBaselineDirs, prepareReportFiles, readBaseline, readReport, writeBaseline, type Report } from './check-inputs.js';

export interface CheckOptions extends ScenarioOptions {
  baseline: string;
  tolerance: string;
  confidence: string;
  exact?: boolean;
  update?: boolean;
  current?: string;
  junit?: string;
  markdown?: string;
  json?: boolean;
}

/** What a scenario produced this time: its summary as CSV text (null when read from a report), its rows, its violations. */
interface Outcome {
  csv: string | null;
  rows: ResultRows;
  violations: string[];
}

export async function checkCommand(files: string[], options: CheckOptions): Promise<number> {
  exitCleanlyOnInterrupt();
  const tolerance = parsePercent('--tolerance', options.tolerance, 0, 10);
  const confidence = parsePercent('--confidence', options.confidence, 0.5, 0.999999);
  if (options.baseline.trim() === '')
    throw new UsageError(`--baseline '${options.baseline}': an empty path (an unset shell variable?): name the baselines' folder`);
  if (options.update && options.current !== undefined) throw new UsageError('--update records a baseline from a rerun: drop --current');
  prepareReportFiles(options);
  const scenarios = loadAll(files, options);
  if (options.update) prepareBaselineDirs(scenarios, options.baseline);
  const baselines = options.update ? [] : scenarios.map((s) => readBaseline(options.baseline, s));
  const reports = options.current === undefined ? [] : scenarios.map((s) => readReport(reportDir(options.current!, s, files), s));
  const checks: ScenarioCheck[] = [];
  const tables: ScenarioTables[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const outcome = reports[i] ? fromReport(reports[i]) : await rerun(scenario, !options.json);
    const expectations = evaluateExpectations(scenario.expectations, outcome.rows, scenario.sweepKeys);
    const { violations } = outcome;
    checks.push({ scenario: scenario.name, file: scenario.file, comparison: null, expectations, violations });
    if (options.update) {
      if (violations.length > 0 || outcome.csv === null) continue; // never record a broken run as the reference
      process.stderr.write(`updated ${writeBaseline(options.baseline, scenario, outcome.csv)}\n`);
      continue;
    }
    const expected = { scenario: scenario.name, sweepKeys: scenario.sweepKeys };
    const current = reports[i]?.summary ?? readSummaryCsv(outcome.csv ?? '', '(this run)', expected);
    tables.push({ ...expected, baseline: baselines[i], current });
  }
  const comparisons = compareAll(tables, { tolerance, confidence, exact: options.exact ?? false });
  for (const comparison of comparisons) {
    const check = checks.find((c) => c.scenario === comparison.scenario);
    if (check) check.comparison = comparison;
  }
  const report: CheckReport = { tolerance, confidence, scenarios: checks };
  writeOutputs(report, options);
  return reportFailed(report) ? EXIT_CHECK_FAILED : EXIT_OK;
}

async function rerun(scenario: LoadedScenario, showProgress: boolean): Promise<Outcome> {
  const progress = progressBar(scenario.name, showProgress);
  const { results } = await execute(scenario.runs, {
    trials: scenario.trials,
    isolate: true, // free to answer an interrupt
    onRunDone: (d, t) => progress.update(d, t),
  });
  progress.stop();
  const violations = results.flatMap((r) =>
    r.violations.map((v) => `variant ${r.variant}, trial ${r.trial} (seed ${r.seed}) at ${v.at_ms} ms: ${v.invariant}: ${v.detail}`),
  );
  return { csv: summaryCsv(results, scenario.sweepKeys), rows: rowsOf(results), violations };
}

/** A report written by run or merge; its invariant violations were reported (exit 1) when it was written. */
function fromReport(report: Report): Outcome {
  return { csv: null, rows: { summary: report.summary.rows, failovers: report.failovers }, violations: [] };
}

/** With one scenario, --current is its report directory; with several, the directory of their reports. */
function reportDir(current: string, scenario: LoadedScenario, files: string[]): string {
  return files.length > 1 ? join(current, scenario.name) : current;
}

function writeOutputs(report: CheckReport, options: CheckOptions): void {
  if (options.json) process.stdout.write(JSON.stringify({ passed: !reportFailed(report), ...report }, null, 2) + '\n');
  else process.stdout.write(textReport(report));
  if (options.junit !== undefined) writeFileAtomic(options.junit, junitXml(report));
  const markdown = markdownReport(report);
  if (options.markdown !== undefined) writeFileAtomic(options.markdown, markdown);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (!stepSummary) return;
  try {
    appendFileSync(stepSummary, markdown + '\n');
  } catch (error) {
    // the verdict above stands (and sets the exit code); only the job summary is missing
    process.stderr.write(`leadsim: GITHUB_STEP_SUMMARY ${stepSummary}: ${fsReason(error)}; the job summary was not written\n`);
  }
}

/** "5%" or "0.05" → 0.05, within [min, max]. */
function parsePercent(flag: string, text: string, min: number, max: number): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const value = match === null ? NaN : match[2] === '%' ? Number(match[1]) / 100 : Number(match[1]);
  if (!(value >= min && value <= max))
    throw new UsageError(
      `${flag} ${text}: expected a percentage from ${min * 100}% to ${max * 100}% (such as 5%), or a fraction such as 0.05`,
    );
  return value;
}
