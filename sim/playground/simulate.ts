// The playground's engine, without a DOM or a file system: a scenario's text → its runs, as
// `leadsim run` loads and runs them (the same parser, budgets, messages and seeds), so the same
// text gives the same summary.csv bytes. The page calls `parse` as the user types; its worker
// calls `simulate` (see worker.ts).
import { evaluateExpectations, rowsOf } from '../check/expectations.js';
import type { RunResult } from '../metrics/run-result.js';
import { summaryCsv } from '../report/csv.js';
import { replaysOf, replayTasks, type ReplayFile } from '../report/replay/replays.js';
import { ScenarioError } from '../scenario/errors.js';
import { parseScenarioText, type LoadedScenario } from '../scenario/load.js';
import type { Trace } from '../trace/trace.js';
import { runTaskWatched } from '../worker.js';

/** A scenario that cannot run, as the CLI says it (after its `leadsim: `). */
export interface PlaygroundError {
  message: string;
  /** 1-based, when the problem has a place in the text. */
  line?: number;
  column?: number;
}

export type Parsed = { scenario: LoadedScenario; error?: undefined } | { scenario?: undefined; error: PlaygroundError };

export function parse(text: string, file: string): Parsed {
  try {
    return { scenario: parseScenarioText(text, file) };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { error: { message: error.message.replace(/\s*\n\s*/g, ' '), line: error.line, column: error.column } };
  }
}

/** What a finished run of the whole file hands the page (plain data: it crosses from the worker). */
export interface Simulated {
  scenario: string;
  description: string;
  sweepKeys: string[];
  results: RunResult[];
  summaryCsv: string;
  replays: ReplayFile[];
  events: number;
  /** `expect:` outcomes, worded as `leadsim run` prints them. */
  expectations: { outcome: string; message: string }[];
}

/** Runs every task of the file in order (run by run, then trial; replays traced as the CLI traces
 *  them), telling `onProgress` the fraction done now and then. */
export function simulate(scenario: LoadedScenario, onProgress: (fraction: number) => void): Simulated {
  const { runs, trials } = scenario;
  const traced = replayTasks(runs, trials);
  const total = runs.length * trials;
  const results: RunResult[] = [];
  const traces: (Trace | undefined)[] = [];
  let events = 0;
  for (let task = 0; task < total; task++) {
    const run = runs[Math.floor(task / trials)];
    const duration = run.scenario.duration;
    const out = runTaskWatched({ run, trial: task % trials, trace: traced.has(task) }, (now) =>
      onProgress((task + now / duration) / total),
    );
    results.push(out.result);
    traces.push(out.trace);
    events += out.events;
    onProgress((task + 1) / total);
  }
  const expectations = evaluateExpectations(scenario.expectations, rowsOf(results), scenario.sweepKeys);
  return {
    scenario: scenario.name,
    description: scenario.description,
    sweepKeys: scenario.sweepKeys,
    results,
    summaryCsv: summaryCsv(results, scenario.sweepKeys),
    replays: replaysOf(runs, trials, results, traces),
    events,
    expectations: expectations.map(({ outcome, message }) => ({ outcome, message })),
  };
}
