// Reference values: scipy.stats.mannwhitneyu (two-sided, continuity correction) and
// scipy.stats.norm.sf, computed once and written down here.
import { describe, expect, it } from 'vitest';
import { holmAdjust, mannWhitney, normalUpperTail } from './mann-whitney.js';

describe('mannWhitney', () => {
  it.each([
    { a: [1, 2, 3, 4, 5], b: [6, 7, 8, 9, 10], u: 0, p: 0.007936507936507936, method: 'exact' },
    { a: [1.1, 2.2, 3.3, 4.4], b: [0.5, 2.5, 3.5, 6, 7, 8], u: 7, p: 0.35238095238095235, method: 'exact' },
    { a: [19, 22, 16, 29, 24], b: [20, 11, 17, 12], u: 17, p: 0.1111111111111111, method: 'exact' },
    { a: [3, 4, 2, 6, 2, 5], b: [9, 7, 5, 10, 6, 8], u: 2, p: 0.012591911490379705, method: 'normal' },
    { a: [1, 2, 2, 3, 3, 3, 4], b: [2, 3, 4, 4, 5, 5, 6, 7], u: 8.5, p: 0.025279736885893914, method: 'normal' },
  ])('U=$u p=$p ($method)', ({ a, b, u, p, method }) => {
    const test = mannWhitney(a, b);
    expect(test.u).toBe(u);
    expect(test.method).toBe(method);
    expect(test.p).toBeCloseTo(p, 12);
  });

  it('uses the normal approximation for large samples', () => {
    const a = Array.from({ length: 30 }, (_, i) => i);
    const b = a.map((x) => x + 10.5);
    const test = mannWhitney(a, b);
    expect(test).toMatchObject({ u: 190, method: 'normal' });
    expect(test.p).toBeCloseTo(0.00012477053789099933, 12);
  });

  it('is symmetric in its samples and says 1 when every value is equal', () => {
    expect(mannWhitney([5, 1, 9, 3, 7], [2, 8, 4, 6]).p).toBeCloseTo(mannWhitney([2, 8, 4, 6], [5, 1, 9, 3, 7]).p, 14);
    expect(mannWhitney([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]).p).toBe(1);
  });
});

describe('normalUpperTail', () => {
  it.each([
    [0, 0.5],
    [0.5, 0.3085375387259869],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [6, 9.865876450376946e-10],
  ])('1 − Φ(%d) = %d', (z, tail) => expect(normalUpperTail(z)).toBeCloseTo(tail, 14));
});

describe('holmAdjust', () => {
  it('multiplies the k-th smallest p by (m − k + 1) and keeps the order monotone', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });
  it('caps at 1', () => expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]));
});
