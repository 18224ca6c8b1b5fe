import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordFifo } from './record-fifo.js';

/** The oldest record's fields, then drops it. */
function shiftRecord(f: RecordFifo): number[] {
  const fields = Array.from(f.data.subarray(f.head, f.head + f.stride));
  f.shift();
  return fields;
}

describe('RecordFifo', () => {
  it('returns records first in, first out, with every field of its stride and values past 32 bits exact', () => {
    const f = new RecordFifo(5, 2);
    f.push(1, 2, 3, 4, 5);
    f.push(6, 7, 2 ** 40 + 0.5, -1, 9);
    expect(shiftRecord(f)).toEqual([1, 2, 3, 4, 5]);
    expect(shiftRecord(f)).toEqual([6, 7, 2 ** 40 + 0.5, -1, 9]);
    expect(f.empty).toBe(true);
  });

  it('matches an array of records under any mix of pushes, shifts and clears, across growth and rewinds', () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer());
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(op, { minLength: 50, maxLength: 400 }), (stride, ops) => {
        const f = new RecordFifo(stride, 2);
        const model: number[][] = [];
        for (const [what, value] of ops) {
          if (what <= 2) {
            const record = Array.from({ length: stride }, (_, k) => value + k);
            f.push(record[0], record[1], record[2], record[3], record[4]);
            model.push(record);
          } else if (what <= 4 && model.length > 0) expect(shiftRecord(f)).toEqual(model.shift());
          else if (what === 5 && value % 8 === 0) {
            f.clear();
            model.length = 0;
          }
          expect(f.empty).toBe(model.length === 0);
          expect(f.size).toBe(model.length);
        }
        while (model.length > 0) expect(shiftRecord(f)).toEqual(model.shift());
      }),
      { numRuns: 200 },
    );
  });
});
