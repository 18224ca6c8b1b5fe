// A run in slices (the main thread's way of staying free for Ctrl-C) is the same run: every
// number of the result equals the uninterrupted run's, crash and failover included.
import { describe, expect, it, vi } from 'vitest';
import { LAN, loadRun, raft } from '../../test/fixtures/scenario.js';
import { runOnce, runOnceInSlices } from './run.js';

describe('runOnceInSlices', () => {
  it('pauses between slices and returns what runOnce returns', async () => {
    const run = loadRun(raft(3), {
      arrival: { kind: 'poisson', ratePerSecond: 8000 },
      network: LAN,
      faults: [{ type: 'crash', at: 2_000_000, target: 'leader' }],
    });
    const whole = runOnce(run, 0);
    const pauses = vi.spyOn(globalThis, 'setImmediate');
    // the engine pauses at multiples of 65 536 events: a slice of 1 asks for each of them
    const sliced = await runOnceInSlices(run, 0, {}, 1);
    expect(whole.events).toBeGreaterThan(4 * 65_536);
    expect(pauses).toHaveBeenCalledTimes(Math.floor(whole.events / 65_536));
    pauses.mockRestore();
    expect(sliced).toEqual(whole);
  });
});
