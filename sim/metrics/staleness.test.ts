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

describe('StaleReadCounter keeps the last eight acks of a key', () => {
  it('still sees a write among the last eight, and forgets the ninth-latest', () => {
    const c = new StaleReadCounter();
    for (let k = 0; k < 300; k++) c.writeAcked(10, k, 1); // enough keys to grow the tables
    c.writeAcked(100, 7, 50); // the newest version, then eight older ones acked later
    for (let i = 0; i < 7; i++) c.writeAcked(200 + i, 7, 10 + i);
    c.readReturned(300, 7, 40);
    expect(c.stale).toBe(1); // 50 is among the last eight
    c.writeAcked(210, 7, 20); // pushes 50 out
    c.readReturned(300, 7, 40);
    expect(c.stale).toBe(1); // the kept maximum is now 20
    c.readReturned(300, 299, 0);
    expect(c.stale).toBe(2); // a key past the first table's slots
  });
});
