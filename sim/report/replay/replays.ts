// The replay pages a run writes: one per variant (first sweep point, trial 0), over a window
// around the run's first fault, from a traced re-run of the same seed.
import type { RunResult } from '../../metrics/run-result.js';
import type { RunSpec } from '../../scenario/scenario.js';
import { defaultWindow, traceRun } from '../../trace/trace-run.js';
import { replayFileName } from '../files.js';
import { replayPage } from './page.js';

export interface ReplayFile {
  file: string;
  variant: string;
  html: string;
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

/** `results` in execute's order (run by run, then trial). */
export function replaysOf(runs: readonly RunSpec[], trials: number, results: readonly RunResult[]): ReplayFile[] {
  const seen = new Set<string>();
  const out: ReplayFile[] = [];
  runs.forEach((run, i) => {
    const variant = run.variant || run.scenario.architecture.kind;
    if (seen.has(variant)) return;
    seen.add(variant);
    const trace = traceRun(run, 0, windowOf(results[i * trials], run.scenario.duration));
    out.push({ file: replayFileName(variant), variant, html: replayPage(trace) });
  });
  return out;
}
