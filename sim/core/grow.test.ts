import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grownFloat64, grownInt32, grownUint8 } from './grow.js';

describe('grown typed arrays', () => {
  it('keep the old values at the front of a longer array of the same type, zeros after', () => {
    const f = grownFloat64(Float64Array.of(1.5, 2 ** 40, -3), 5);
    expect(f).toBeInstanceOf(Float64Array);
    expect(Array.from(f)).toEqual([1.5, 2 ** 40, -3, 0, 0]);
    const i = grownInt32(Int32Array.of(-7, 8), 3);
    expect(i).toBeInstanceOf(Int32Array);
    expect(Array.from(i)).toEqual([-7, 8, 0]);
    const u = grownUint8(Uint8Array.of(255), 2);
    expect(u).toBeInstanceOf(Uint8Array);
    expect(Array.from(u)).toEqual([255, 0]);
  });

  it('unroll a ring: count values from head, wrapping past the end, land in order at the front', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.nat(), fc.nat(), (size, h, c) => {
        const head = h % size;
        const count = c % (size + 1);
        const ring = Int32Array.from({ length: size }, (_, k) => 100 + k);
        const expected = Array.from({ length: count }, (_, k) => ring[(head + k) % size]);
        const grown = grownInt32(ring, 2 * size, head, count);
        expect(grown.length).toBe(2 * size);
        expect(Array.from(grown.subarray(0, count))).toEqual(expected);
        expect(grown.subarray(count).every((v) => v === 0)).toBe(true);
      }),
    );
  });
});
