import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

function drain(q: EventQueue): [number, number][] {
  const out: [number, number][] = [];
  while (q.size > 0) {
    q.pop();
    out.push([q.now, q.a]);
  }
  return out;
}

describe('EventQueue', () => {
  it('pops in time order, ties in insertion order', () => {
    const q = new EventQueue(2);
    q.push(5, 0, 1, 0, 0);
    q.push(3, 0, 2, 0, 0);
    q.push(5, 0, 3, 0, 0);
    q.push(3, 0, 4, 0, 0);
    q.push(0, 0, 5, 0, 0);
    expect(drain(q)).toEqual([
      [0, 5],
      [3, 2],
      [3, 4],
      [5, 1],
      [5, 3],
    ]);
  });

  it('carries kind and all three arguments', () => {
    const q = new EventQueue();
    q.push(1, 7, -1, 2_000_000_000, 2 ** 40 + 0.5);
    q.pop();
    expect([q.now, q.kind, q.a, q.b, q.c]).toEqual([1, 7, -1, 2_000_000_000, 2 ** 40 + 0.5]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('matches a stable sort for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const q = new EventQueue(1);
        const model: [number, number][] = [];
        let id = 0;
        let clock = 0;
        for (const [dt, popFirst] of ops) {
          if (popFirst && q.size > 0) {
            q.pop();
            model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            const [t, a] = model.shift()!;
            expect([q.now, q.a]).toEqual([t, a]);
            clock = t;
          }
          q.push(clock + dt, 0, id, 0, 0);
          model.push([clock + dt, id++]);
        }
        model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(drain(q)).toEqual(model);
      }),
    );
  });

  it('keeps that order with lanes and the front slot, even when a lane is given an earlier event', () => {
    // lane 0: a fixed period (in order, as periodic timers are); lane 1: any delay (often out of
    // order, so it must fall back to the heap); -1: the heap; a zero delay fills the front slot
    const op = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -1, max: 1 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(2, 2);
        const model: [number, number][] = [];
        let id = 0;
        let clock = 0;
        for (const [dt, lane, popFirst] of ops) {
          if (popFirst && q.size > 0) {
            model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            expect(q.peekTime()).toBe(model[0][0]);
            q.pop();
            const [t, a] = model.shift()!;
            expect([q.now, q.a]).toEqual([t, a]);
            clock = t;
          }
          const at = clock + (lane === 0 ? 25 : dt % 3 === 0 ? 0 : dt);
          if (lane < 0) q.push(at, 0, id, 0, 0);
          else q.pushInLane(lane, at, 0, id, 0, 0);
          model.push([at, id++]);
        }
        model.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        expect(q.size).toBe(model.length);
        expect(drain(q)).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});
