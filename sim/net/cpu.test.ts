import { describe, expect, it } from 'vitest';
import { Job, JobQueue } from './cpu.js';

describe('JobQueue', () => {
  it('is first-in first-out across growth and wrap-around', () => {
    const q = new JobQueue();
    const seen: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 7; k++, next++) q.push(Job.Message, next, -next, next * 1.5);
      for (let k = 0; k < 5; k++) {
        const i = q.peek();
        expect(q.arg2At(i) + q.arg1At(i)).toBe(0);
        expect(q.costAt(i)).toBe(q.arg1At(i) * 1.5);
        seen.push(q.arg1At(i));
        q.shift();
      }
    }
    for (; q.length > 0; q.shift()) seen.push(q.arg1At(q.peek()));
    expect(seen).toEqual(Array.from({ length: next }, (_, i) => i));
  });
});
