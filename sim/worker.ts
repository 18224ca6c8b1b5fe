// A worker thread's task: one run of one trial, and for a task that gets a replay page, its
// traced window: recorded along the run when a run without faults makes it known in advance,
// else from a traced re-run of the window right after, while the simulator's code is still warm
// (a cold traced re-run on the main thread cost about as much as a short run). Inputs and outputs are
// plain data, so they cross the thread boundary by structured clone.
import { runOnce, runOnceInSlices, type RunOutput } from './engine/run.js';
import type { Micros, RunSpec } from './scenario/scenario.js';
import type { Trace } from './trace/trace.js';
import { traceAlong, traceRun, windowOf } from './trace/trace-run.js';

export interface WorkerTask {
  run: RunSpec;
  trial: number;
  /** Also record the traced window the replay page of this run shows. */
  trace?: boolean;
}

export interface TaskOutput extends RunOutput {
  trace?: Trace;
}

export default function runTask(task: WorkerTask): TaskOutput {
  return runTaskWatched(task);
}

/** The same task, telling `onProgress` the simulated time now and then (the playground's bar). */
export function runTaskWatched(task: WorkerTask, onProgress?: (now: Micros) => void): TaskOutput {
  const along = task.trace === true ? traceAlong(task.run, task.trial) : null;
  return withTrace(task, runOnce(task.run, task.trial, { ...along?.hooks, onProgress }), along);
}

/** The same task on a thread that must stay free to answer a signal between slices of the run. */
export async function runTaskInSlices(task: WorkerTask): Promise<TaskOutput> {
  const along = task.trace === true ? traceAlong(task.run, task.trial) : null;
  return withTrace(task, await runOnceInSlices(task.run, task.trial, along?.hooks), along);
}

/** The replay window's trace: recorded along the run when its window was known in advance,
 *  else from a re-run of the window. */
function withTrace(task: WorkerTask, out: TaskOutput, along: ReturnType<typeof traceAlong>): TaskOutput {
  if (task.trace !== true) return out;
  const window = windowOf(out.result, task.run.scenario.duration);
  out.trace = along?.traceFor(window) ?? traceRun(task.run, task.trial, window);
  return out;
}
