// `leadsim check FILE... --baseline DIR`: CI's regression gate. Reruns each scenario, compares
// every summary metric with DIR/<scenario>/summary.csv, prints what moved, exits 1 on a
// regression (or an invariant violation). `--update` rewrites the baseline instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { execute } from '../../sim/execute.js';
import { compareSummaries, type Move } from '../../sim/report/compare.js';
import { dirsByName, MARKER_TEXT, prepareOutputDir, REPORT_MARKER } from '../../sim/report/output-dir.js';
import { summaryCsv, writeFileAtomic } from '../../sim/report/write-reports.js';
import { EXIT_CHECK_FAILED, EXIT_OK, UsageError } from '../cli-errors.js';
import { loadAll, type ScenarioOptions } from '../load-options.js';

export interface CheckOptions extends ScenarioOptions {
  baseline: string;
  tolerance: string;
  update?: boolean;
}

export async function checkCommand(files: string[], options: CheckOptions): Promise<number> {
  const tolerance = parseTolerance(options.tolerance);
  let exit = EXIT_OK;
  const scenarios = loadAll(files, options);
  if (options.update) prepareBaselineDirs(scenarios, options.baseline);
  for (const scenario of scenarios) {
    const { results } = await execute(scenario.runs, { trials: scenario.trials });
    const current = summaryCsv(results, scenario.sweepKeys);
    const baselineFile = join(options.baseline, scenario.name, 'summary.csv');
    const violations = results.flatMap((r) => r.violations);
    if (violations.length > 0) {
      process.stdout.write(
        `FAIL ${scenario.name}: ${violations.length} invariant violation(s), first: ${violations[0].invariant}: ${violations[0].detail}\n`,
      );
      exit = EXIT_CHECK_FAILED;
      continue;
    }
    if (options.update) {
      writeFileAtomic(join(options.baseline, scenario.name, REPORT_MARKER), MARKER_TEXT);
      writeFileAtomic(baselineFile, current);
      process.stdout.write(`updated ${baselineFile}\n`);
      continue;
    }
    if (!existsSync(baselineFile))
      throw new UsageError(
        `${scenario.file}: no baseline at ${baselineFile} — create it with: leadsim check ${scenario.file} --baseline ${options.baseline} --update`,
      );
    const comparison = compareSummaries(parseCsv(readFileSync(baselineFile, 'utf8')), parseCsv(current), tolerance);
    process.stdout.write(
      `${comparison.regressions > 0 ? 'FAIL' : 'ok  '} ${scenario.name}: ${comparison.rowsCompared} row(s), ${comparison.moves.length} metric(s) moved beyond ${(tolerance * 100).toFixed(1)}%, ${comparison.regressions} regression(s)\n`,
    );
    if (comparison.moves.length > 0) process.stdout.write(movesTable(comparison.moves) + '\n');
    if (comparison.regressions > 0) exit = EXIT_CHECK_FAILED;
  }
  return exit;
}

/** Before anything runs: each baseline folder may be (re)written — missing, empty, or leadsim's. */
function prepareBaselineDirs(scenarios: { name: string; file: string }[], baseline: string): void {
  const dirs = dirsByName(
    scenarios.map((s) => ({ name: s.name, from: s.file })),
    baseline,
  );
  // a baseline folder from before the marker holds only summary.csv
  for (const dir of dirs) prepareOutputDir(dir, { option: '--baseline', legacy: (entries) => entries.every((e) => e === 'summary.csv') });
}

function parseTolerance(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (match === null) throw new UsageError(`--tolerance ${text}: expected a percentage such as 5% (or a fraction such as 0.05)`);
  return match[2] === '%' ? Number(match[1]) / 100 : Number(match[1]);
}

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

function movesTable(moves: Move[]): string {
  const rows = moves.map((m) => [m.verdict, m.row, m.metric, m.baseline, m.current, m.change]);
  const header = ['verdict', 'row', 'metric', 'baseline', 'now', 'change'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => '  ' + r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}
