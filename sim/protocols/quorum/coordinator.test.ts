// The open coordinations against a Map in id order (what the ring replaced): the same lookups,
// the same Unavailable answers in the same order, the same sweep timers, through growth,
// out-of-order finishes and crashes.
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { ReplyStatus } from '../node.js';
import { Coordinations, type Coordination } from './coordinator.js';

const TIMEOUT = 100;

describe('Coordinations', () => {
  it('behaves as a Map in id order under any mix of begins, finishes, lookups, sweeps and crashes', () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.nat(1000), fc.integer({ min: 0, max: 30 }));
    fc.assert(
      fc.property(fc.array(op, { minLength: 100, maxLength: 600 }), (ops) => {
        // a long timeout: dozens stay open at once, so the ring grows with its oldest still open
        const ring = new Coordinations(20 * TIMEOUT);
        const model = new Map<number, Coordination>();
        const out = new RecordingOutbox(seedrandom.alea('c'));
        let now = 0;
        let ids = 0;
        for (const [what, pick, dt] of ops) {
          now += dt;
          const open = [...model.values()];
          if (what <= 4) {
            const asked = { attempt: ids, op: ids, key: 0 };
            const c = pick % 2 === 0 ? ring.beginWrite(now, out, asked, 1) : ring.beginRead(now, out, asked, 1);
            expect(c.req).toBe(ids++);
            model.set(c.req, c);
          } else if (what <= 6 && open.length > 0) {
            const c = open[pick % open.length];
            ring.finish(c);
            model.delete(c.req);
          } else if (what === 7) {
            const id = pick % (ids + 2);
            expect(ring.get(id)).toBe(model.get(id));
          } else if (what === 8) {
            out.take();
            ring.sweep(now, out);
            const due = open.filter((c) => c.deadline <= now);
            const answered = out.take().flatMap((e) => (e.kind === 'reply' ? [[e.attempt, e.status]] : []));
            expect(answered).toEqual(due.map((c) => [c.attempt, ReplyStatus.Unavailable]));
            for (const c of due) model.delete(c.req);
          } else if (pick % 10 === 0) {
            ring.crash();
            model.clear();
          }
          expect(ring.size).toBe(model.size);
        }
        for (let id = 0; id < ids + 2; id++) expect(ring.get(id)).toBe(model.get(id));
      }),
      { numRuns: 200 },
    );
  });

  it('answers Unavailable oldest first and re-aims its timer at the oldest still open', () => {
    const ring = new Coordinations(TIMEOUT);
    const out = new RecordingOutbox(seedrandom.alea('c'));
    const cs = [0, 10, 20, 30].map((at, attempt) => ring.beginWrite(at, out, { attempt, op: attempt, key: 0 }, 1));
    ring.finish(cs[0]);
    out.take();
    ring.sweep(125, out); // past the deadlines of 10 and 20 (110, 120), not 30's (130)
    expect(out.take()).toEqual([
      { kind: 'reply', attempt: 1, status: ReplyStatus.Unavailable, value: 0 },
      { kind: 'reply', attempt: 2, status: ReplyStatus.Unavailable, value: 0 },
      { kind: 'setTimer', id: 0, delay: 5 },
    ]);
    expect(ring.size).toBe(1);
  });
});
