// A worker thread's task: one run of one trial. Inputs and outputs are plain data, so they
// cross the thread boundary by structured clone.
import { runOnce, type RunOutput } from './engine/run.js';
import type { RunSpec } from './scenario/scenario.js';

export interface WorkerTask {
  run: RunSpec;
  trial: number;
}

export default function runTask(task: WorkerTask): RunOutput {
  return runOnce(task.run, task.trial);
}
