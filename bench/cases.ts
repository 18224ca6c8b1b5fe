// The benchmark cases. `engine-mm1` is the event loop alone on the reference loop's M/M/1
// workload (same arrival and service rates); the others run the whole product: workload,
// architecture, metrics and, where the issue asks, report writing.
import { EventQueue } from '../sim/core/event-queue.js';
import { stream } from '../sim/core/rng.js';
import { runOnce } from '../sim/engine/run.js';
import { lb, makeRun } from '../sim/testing/make-scenario.js';

export interface BenchCase {
  name: string;
  /** Which reference-loop workload the events/s are compared with. */
  reference: 'mm1' | 'heartbeat';
  run(outDir: string): { events: number; note: string };
}

/** The engine alone: one FIFO server, ρ = 0.8, as in reference-loop.mjs. */
function engineMm1(target: number): { events: number; note: string } {
  const q = new EventQueue();
  const rand = stream(42, 'bench');
  const exp = (mean: number) => -mean * Math.log(1 - rand());
  const ARRIVE = 0;
  const queue: number[] = [];
  let head = 0;
  let busy = false;
  let served = 0;
  let sumResponse = 0;
  q.push(exp(1 / 0.8), ARRIVE, 0, 0, 0);
  for (let events = 0; events < target; events++) {
    q.pop();
    const now = q.now;
    if (q.kind === ARRIVE) {
      q.push(now + exp(1 / 0.8), ARRIVE, 0, 0, 0);
      queue.push(now);
      if (!busy) {
        busy = true;
        q.push(now + exp(1), 1, 0, 0, 0);
      }
    } else {
      sumResponse += now - queue[head++];
      served++;
      if (head > 1 << 20) {
        queue.splice(0, head);
        head = 0;
      }
      if (head < queue.length) q.push(now + exp(1), 1, 0, 0, 0);
      else busy = false;
    }
  }
  return { events: target, note: `mean response ${(sumResponse / served).toFixed(3)} (theory 5)` };
}

/** 2 million M/M/1 requests through the full product (ρ = 0.8, 10 k requests/s for 200 s). */
function productMm1(): { events: number; note: string } {
  const run = makeRun({
    architecture: lb(1),
    duration: 201_000_000,
    workload: {
      arrival: { kind: 'poisson', ratePerSecond: 10_000 },
      writes: 0.5,
      keys: { dist: 'uniform', count: 1000 },
      timeout: 100_000_000,
      retries: { max: 0, backoff: 1000 },
    },
    cpu: { service: { dist: 'exponential', mean: 80 }, perMessage: 0, perEntry: 0 },
  });
  const { result, events } = runOnce(run, 0);
  return {
    events,
    note: `${result.summary.completed} requests after warmup, mean ${(result.summary.latency_mean_ms as number).toFixed(3)} ms (theory 0.400)`,
  };
}

export const benchCases: BenchCase[] = [
  { name: 'engine-mm1', reference: 'mm1', run: () => engineMm1(10_000_000) },
  { name: 'product-mm1-2M-requests', reference: 'mm1', run: () => productMm1() },
];
