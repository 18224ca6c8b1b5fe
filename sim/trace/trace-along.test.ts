// A run without faults records its replay window along the run instead of re-running it: the
// trace must be the re-run's to the byte, and the run's result what it is untraced.
import { describe, expect, it } from 'vitest';
import { runOnce, runOnceInSlices } from '../engine/run.js';
import { LAN, load, makeRun, raft } from '../../test/fixtures/scenario.js';
import { traceAlong, traceRun, windowOf } from './trace-run.js';

// 5 s: longer than the 3 s window, so the tracer detaches mid-run
const run = makeRun({
  architecture: raft(3),
  duration: 5_000_000,
  warmup: 500_000,
  network: LAN,
  workload: load({ rate: 400, writes: 0.5, keys: 100, timeout: 200_000, retries: 3, backoff: 20_000 }),
});

describe('tracing along a run without faults', () => {
  const plain = runOnce(run, 0);
  const window = windowOf(plain.result, run.scenario.duration);
  const reRun = traceRun(run, 0, window);

  it('records the trace the re-run records, and leaves the run as it is untraced', () => {
    const along = traceAlong(run, 0);
    if (along === null) throw new Error('a run without faults is traced along');
    const out = runOnce(run, 0, along.hooks);
    expect(out).toEqual(plain);
    expect(JSON.stringify(along.traceFor(window))).toBe(JSON.stringify(reRun));
  });

  it('does the same in slices', async () => {
    const along = traceAlong(run, 0);
    if (along === null) throw new Error('a run without faults is traced along');
    const out = await runOnceInSlices(run, 0, along.hooks, 1);
    expect(out).toEqual(plain);
    expect(JSON.stringify(along.traceFor(window))).toBe(JSON.stringify(reRun));
  });

  it('gives nothing for another window (the caller re-runs), nor for a run with faults', () => {
    const along = traceAlong(run, 0);
    if (along === null) throw new Error('a run without faults is traced along');
    runOnce(run, 0, along.hooks);
    expect(along.traceFor({ from: window.from, to: window.to + 1 })).toBeUndefined();
    const faulty = makeRun({ ...run.scenario, faults: [{ type: 'crash', at: 1_000_000, target: 'leader' }] });
    expect(traceAlong(faulty, 0)).toBeNull();
  });
});
