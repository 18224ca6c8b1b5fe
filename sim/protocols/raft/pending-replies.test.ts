import { describe, expect, it } from 'vitest';
import { PendingReplies } from './leader-state.js';

describe('PendingReplies', () => {
  it('hands out attempts as their entries apply in log order, skips entries nobody waits for, and lists the rest oldest first', () => {
    const p = new PendingReplies();
    for (let index = 2; index < 10_000; index += 2) p.add(index, index * 10);
    for (let index = 1; index < 9000; index++) expect(p.take(index)).toBe(index % 2 === 0 ? index * 10 : -1);
    expect(p.size).toBe(500);
    expect(p.waiting()).toEqual(Array.from({ length: 500 }, (_, k) => (9000 + 2 * k) * 10));
    expect(p.take(9000)).toBe(90_000);
    expect(p.size).toBe(499);
  });
});
