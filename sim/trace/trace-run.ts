// A traced re-run: the same run (same spec, trial and seed, so the same events) with a tracer
// attached for one time window. It stops at the window's end.
import type { Architecture } from '../architectures/architecture.js';
import { descriptorOf } from '../architectures/registry.js';
import { trialSeed } from '../core/rng.js';
import { runOnce, type RunHooks } from '../engine/run.js';
import type { Simulation } from '../engine/simulation.js';
import type { RunResult } from '../metrics/run-result.js';
import type { Micros, RunSpec } from '../scenario/scenario.js';
import type { Trace } from './trace.js';
import { Tracer, type TracedRun } from './tracer.js';

export interface TraceWindow {
  from: Micros;
  to: Micros;
}

export function traceRun(run: RunSpec, trial: number, window: TraceWindow): Trace {
  let tracer: Tracer | undefined;
  const { result } = runOnce(run, trial, {
    until: window.to,
    beforeRun: (sim, arch) => (tracer = attachTracer(run, trial, window, sim, arch)),
  });
  const trace = finish(tracer);
  trace.seed = result.seed;
  return trace;
}

/** A tracer that rides along with the run itself over the window a run without faults records
 *  (its first seconds), instead of a re-run after it: the hooks to run it with, and the trace —
 *  if the finished run's window (`windowOf`) turns out to be that one; otherwise the caller
 *  re-runs (`traceRun`). Only for runs without faults, whose window is known in advance. */
export function traceAlong(run: RunSpec, trial: number): { hooks: RunHooks; traceFor: (window: TraceWindow) => Trace | undefined } | null {
  if (run.scenario.faults.length > 0) return null;
  const window = defaultWindow(null, run.scenario.duration);
  let trace: Trace | undefined;
  let tracer: Tracer | undefined;
  const hooks: RunHooks = {
    beforeRun: (sim, arch) => (tracer = attachTracer(run, trial, window, sim, arch)),
    checkpoint: {
      at: window.to,
      reached: (sim) => {
        sim.traceWith(null);
        trace = finish(tracer);
        trace.seed = trialSeed(run.scenario.seed, trial);
      },
    },
  };
  return { hooks, traceFor: (w) => (w.from === window.from && w.to === window.to ? trace : undefined) };
}

/** The trace of a tracer that `beforeRun` attached (it runs before any event). */
function finish(tracer: Tracer | undefined): Trace {
  if (tracer === undefined) throw new Error('trace: the run started without its tracer');
  return tracer.finish();
}

function attachTracer(run: RunSpec, trial: number, window: TraceWindow, sim: Simulation, arch: Architecture): Tracer {
  const tracer = new Tracer(
    {
      scenario: run.scenario.name,
      variant: run.variant || run.scenario.architecture.kind,
      kind: run.scenario.architecture.kind,
      seed: 0,
      trial,
      point: Object.entries(run.sweepPoint)
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
      hasLeader: arch.hasLeader,
      from: window.from,
      to: window.to,
    },
    tracedRun(run, sim, arch),
  );
  sim.traceWith(tracer);
  return tracer;
}

/** What a tracer reads of a running simulation and its architecture. */
export function tracedRun(run: RunSpec, sim: Simulation, arch: Architecture): TracedRun {
  const messageKinds = descriptorOf(run.scenario.architecture.kind).messageKinds;
  return {
    nodes: arch.nodes,
    replicasOf: (node) => arch.replicasOf(node),
    messageKind: (type) => (Object.hasOwn(messageKinds, type) ? messageKinds[type] : 'other'),
    connected: (a, b) => sim.network.connected(a, b),
    local: (node, t) => sim.clocks.local(node, t),
    faults: () => sim.metrics.faultMarkers(),
  };
}

/** The window `run` records: from a little before the first fault to a few seconds after it;
 *  without faults, the first seconds. */
function defaultWindow(firstFaultMs: number | null, durationMicros: Micros): TraceWindow {
  const BEFORE = 500_000;
  const AFTER = 2_500_000;
  if (firstFaultMs === null) return { from: 0, to: Math.min(durationMicros, BEFORE + AFTER) };
  const at = Math.round(firstFaultMs * 1000);
  const from = Math.max(0, at - BEFORE);
  return { from, to: Math.min(durationMicros, from + BEFORE + AFTER) };
}

/** The window of a finished run: around its first fault, long enough to see the failover end. */
export function windowOf(result: RunResult, duration: number): { from: number; to: number } {
  const fault = result.faults.length > 0 ? result.faults[0].at_ms : null;
  const window = defaultWindow(fault, duration);
  const ended = result.failovers[0]?.first_commit_at_ms;
  if (typeof ended === 'number' && Number.isFinite(ended))
    window.to = Math.min(duration, Math.max(window.to, Math.round(ended * 1000) + 500_000), window.from + 10_000_000);
  return window;
}
