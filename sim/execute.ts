// Runs every run of a loaded scenario file — each variant × sweep point × trial — and returns
// the finished results in a fixed order (the order of the file, then trial), whatever order
// they were computed in. This is the programmatic API behind `leadsim run` and `check`.
import { runOnce } from './engine/run.js';
import type { RunResult } from './metrics/run-result.js';
import type { RunSpec } from './scenario/scenario.js';

export interface ExecuteOptions {
  trials: number;
  /** Called after each run with (runs done, runs in all). */
  onRunDone?: (done: number, total: number) => void;
}

export interface Execution {
  results: RunResult[];
  events: number;
}

export function execute(runs: readonly RunSpec[], options: ExecuteOptions): Execution {
  const results: RunResult[] = [];
  const total = runs.length * options.trials;
  let events = 0;
  for (const run of runs) {
    for (let trial = 0; trial < options.trials; trial++) {
      const out = runOnce(run, trial);
      results.push(out.result);
      events += out.events;
      options.onRunDone?.(results.length, total);
    }
  }
  return { results, events };
}
