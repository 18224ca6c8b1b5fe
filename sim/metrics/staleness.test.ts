import { describe, expect, it } from 'vitest';
import { StaleReadCounter } from './staleness.js';

describe('StaleReadCounter', () => {
  it('counts a read older than a write acked before it began', () => {
    const c = new StaleReadCounter();
    c.writeAcked(100, 7, 5);
    c.readReturned(150, 7, 4);
    expect(c.stale).toBe(1);
  });
  it('does not count reads of the latest version, of writes acked after the read began, or of other keys', () => {
    const c = new StaleReadCounter();
    c.writeAcked(100, 7, 5);
    c.readReturned(150, 7, 5);
    c.readReturned(90, 7, 0);
    c.readReturned(150, 8, 0);
    expect(c.stale).toBe(0);
  });
});
