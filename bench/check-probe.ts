// Runs the check-probe scenario (bench/check-probe.yaml) in this thread and reads its summary as
// `check` would: shared by `npm run false-alarms` and the statistical tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareAll, type ScenarioComparison } from '../sim/check/compare.js';
import { readSummaryCsv, type SummaryTable } from '../sim/check/summary-table.js';
import { execute } from '../sim/execute.js';
import { summaryCsv } from '../sim/report/write-reports.js';
import { loadScenarioFile } from '../sim/scenario/load-file.js';
import type { Overrides } from '../sim/scenario/load.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// from the sources (bench/) or from the build (dist/bench/)
export const PROBE_FILE = [join(here, 'check-probe.yaml'), join(here, '../../bench/check-probe.yaml')].find((file) =>
  existsSync(file),
) as string;

export async function probeSummary(overrides: Overrides, file = PROBE_FILE): Promise<SummaryTable> {
  const scenario = loadScenarioFile(file, overrides);
  const { results } = await execute(scenario.runs, { trials: scenario.trials, threads: 1 });
  return readSummaryCsv(summaryCsv(results, scenario.sweepKeys), `seed ${String(overrides.seed)}`, {
    scenario: scenario.name,
    sweepKeys: scenario.sweepKeys,
  });
}

export function compareProbe(baseline: SummaryTable, current: SummaryTable): ScenarioComparison {
  const [comparison] = compareAll([{ scenario: 'check-probe', sweepKeys: [], baseline, current }], {
    tolerance: 0.05,
    confidence: 0.95,
    exact: false,
  });
  return comparison;
}

/** The metrics a comparison failed, by name. */
export function regressedMetrics(comparison: ScenarioComparison): string[] {
  return comparison.results.filter((r) => r.verdict === 'regression' || r.verdict === 'missing').map((r) => r.metric);
}
