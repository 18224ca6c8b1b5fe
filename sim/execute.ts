// Runs every run of a loaded scenario file — each variant × sweep point × trial — and returns
// the finished results in a fixed order (the order of the file, then trial), whatever order
// they were computed in. This is the programmatic API behind `leadsim run` and `check`.
// With more than one run and a built worker (dist/), runs spread over a tinypool of worker
// threads, one per core; each run is deterministic on its own, so the threads cannot change
// a single byte of the results. A single run stays on this thread: a worker would load the
// simulator a second time for nothing (docs/speed.md, change 6).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { RunResult } from './metrics/run-result.js';
import type { RunSpec } from './scenario/scenario.js';
import type { Trace } from './trace/trace.js';
import runTask, { runTaskInSlices, type TaskOutput, type WorkerTask } from './worker.js';

export interface ExecuteOptions {
  trials: number;
  /** Worker threads; 1 runs everything on this thread. Default: one per core. */
  threads?: number;
  /** Called after each run with (runs done, runs in all). */
  onRunDone?: (done: number, total: number) => void;
  /** Keeps this thread free to answer an interrupt (the CLI's SIGINT handler cannot run while a
   *  simulation holds this thread): a single task runs here in slices of events, letting the
   *  event loop turn between them; several go to worker threads anyway. */
  isolate?: boolean;
  /** Runs only the tasks whose index (see tasksOf) it accepts, results still in index order (a shard). Default: all. */
  select?: (index: number) => boolean;
  /** Tasks (by index, see tasksOf) whose replay window to trace too, in the same thread right after the run. */
  trace?: ReadonlySet<number>;
}

export interface Execution {
  results: RunResult[];
  events: number;
  /** Per result, the traced window when `trace` asked for it. */
  traces: (Trace | undefined)[];
}

const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Every task in result order: run by run, then trial; task i is run ⌊i / trials⌋, trial i mod trials. */
function tasksOf(runs: readonly RunSpec[], trials: number): WorkerTask[] {
  return runs.flatMap((run) => Array.from({ length: trials }, (_, trial) => ({ run, trial })));
}

export async function execute(runs: readonly RunSpec[], options: ExecuteOptions): Promise<Execution> {
  const { select, trace } = options;
  const all = tasksOf(runs, options.trials).map((task, i) => (trace?.has(i) ? { ...task, trace: true } : task));
  const tasks = select ? all.filter((_, i) => select(i)) : all;
  const threads = Math.min(options.threads ?? availableParallelism(), tasks.length);
  // the worker exists only in the build; from TypeScript sources (tests) everything runs here
  const pooled = threads > 1 && existsSync(workerFile);
  const outputs = pooled
    ? await inPool(tasks, threads, options.onRunDone)
    : options.isolate === true
      ? await inThisThreadInSlices(tasks, options.onRunDone)
      : inThisThread(tasks, options.onRunDone);
  return {
    results: outputs.map((o) => o.result),
    events: outputs.reduce((sum, o) => sum + o.events, 0),
    traces: outputs.map((o) => o.trace),
  };
}

function inThisThread(tasks: WorkerTask[], onRunDone?: (done: number, total: number) => void): TaskOutput[] {
  return tasks.map((task, i) => {
    const out = runTask(task);
    onRunDone?.(i + 1, tasks.length);
    return out;
  });
}

async function inThisThreadInSlices(tasks: WorkerTask[], onRunDone?: (done: number, total: number) => void): Promise<TaskOutput[]> {
  const outputs: TaskOutput[] = [];
  for (const task of tasks) {
    outputs.push(await runTaskInSlices(task));
    onRunDone?.(outputs.length, tasks.length);
  }
  return outputs;
}

/**
 * A rough relative cost of a task: simulated time × nodes. Under a fixed load the node count
 * barely matters, but sweeps usually scale the load with the nodes, and there the biggest
 * point costs more than all the small ones together.
 */
function expectedCost(task: WorkerTask): number {
  const { duration, architecture } = task.run.scenario;
  return duration * architecture.nodes;
}

/**
 * The pool starts tasks in the order they are submitted: the costliest first (ties in index
 * order), so the last task to finish is a short one and no thread idles while another still
 * has a long run ahead. Outputs still come back in index order.
 */
async function inPool(tasks: WorkerTask[], threads: number, onRunDone?: (done: number, total: number) => void): Promise<TaskOutput[]> {
  const pool = new Tinypool({ filename: workerFile, minThreads: threads, maxThreads: threads });
  const costs = tasks.map(expectedCost);
  const order = tasks.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const outputs = new Array<TaskOutput>(tasks.length);
  let done = 0;
  try {
    await Promise.all(
      order.map(async (i) => {
        outputs[i] = await pool.run(tasks[i]); // the worker's runTask returns a TaskOutput
        onRunDone?.(++done, tasks.length);
      }),
    );
    return outputs;
  } finally {
    await pool.destroy();
  }
}
