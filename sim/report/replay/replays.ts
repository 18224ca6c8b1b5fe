// The replay pages a run writes: one per variant (first sweep point, trial 0), over a window
// around the run's first fault, from a traced re-run of the same seed.
import type { RunResult } from '../../metrics/run-result.js';
import type { RunSpec } from '../../scenario/scenario.js';
import type { Trace } from '../../trace/trace.js';
import { traceRun, windowOf } from '../../trace/trace-run.js';
import { replayFileName, uniqueNames } from '../files.js';
import { replayPage } from './page.js';

export { windowOf };

export interface ReplayFile {
  file: string;
  variant: string;
  html: string;
}

/** The tasks (indices in execute's order: run by run, then trial) that get a replay page: each
 *  variant's first run, trial 0. */
export function replayTasks(runs: readonly RunSpec[], trials: number): Set<number> {
  const seen = new Set<string>();
  const tasks = new Set<number>();
  runs.forEach((run, i) => {
    const variant = run.variant || run.scenario.architecture.kind;
    if (seen.has(variant)) return;
    seen.add(variant);
    tasks.add(i * trials);
  });
  return tasks;
}

/** The trace with the run's first failover (fault and end, µs), which sets the page's default speed. */
export function withFailover(trace: Trace, result: RunResult): Trace {
  const first = result.failovers[0];
  const at = first?.fault_at_ms;
  const took = first?.failover_ms;
  if (typeof at !== 'number' || typeof took !== 'number' || !Number.isFinite(took)) return trace;
  return { ...trace, failover: { at: Math.round(at * 1000), end: Math.round((at + took) * 1000) } };
}

/** `results` in execute's order (run by run, then trial). `traces[i]`, where given, is task i's
 *  traced window as the worker that ran it recorded it (see execute's `trace`); the others are
 *  traced here. */
export function replaysOf(
  runs: readonly RunSpec[],
  trials: number,
  results: readonly RunResult[],
  traces: readonly (Trace | undefined)[] = [],
): ReplayFile[] {
  const tasks = [...replayTasks(runs, trials)];
  const variantOf = (task: number) => runs[task / trials].variant || runs[task / trials].scenario.architecture.kind;
  // "a b" and "a_b" are one file name once made safe: the second gets -2
  const stems = uniqueNames(tasks.map((task) => replayFileName(variantOf(task)).replace(/\.html$/, '')));
  return tasks.map((task, i) => {
    const run = runs[task / trials];
    const trace = withFailover(traces[task] ?? traceRun(run, 0, windowOf(results[task], run.scenario.duration)), results[task]);
    return { file: `${stems[i]}.html`, variant: variantOf(task), html: replayPage(trace) };
  });
}
