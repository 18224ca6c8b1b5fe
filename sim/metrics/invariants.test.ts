import { describe, expect, it } from 'vitest';
import { committedEntry } from '../../test/fixtures/committed-entry.js';
import { EntryKind, RaftLog } from '../protocols/raft/index.js';
import { InvariantChecker } from './invariants.js';

describe('InvariantChecker', () => {
  it('accepts one leader per term and repeated commits of the same entry', () => {
    const c = new InvariantChecker();
    c.leaderElected(1, 0, 2, 5);
    c.leaderElected(2, 0, 2, 5);
    c.leaderElected(3, 0, 3, 6);
    c.entriesCommitted(4, 0, 0, ...committedEntry(1, 5, 77));
    c.entriesCommitted(5, 0, 1, ...committedEntry(1, 5, 77));
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
    c.entriesCommitted(1, 0, 0, ...committedEntry(3, 2, 10));
    c.entriesCommitted(2, 0, 1, ...committedEntry(3, 3, 11));
    expect(c.violations[0].invariant).toBe('committed-entries-never-change');
    expect(c.violations[0].at_ms).toBe(2);
  });

  it('checks every entry of a range note: a restarted node applying its whole log again', () => {
    const log = new RaftLog();
    for (let op = 1; op <= 6; op++) log.append({ term: 1, op, key: op, kind: op === 3 ? EntryKind.Read : EntryKind.Write });
    const c = new InvariantChecker();
    c.entriesCommitted(1, 0, 0, 1, 6, log);
    c.entriesCommitted(2, 0, 1, 1, 6, log);
    c.entriesCommitted(3, 0, 0, ...committedEntry(3, 1, -1)); // a read marker is noted without its op
    expect(c.violations).toEqual([]);
    const diverged = new RaftLog();
    for (let op = 1; op <= 6; op++)
      diverged.append({ term: op === 5 ? 2 : 1, op, key: op, kind: op === 3 ? EntryKind.Read : EntryKind.Write });
    c.entriesCommitted(4, 0, 2, 1, 6, diverged);
    expect(c.violations).toHaveLength(1);
    expect(c.violations[0].detail).toContain('index 5: node 2 committed (term 2, op 5) but (term 1, op 5)');
  });

  it('flags lost acknowledged writes', () => {
    const c = new InvariantChecker();
    c.ackedWritesLost(9, []);
    expect(c.violations).toEqual([]);
    c.ackedWritesLost(9, [4, 8]);
    expect(c.violations[0].detail).toContain('2 acknowledged');
  });
});
