// The benchmark cases that run inside `bench.js --case NAME` (the bench times that process).
// `engine-mm1` and `engine-heartbeat` are the event loop alone on the reference loop's two
// workloads; the raft cases run the simulator without the CLI. The cases a user runs through
// the CLI (`leadsim run` on a scenario file) are in bench.ts.
import { EventQueue } from '../sim/core/event-queue.js';
import { stream } from '../sim/core/rng.js';
import { runOnce } from '../sim/engine/run.js';
import { execute } from '../sim/execute.js';
import { parseScenarioText } from '../sim/scenario/load.js';
import type { RunSpec } from '../sim/scenario/scenario.js';
import { GROWTH_KINDS, GROWTH_SIZES, growthCase, growthCaseName } from './cost-growth.js';

export interface BenchCase {
  name: string;
  run(): { events: number; note: string } | Promise<{ events: number; note: string }>;
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

/**
 * The reference loop's heartbeat workload on leadsim's queue: 1000 nodes, each with a timer
 * every 50 ms that sends a message to the next 8 peers (round robin) with an exponential delay,
 * mean 1 ms. The timers go into a lane of the queue (they are periodic), the messages into its
 * heap — as the engine schedules node timers and messages.
 */
function engineHeartbeat(target: number, nodes = 1000): { events: number; note: string } {
  const q = new EventQueue();
  const rand = stream(42, 'bench');
  const TICK = 0;
  const MESSAGE = 1;
  const PERIOD = 50_000;
  const received = new Int32Array(nodes);
  const cursor = new Int32Array(nodes);
  const fanout = Math.min(nodes - 1, 8);
  for (let n = 0; n < nodes; n++) q.push(rand() * PERIOD, TICK, n, 0, 0);
  for (let events = 0; events < target; events++) {
    q.pop();
    const now = q.now;
    const node = q.a;
    if (q.kind === MESSAGE) {
      received[node]++;
      continue;
    }
    q.pushInLane(0, now + PERIOD, TICK, node, 0, 0);
    for (let f = 0; f < fanout; f++) {
      cursor[node] = (cursor[node] + 1) % nodes;
      const to = cursor[node] === node ? (cursor[node] + 1) % nodes : cursor[node];
      q.push(now - 1000 * Math.log(1 - rand()), MESSAGE, to, node, 0);
    }
  }
  return { events: target, note: `${received.reduce((s, x) => s + x, 0)} messages received` };
}

/** A raft-group scenario, read by the real loader as if it were a file (so with the product's
 *  defaults: a LAN, the default CPU costs): `body` adds the keys that make the case. Writes time
 *  out after 300 ms and are retried up to 3 times. */
function raftRun(name: string, nodes: number, body: string): RunSpec {
  const text = `name: ${name}
architecture: { kind: raft-group, nodes: ${nodes} }
${body}
`;
  const [run] = parseScenarioText(text, `bench:${name}`).runs;
  return run;
}

const writes = (rate: string, share = 1) =>
  `workload: { arrival: { kind: poisson, rate: ${rate} }, writes: ${share}, timeout: 300ms, retries: { max: 3, backoff: 50ms } }`;

/** One 1000-node group under a steady 20 writes/s for 60 simulated seconds (its leader tops out near 30/s). */
function raft1000(): { events: number; note: string } {
  const run = raftRun('raft-1000-nodes-60s', 1000, `duration: 60s\nwarmup: 2s\n${writes('20/s')}`);
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
  const run = raftRun(
    'raft-5-mtbf-2-simulated-hours',
    5,
    `duration: 2h\nwarmup: 1s\nbucket: 1s\n${writes('20/s', 0.5)}\nfaults: [{ random: { mtbf: 60s, mttr: 20s } }]`,
  );
  const { result, events } = runOnce(run, 0);
  const s = result.summary;
  const unavailable = (s.unavailable_ms as number) / ((s.sim_seconds as number) * 1000);
  return { events, note: `${s.failovers} failovers, unavailable ${(unavailable * 100).toFixed(1)}% (closed form 10.4%)` };
}

/** 1000 trials of a five-node leader crash (3 s each), over a worker per core. */
async function raftTrials(): Promise<{ events: number; note: string }> {
  const run = raftRun('raft-5-leader-crash', 5, `duration: 3s\nwarmup: 500ms\n${writes('200/s')}\nfaults: [{ at: 1.5s, crash: leader }]`);
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

export const benchCases: BenchCase[] = [
  { name: 'engine-mm1', run: () => engineMm1(10_000_000) },
  { name: 'engine-heartbeat', run: () => engineHeartbeat(10_000_000) },
  { name: 'raft-1000-nodes-60s', run: () => raft1000() },
  { name: 'raft-5-leader-crash-1000-trials', run: () => raftTrials() },
  { name: 'raft-5-mtbf-2-simulated-hours', run: () => raftTwoHoursMtbf() },
  ...GROWTH_KINDS.flatMap((kind) =>
    GROWTH_SIZES.map((nodes) => ({ name: growthCaseName(kind, nodes), run: () => growthCase(kind, nodes) })),
  ),
];
