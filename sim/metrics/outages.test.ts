import { describe, expect, it } from 'vitest';
import { OutageLog } from './outages.js';

describe('OutageLog', () => {
  it('a failure that no success overtook runs from its sending to the next success', () => {
    const log = new OutageLog();
    log.succeeded(1_000);
    log.attemptFailed(201_000, 1_000);
    log.succeeded(250_000);
    expect(log.finish(300_000)).toEqual([{ from: 1_000, to: 250_000 }]);
  });

  it('a failure overtaken at once by other successes is no outage (a fleet serving around a dead server)', () => {
    const log = new OutageLog();
    log.succeeded(1_000);
    log.succeeded(3_000); // 2 ms after the doomed request left
    log.attemptFailed(201_000, 1_000);
    expect(log.finish(300_000)).toEqual([]);
  });

  it('a gap that closed just before its failure was known is still an outage (an election ending as the timeout fires)', () => {
    const log = new OutageLog();
    log.succeeded(1_000);
    log.succeeded(200_500); // 199.5 ms of silence, closed 0.5 ms before the timeout
    log.attemptFailed(201_000, 1_000);
    expect(log.finish(300_000)).toEqual([{ from: 1_000, to: 200_500 }]);
  });
});
