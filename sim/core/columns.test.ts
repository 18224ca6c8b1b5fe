import { describe, expect, it } from 'vitest';
import { FloatColumn, IntColumn } from './columns.js';

describe('columns', () => {
  it('keep every row by its run-wide number while nothing is forgotten, growing past the first capacity', () => {
    const ints = new IntColumn(4);
    const floats = new FloatColumn(4);
    for (let i = 0; i < 100; i++) {
      expect(ints.push(i * 3)).toBe(i);
      expect(floats.push(i + 0.5)).toBe(i);
    }
    ints.set(7, -1);
    expect([ints.get(0), ints.get(7), ints.get(99), floats.get(42)]).toEqual([0, -1, 297, 42.5]);
    expect(ints.first).toBe(0);
  });

  it('reuse the storage of forgotten rows: a sliding window of rows stays small, and rows after the window read back exactly', () => {
    const ints = new IntColumn(8);
    const floats = new FloatColumn(8);
    const live = 5;
    for (let i = 0; i < 10_000; i++) {
      ints.push(i);
      floats.push(i / 4);
      if (i >= live) {
        ints.forget(i - live);
        floats.forget(i - live);
      }
      for (let j = Math.max(0, i - live); j <= i; j++) {
        expect(ints.get(j)).toBe(j);
        expect(floats.get(j)).toBe(j / 4);
      }
    }
    // forgotten rows are dropped only when room is needed, and storage never grew past 2 × (window + 1)
    expect(ints.first).toBeGreaterThan(10_000 - 3 * live - 8);
    expect(ints.data.length).toBeLessThanOrEqual(16);
  });

  it('grow instead of compacting while less than half of the storage is forgotten', () => {
    const ints = new IntColumn(8);
    for (let i = 0; i < 8; i++) ints.push(i);
    ints.forget(3); // 3 of 8: not enough to compact
    ints.push(8);
    expect(ints.first).toBe(0);
    expect(ints.data.length).toBe(16);
    expect(ints.get(0)).toBe(0);
  });
});
