// One run, start to finish: build the architecture for a run spec and trial, simulate, and
// return the finished metrics. This is the programmatic API the CLI, the tests and the
// benchmark call.
import type { Architecture, BuildContext } from '../architectures/architecture.js';
import { buildArchitecture, capacityOpsPerSecond, descriptorOf } from '../architectures/registry.js';
import { stream, trialSeed } from '../core/rng.js';
import { MetricsCollector } from '../metrics/collector.js';
import { FailoverTracker } from '../metrics/failover.js';
import { InvariantChecker } from '../metrics/invariants.js';
import { OutageLog } from '../metrics/outages.js';
import { assembleRunResult, type RunResult } from '../metrics/run-result.js';
import type { Micros, RunSpec } from '../scenario/scenario.js';
import { ClusterState } from './cluster.js';
import { Observers } from './observers.js';
import { Simulation } from './simulation.js';

export interface RunOutput {
  result: RunResult;
  events: number;
}

export interface RunHooks {
  onProgress?: (now: Micros) => void;
  /** Builds the architecture instead of the registry (tests: a deliberately broken protocol). */
  build?: (ctx: BuildContext) => Architecture;
  /** Called once the simulation is built, before it runs (the replay's tracer attaches here). */
  beforeRun?: (sim: Simulation, arch: Architecture) => void;
  /** Stops the run here instead of at the scenario's end (a traced window needs no more). */
  until?: Micros;
  /** Called once every event up to `at` ran and none after it, the run then going on (a replay
   *  tracer that rode along with the run's first seconds detaches here). */
  checkpoint?: { at: Micros; reached: (sim: Simulation) => void };
}

/** Events between two yields of `runOnceInSlices` (a few tens of milliseconds of work). */
const SLICE_EVENTS = 1 << 18;

export function runOnce(run: RunSpec, trial: number, hooks: RunHooks = {}): RunOutput {
  const { sim, end, finish } = prepareRun(run, trial, hooks);
  const checkpoint = hooks.checkpoint;
  if (checkpoint !== undefined && checkpoint.at <= end) {
    sim.run(hooks.onProgress, checkpoint.at);
    checkpoint.reached(sim);
  }
  return finish(sim.run(hooks.onProgress, end));
}

/** The same run as `runOnce`, that lets this thread's event loop turn (a signal handler run)
 *  between slices of events: a run on the main thread that still answers Ctrl-C. */
export async function runOnceInSlices(run: RunSpec, trial: number, hooks: RunHooks = {}, sliceEvents = SLICE_EVENTS): Promise<RunOutput> {
  const { sim, end, finish } = prepareRun(run, trial, hooks);
  let checkpoint = hooks.checkpoint !== undefined && hooks.checkpoint.at <= end ? hooks.checkpoint : undefined;
  for (;;) {
    const stop = checkpoint?.at ?? end;
    const events = sim.run(hooks.onProgress, stop, sliceEvents);
    if (sim.reached(stop)) {
      if (checkpoint === undefined) return finish(events);
      checkpoint.reached(sim);
      checkpoint = undefined;
    } else await new Promise((resolve) => setImmediate(resolve));
  }
}

function prepareRun(run: RunSpec, trial: number, hooks: RunHooks): { sim: Simulation; end: Micros; finish: (events: number) => RunOutput } {
  const scenario = run.scenario;
  const seed = trialSeed(scenario.seed, trial);
  const observers = new Observers();
  const cluster = new ClusterState(scenario.architecture.nodes);
  const ctx: BuildContext = {
    scenario,
    stream: (label) => stream(seed, `arch/${label}`),
    // `sim` exists by the time anything is ejected (ejections happen while it runs)
    cluster: { isUp: (node) => cluster.isUp(node), ejected: (now, node) => sim.noteEjected(now, node) },
  };
  const arch = hooks.build ? hooks.build(ctx) : buildArchitecture(scenario.architecture, ctx);
  cluster.declareGroups(arch.groups);
  const metrics = new MetricsCollector(
    {
      scenario: scenario.name,
      variant: run.variant || scenario.architecture.kind,
      kind: scenario.architecture.kind,
      nodes: arch.nodes.length,
      seed,
      trial,
      sweepPoint: run.sweepPoint,
    },
    {
      warmup: scenario.warmup,
      duration: scenario.duration,
      bucket: scenario.bucket,
      hasLeader: arch.hasLeader,
      initialRole: arch.hasLeader ? 'follower' : 'serving',
      versionedReads: arch.versionedReads,
      promisesDurability: arch.promisesDurability,
      alerts: scenario.alerts,
      leaderGroups: descriptorOf(scenario.architecture.kind).leaderGroups(scenario.architecture),
      groups: arch.groups,
      capacity: capacityOpsPerSecond(scenario),
    },
  );
  const invariants = new InvariantChecker();
  const failovers = new FailoverTracker(arch);
  const outages = new OutageLog();
  observers.subscribe(metrics).subscribe(invariants).subscribe(failovers).subscribe(outages);
  const sim = new Simulation(scenario, arch, metrics, seed, cluster, observers);
  hooks.beforeRun?.(sim, arch);
  const end = Math.min(hooks.until ?? scenario.duration, scenario.duration);
  const finish = (events: number): RunOutput => {
    sim.clients.stillWaiting(end);
    return { result: assembleRunResult(end, arch.committedWrites(), { metrics, invariants, failovers, outages }), events };
  };
  return { sim, end, finish };
}
