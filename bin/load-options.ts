// The scenario options every command shares (--seed, --trials, --set path=value) and the
// loading of scenario files with them applied.
import { loadScenarioFile, type LoadedScenario } from '../sim/scenario/load.js';
import { UsageError } from './cli-errors.js';

export interface ScenarioOptions {
  seed?: string;
  trials?: string;
  set?: string[];
}

export function loadAll(files: string[], options: ScenarioOptions): LoadedScenario[] {
  const overrides: Record<string, string> = {};
  for (const assignment of options.set ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${assignment}: expected path=value, e.g. --set architecture.nodes=7`);
    overrides[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  if (options.seed !== undefined) overrides.seed = positiveInteger('--seed', options.seed, 0);
  if (options.trials !== undefined) overrides.trials = positiveInteger('--trials', options.trials, 1);
  return files.map((file) => loadScenarioFile(file, overrides));
}

function positiveInteger(flag: string, text: string, min: number): string {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`${flag} ${text}: expected a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  return text;
}
