import { describe, expect, it } from 'vitest';

import { NearFaultRequests } from './near-faults.js';

const s = 1_000_000;

describe('NearFaultRequests', () => {
  it('keeps exactly the requests sent within 1 s of a fault, however many ended in between', () => {
    const log = new NearFaultRequests();
    // one request per ms for 10 s (forcing many compactions), a fault at t = 5 s
    for (let t = 0; t < 10 * s; t += 1000) {
      if (t === 5 * s) log.fault(t);
      log.record(t + 300, t, t % 7 !== 0);
    }
    const kept = log.finish();
    expect(kept).not.toBeNull();
    expect(Math.min(...(kept?.sent_ms ?? []))).toBe(4000);
    expect(Math.max(...(kept?.sent_ms ?? []))).toBe(6000);
    expect(kept?.sent_ms).toHaveLength(2001);
    expect(kept?.ok.filter((ok) => !ok).length).toBe(kept?.sent_ms.filter((ms) => (ms * 1000) % 7 === 0).length);
  });

  it('records nothing for a run without faults', () => {
    const log = new NearFaultRequests();
    log.record(10, 5, true);
    expect(log.finish()).toBeNull();
  });
});
