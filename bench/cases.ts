// The benchmark cases. `engine-mm1` is the event loop alone on the reference loop's M/M/1
// workload (same arrival and service rates); the others run the whole product: workload,
// architecture, metrics and, where the issue asks, report writing.
import { EventQueue } from '../sim/core/event-queue.js';
import { stream } from '../sim/core/rng.js';
import { runOnce } from '../sim/engine/run.js';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execute } from '../sim/execute.js';
import { loadScenarioFile } from '../sim/scenario/load.js';
import { writeReports } from '../sim/report/write-reports.js';
import { LAN, lb, makeRun, raft } from '../sim/testing/make-scenario.js';

const bundledScenarios = resolve(fileURLToPath(import.meta.url), '..', '..', '..', 'scenarios');

export interface BenchCase {
  name: string;
  /** Which reference-loop workload the events/s are compared with. */
  reference: 'mm1' | 'heartbeat';
  run(outDir: string): { events: number; note: string } | Promise<{ events: number; note: string }>;
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

/** 2 million M/M/1 requests through the full product (ρ = 0.8, 10 k requests/s for 200 s), reports included. */
async function productMm1(outDir: string): Promise<{ events: number; note: string }> {
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
  await writeReports(outDir, { scenario: 'bench-mm1', description: '', results: [result], sweepKeys: [] });
  return {
    events,
    note: `${result.summary.completed} requests after warmup, mean ${(result.summary.latency_mean_ms as number).toFixed(3)} ms (theory 0.400)`,
  };
}

const writes = (ratePerSecond: number) => ({
  arrival: { kind: 'poisson' as const, ratePerSecond },
  writes: 1,
  keys: { dist: 'uniform' as const, count: 1000 },
  timeout: 300_000,
  retries: { max: 3, backoff: 50_000 },
});

/** One 1000-node group under a steady 20 writes/s for 60 simulated seconds (its leader tops out near 30/s). */
function raft1000(): { events: number; note: string } {
  const run = makeRun({ architecture: raft(1000), duration: 60_000_000, warmup: 2_000_000, network: LAN, workload: writes(20) });
  const { result, events } = runOnce(run, 0);
  const s = result.summary;
  return {
    events,
    note: `${s.completed} writes, leader CPU ${((s.leader_utilization as number) * 100).toFixed(0)}%, p99 ${s.latency_p99_ms} ms`,
  };
}

/** Long-run availability: two simulated hours of a five-node group at 20 req/s, every node
 *  failing and being repaired at random (MTBF 60 s, MTTR 20 s). */
function raftTwoHoursMtbf(): { events: number; note: string } {
  const run = makeRun({
    architecture: raft(5),
    duration: 2 * 3_600_000_000,
    warmup: 1_000_000,
    bucket: 1_000_000,
    network: LAN,
    workload: { ...writes(20), writes: 0.5 },
    faults: [{ type: 'random', mtbf: 60_000_000, mttr: 20_000_000 }],
  });
  const { result, events } = runOnce(run, 0);
  const s = result.summary;
  const unavailable = (s.unavailable_ms as number) / ((s.sim_seconds as number) * 1000);
  return { events, note: `${s.failovers} failovers, unavailable ${(unavailable * 100).toFixed(1)}% (closed form 10.4%)` };
}

/** 1000 trials of a five-node leader crash (3 s each), over a worker per core. */
async function raftTrials(): Promise<{ events: number; note: string }> {
  const run = makeRun({
    architecture: raft(5),
    duration: 3_000_000,
    warmup: 500_000,
    network: LAN,
    workload: writes(200),
    faults: [{ type: 'crash', at: 1_500_000, target: 'leader' }],
  });
  const { results, events } = await execute([run], { trials: 1000 });
  const failovers = results
    .map((r) => r.summary.failover_mean_ms)
    .filter((x): x is number => typeof x === 'number')
    .sort((a, b) => a - b);
  return {
    events,
    note: `${failovers.length} failovers, median ${failovers[failovers.length >> 1]} ms, max ${failovers[failovers.length - 1]} ms`,
  };
}

/** The bundled four-way scaling sweep (3..1000 nodes × 4 architectures), on a worker per core. */
async function scalingFourWays(): Promise<{ events: number; note: string }> {
  const loaded = loadScenarioFile(join(bundledScenarios, 'scaling-four-ways.yaml'));
  const { results, events } = await execute(loaded.runs, { trials: 1 });
  const at1000 = results.filter((r) => r.nodes === 1000).map((r) => `${r.variant} ${Math.round(r.summary.throughput_ops_s as number)}`);
  return { events, note: `${results.length} runs; ops/s at 1000 nodes: ${at1000.join(', ')}` };
}

export const benchCases: BenchCase[] = [
  { name: 'engine-mm1', reference: 'mm1', run: () => engineMm1(10_000_000) },
  { name: 'product-mm1-2M-requests', reference: 'mm1', run: (out) => productMm1(out) },
  { name: 'raft-1000-nodes-60s', reference: 'heartbeat', run: () => raft1000() },
  { name: 'raft-5-leader-crash-1000-trials', reference: 'heartbeat', run: () => raftTrials() },
  { name: 'raft-5-mtbf-2-simulated-hours', reference: 'heartbeat', run: () => raftTwoHoursMtbf() },
  { name: 'scaling-four-ways-3-to-1000', reference: 'heartbeat', run: () => scalingFourWays() },
];
