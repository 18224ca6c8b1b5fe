// FailoverTracker on its own: a fault opens a failover; an election for a later term detects
// it; the leader that actually serves is the one that counts; the first client write committed
// in its term closes it. Times are µs in, ms out.
import { describe, expect, it } from 'vitest';
import { FailoverTracker } from './failover.js';

const MS = 1000;
const END = 10_000 * MS;

/** unavailableBetween stub: reports the interval it was asked about, so the rows show it. */
const asked: [number, number][] = [];
const unavailable = (from: number, to: number) => {
  asked.push([from, to]);
  return (to - from) / 2;
};

function rows(t: FailoverTracker) {
  asked.length = 0;
  return t.rows('v', 3, unavailable, END);
}

describe('FailoverTracker', () => {
  it('opens a failover on a fault that hits the leader', () => {
    const t = new FailoverTracker();
    expect(t.openCount).toBe(0);
    expect(rows(t)).toEqual([]);
    t.faultHitLeader(2000 * MS, 3);
    expect(t.openCount).toBe(1);
    expect(rows(t)).toEqual([
      {
        variant: 'v',
        trial: 3,
        fault_at_ms: 2000,
        detected_at_ms: null,
        elected_at_ms: null,
        first_commit_at_ms: null,
        failover_ms: null,
        unavailable_ms: (END - 2000 * MS) / 2 / 1000,
        election_rounds: null,
      },
    ]);
  });

  it('is detected by an election for a higher term only', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2000 * MS, 3);
    t.detected(2100 * MS, 3); // a late election of the old term says nothing about this fault
    expect(rows(t)[0].detected_at_ms).toBeNull();
    t.detected(2160 * MS, 4);
    t.detected(2300 * MS, 5); // the first detection stays
    expect(rows(t)[0].detected_at_ms).toBe(2160);
    expect(t.openCount).toBe(1);
  });

  it('records the winner of a later term, and a later winner replaces one deposed before it committed', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2000 * MS, 3);
    t.leaderElected(2050 * MS, 3); // the old term: not a new leader
    expect(rows(t)[0].elected_at_ms).toBeNull();
    t.detected(2160 * MS, 4);
    t.leaderElected(2170 * MS, 4);
    expect(rows(t)[0]).toMatchObject({ detected_at_ms: 2160, elected_at_ms: 2170, election_rounds: 1, failover_ms: null });
    // The term-4 leader is deposed before committing anything; term 6 wins.
    t.leaderElected(2400 * MS, 6);
    expect(rows(t)[0]).toMatchObject({ elected_at_ms: 2400, election_rounds: 3 });
    // An older or equal term cannot replace the current winner.
    t.leaderElected(2450 * MS, 5);
    t.leaderElected(2460 * MS, 6);
    expect(rows(t)[0]).toMatchObject({ elected_at_ms: 2400, election_rounds: 3 });
    // Entries of the deposed term committing (a follower applying them) do not close it.
    t.committed(2405 * MS, 4);
    t.committed(2406 * MS, 3);
    expect(t.openCount).toBe(1);
    expect(rows(t)[0].first_commit_at_ms).toBeNull();
  });

  it('closes on the first write committed in the new leader’s term', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2000 * MS, 3);
    t.committed(2001 * MS, 3); // the old leader's last entry reaching a follower: not a new leader
    expect(t.openCount).toBe(1);
    t.detected(2160 * MS, 4);
    t.leaderElected(2170 * MS, 4);
    t.committed(2185 * MS, 4);
    expect(t.openCount).toBe(0);
    t.committed(2200 * MS, 4); // later commits change nothing
    t.leaderElected(2300 * MS, 7); // nor does a later election: the failover is over
    const [row] = rows(t);
    expect(row).toEqual({
      variant: 'v',
      trial: 3,
      fault_at_ms: 2000,
      detected_at_ms: 2160,
      elected_at_ms: 2170,
      first_commit_at_ms: 2185,
      failover_ms: 185,
      unavailable_ms: 92.5,
      election_rounds: 1,
    });
    expect(asked).toEqual([[2000 * MS, 2185 * MS]]);
  });

  it('takes an election without a prior detection as the detection', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2000 * MS, 3);
    t.leaderElected(2170 * MS, 4);
    expect(rows(t)[0].detected_at_ms).toBe(2170);
  });

  it('closes every open failover the serving leader covers (its predecessor crashed before committing)', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2000 * MS, 3);
    t.leaderElected(2170 * MS, 4);
    t.faultHitLeader(2172 * MS, 4); // the new leader crashes at once
    expect(t.openCount).toBe(2);
    t.detected(2400 * MS, 5);
    t.leaderElected(2410 * MS, 5);
    t.committed(2420 * MS, 5);
    expect(t.openCount).toBe(0);
    expect(rows(t).map((r) => [r.failover_ms, r.elected_at_ms, r.election_rounds])).toEqual([
      [420, 2410, 2],
      [248, 2410, 1],
    ]);
  });

  it('leaves a failover that never completes with null failover_ms, unavailable to the end of the run', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2000 * MS, 3);
    t.detected(2160 * MS, 4);
    t.leaderElected(2170 * MS, 4);
    t.committed(2175 * MS, 3); // only old-term entries commit: the new leader never serves a write
    const [row] = rows(t);
    expect(row).toMatchObject({
      detected_at_ms: 2160,
      elected_at_ms: 2170,
      first_commit_at_ms: null,
      failover_ms: null,
      election_rounds: 1,
    });
    expect(asked).toEqual([[2000 * MS, END]]);
    expect(t.openCount).toBe(1);
  });

  it('without a leader: the first success elsewhere closes it, and a later health-check ejection still counts as detection', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(5000 * MS, -1);
    t.served(5030 * MS);
    expect(t.openCount).toBe(0);
    expect(rows(t)[0]).toMatchObject({ failover_ms: 30, detected_at_ms: null, elected_at_ms: null, election_rounds: null });
    t.detected(8000 * MS); // the balancer ejects the dead server later
    expect(rows(t)[0].detected_at_ms).toBe(8000);
  });

  it('closes a failover whose old leader resumes in its own term after a short partition', () => {
    const t = new FailoverTracker();
    t.faultHitLeader(2_000_000, 1, 0, 3);
    t.committed(2_010_000, 1, 0, 1); // a follower committing the old term's entries: not service
    expect(t.openCount).toBe(1);
    t.committed(2_040_000, 1, 0, 3); // the old leader commits again: no election was needed
    expect(t.openCount).toBe(0);
    const [row] = t.rows('v', 0, () => 0, 10_000_000);
    expect(row.failover_ms).toBe(40);
    expect(row.elected_at_ms).toBeNull();
    expect(row.election_rounds).toBeNull();
  });
});
