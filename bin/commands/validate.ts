// `leadsim validate FILE... [--seed N] [--trials N] [--set path=value]... [--max-events N] [--json]`:
// check scenario files as `run` would load them, without running them, and say what each would
// cost: runs × trials and the estimated engine events (the largest run and all of them), with a
// rough time. Every file is checked; the first error of each is printed; exit 2 if any file is bad.
import { costOf, formatCount, roughTime } from '../../sim/scenario/budget.js';
import { ScenarioError } from '../../sim/scenario/errors.js';
import type { LoadedScenario } from '../../sim/scenario/load.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../cli-errors.js';
import { loadAll, type ScenarioOptions } from '../load-options.js';

export interface ValidateOptions extends ScenarioOptions {
  json?: boolean;
}

interface Estimate {
  file: string;
  scenario: string;
  runs: number;
  trials: number;
  events_estimate: number;
}

export function validateCommand(files: string[], options: ValidateOptions = {}): number {
  let exit = EXIT_OK;
  const estimates: Estimate[] = [];
  for (const file of files) {
    let loaded: LoadedScenario;
    try {
      [loaded] = loadAll([file], options);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      process.stderr.write(`leadsim: ${error.message}\n`);
      exit = EXIT_BAD_INPUT;
      continue;
    }
    const perRun = loaded.runs.map((run) => costOf(run.scenario).events);
    const largest = Math.max(...perRun);
    const total = perRun.reduce((sum, events) => sum + events, 0) * loaded.trials;
    estimates.push({ file, scenario: loaded.name, runs: loaded.runs.length, trials: loaded.trials, events_estimate: Math.round(total) });
    if (!options.json)
      process.stdout.write(
        `ok  ${file}: ${loaded.name}, ${loaded.runs.length} run(s) × ${loaded.trials} trial(s); ` +
          `~${formatCount(largest)} events in the largest run, ~${formatCount(total)} in all (${roughTime(total)} of CPU)\n`,
      );
  }
  if (options.json) process.stdout.write(JSON.stringify(estimates, null, 2) + '\n');
  return exit;
}
