// Runs the check-probe scenario (sim/check/testdata/check-probe.yaml) in this thread and reads its
// summary as `check` would: shared by the statistical tests and `npm run false-alarms`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareAll, type ScenarioComparison } from '../check/compare.js';
import { readSummaryCsv, type SummaryTable } from '../check/summary-table.js';
import { execute } from '../execute.js';
import { summaryCsv } from '../report/write-reports.js';
import { loadScenarioFile, type Overrides } from '../scenario/load.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// from the sources (sim/testing/) or from the build (dist/sim/testing/)
export const PROBE_FILE = [
  join(here, '../check/testdata/check-probe.yaml'),
  join(here, '../../../sim/check/testdata/check-probe.yaml'),
].find((file) => existsSync(file)) as string;

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
