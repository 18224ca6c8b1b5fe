import { describe, expect, it } from 'vitest';
import { InvariantChecker } from './invariants.js';

describe('InvariantChecker', () => {
  it('accepts one leader per term and repeated commits of the same entry', () => {
    const c = new InvariantChecker();
    c.leaderElected(1, 0, 2, 5);
    c.leaderElected(2, 0, 2, 5);
    c.leaderElected(3, 0, 3, 6);
    c.committed(4, 0, 0, 1, 5, 77);
    c.committed(5, 0, 1, 1, 5, 77);
    expect(c.violations).toEqual([]);
  });

  it('flags two leaders in one term, naming both', () => {
    const c = new InvariantChecker();
    c.leaderElected(1, 0, 2, 5);
    c.leaderElected(2, 0, 4, 5);
    expect(c.violations).toHaveLength(1);
    expect(c.violations[0].invariant).toBe('one-leader-per-term');
    expect(c.violations[0].detail).toContain('node 4');
    expect(c.violations[0].detail).toContain('node 2');
  });

  it('keeps groups apart: the same term in two shards is fine', () => {
    const c = new InvariantChecker();
    c.leaderElected(1, 0, 2, 5);
    c.leaderElected(1, 1, 4, 5);
    expect(c.violations).toEqual([]);
  });

  it('flags a committed entry that changes', () => {
    const c = new InvariantChecker();
    c.committed(1, 0, 0, 3, 2, 10);
    c.committed(2, 0, 1, 3, 3, 11);
    expect(c.violations[0].invariant).toBe('committed-entries-never-change');
    expect(c.violations[0].at_ms).toBe(2);
  });

  it('flags lost acknowledged writes', () => {
    const c = new InvariantChecker();
    c.ackedWritesLost(9, []);
    expect(c.violations).toEqual([]);
    c.ackedWritesLost(9, [4, 8]);
    expect(c.violations[0].detail).toContain('2 acknowledged');
  });
});
