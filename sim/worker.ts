// A worker thread's task: one run of one trial, and for a task that gets a replay page, the
// traced re-run of its window right after, while the simulator's code is still warm (a cold
// traced re-run on the main thread cost about as much as a short run). Inputs and outputs are
// plain data, so they cross the thread boundary by structured clone.
import { runOnce, runOnceInSlices, type RunOutput } from './engine/run.js';
import type { RunSpec } from './scenario/scenario.js';
import type { Trace } from './trace/trace.js';
import { traceRun, windowOf } from './trace/trace-run.js';

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
  return withTrace(task, runOnce(task.run, task.trial));
}

/** The same task on a thread that must stay free to answer a signal between slices of the run. */
export async function runTaskInSlices(task: WorkerTask): Promise<TaskOutput> {
  return withTrace(task, await runOnceInSlices(task.run, task.trial));
}

function withTrace(task: WorkerTask, out: TaskOutput): TaskOutput {
  if (task.trace === true) out.trace = traceRun(task.run, task.trial, windowOf(out.result, task.run.scenario.duration));
  return out;
}
