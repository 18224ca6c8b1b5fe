// FailoverTracker on its own, fed events as the engine publishes them: a fault takes a leader
// away; an election for a later term detects it; the leader that actually serves is the one
// that counts; what the architecture declares closes it; the outage is the longest stretch
// without a successful request. Times are µs in, ms out.
import { describe, expect, it } from 'vitest';
import { committedEntry } from '../../test/fixtures/committed-entry.js';
import { FailoverTracker, type FailoverEnd } from './failover.js';
import { longestOutage, OutageLog, unavailableMicros, type Outage } from './outages.js';

const MS = 1000;
const END = 10_000 * MS;

const rows = (t: FailoverTracker, outages: Outage[] = []) => t.finish('v', 3, END, outages);
/** A tracker whose fault hit the leader of group 0 (node 3) in `term`. */
function tracker(term = 3, ends: FailoverEnd = 'commit', at = 2000 * MS): FailoverTracker {
  const t = new FailoverTracker({ failoverEnd: ends });
  t.lost(at, { group: 0, node: 3, term });
  return t;
}
const elected = (t: FailoverTracker, at: number, term: number, node = 1) => t.roleChanged(at, node, 0, 'leader', term);
const election = (t: FailoverTracker, at: number, term: number) => t.electionStarted(at, 1, 0, term);
const write = (t: FailoverTracker, at: number, term: number, node = 1) => t.committed(at, node, 0, ...committedEntry(7, term, 42));
const open = (t: FailoverTracker) => rows(t).filter((r) => r.failover_ms === null).length;

describe('FailoverTracker', () => {
  it('opens a failover on a fault that takes the leader away; never served, it lasts to the end', () => {
    const t = new FailoverTracker({ failoverEnd: 'commit' });
    expect(rows(t)).toEqual([]);
    t.lost(2000 * MS, { group: 0, node: 3, term: 3 });
    expect(rows(t)).toEqual([
      {
        variant: 'v',
        trial: 3,
        fault_at_ms: 2000,
        detected_at_ms: null,
        elected_at_ms: null,
        first_commit_at_ms: null,
        election_ms: null,
        failover_ms: null,
        outage_ms: 0,
        election_rounds: null,
      },
    ]);
  });

  it('is detected by an election for a higher term only', () => {
    const t = tracker();
    election(t, 2100 * MS, 3); // a late election of the old term says nothing about this fault
    expect(rows(t)[0].detected_at_ms).toBeNull();
    election(t, 2160 * MS, 4);
    election(t, 2300 * MS, 5); // the first detection stays
    expect(rows(t)[0].detected_at_ms).toBe(2160);
  });

  it('records the winner of a later term, and a later winner replaces one deposed before it served', () => {
    const t = tracker();
    elected(t, 2050 * MS, 3); // the old term: not a new leader
    expect(rows(t)[0].elected_at_ms).toBeNull();
    election(t, 2160 * MS, 4);
    elected(t, 2170 * MS, 4);
    expect(rows(t)[0]).toMatchObject({
      detected_at_ms: 2160,
      elected_at_ms: 2170,
      election_ms: 170,
      election_rounds: 1,
      failover_ms: null,
    });
    elected(t, 2400 * MS, 6); // the term-4 leader is deposed before committing anything; term 6 wins
    expect(rows(t)[0]).toMatchObject({ elected_at_ms: 2400, election_ms: 400, election_rounds: 3 });
    elected(t, 2450 * MS, 5); // an older or equal term cannot replace the current winner
    elected(t, 2460 * MS, 6);
    expect(rows(t)[0]).toMatchObject({ elected_at_ms: 2400, election_rounds: 3 });
    write(t, 2405 * MS, 4); // entries of the deposed term committing (a follower applying them) do not close it
    write(t, 2406 * MS, 3);
    t.committed(2407 * MS, 1, 0, ...committedEntry(8, 6, -1)); // nor does the new leader's no-op: it is no client write
    expect(open(t)).toBe(1);
  });

  it('closes on the first client write committed in the new leader’s term', () => {
    const t = tracker();
    write(t, 2001 * MS, 3); // the old leader's last entry reaching a follower: not a new leader
    election(t, 2160 * MS, 4);
    elected(t, 2170 * MS, 4);
    write(t, 2185 * MS, 4);
    write(t, 2200 * MS, 4); // later commits change nothing
    elected(t, 2300 * MS, 7); // nor does a later election: the failover is over
    expect(rows(t)[0]).toMatchObject({
      detected_at_ms: 2160,
      elected_at_ms: 2170,
      first_commit_at_ms: 2185,
      election_ms: 170,
      failover_ms: 185,
      election_rounds: 1,
    });
  });

  it('an architecture whose leader commits nothing ends it with the served note instead', () => {
    const t = tracker(3, 'served');
    elected(t, 2170 * MS, 4);
    write(t, 2180 * MS, 4); // commits do not count for it
    expect(open(t)).toBe(1);
    t.servedInTerm(2190 * MS, 1, 0, 4);
    expect(rows(t)[0]).toMatchObject({ first_commit_at_ms: 2190, failover_ms: 190, election_ms: 170 });
  });

  it('closes every open failover the serving leader covers (its predecessor crashed before serving)', () => {
    const t = tracker();
    elected(t, 2170 * MS, 4);
    t.lost(2172 * MS, { group: 0, node: 1, term: 4 }); // the new leader crashes at once
    election(t, 2400 * MS, 5);
    elected(t, 2410 * MS, 5, 2);
    write(t, 2420 * MS, 5, 2);
    expect(rows(t).map((r) => [r.failover_ms, r.elected_at_ms, r.election_rounds])).toEqual([
      [420, 2410, 2],
      [248, 2410, 1],
    ]);
  });

  it('only the failover of the group whose leader serves closes (sharded groups)', () => {
    const t = tracker();
    t.lost(2000 * MS, { group: 5, node: 3, term: 2 });
    t.roleChanged(2100 * MS, 4, 5, 'leader', 3);
    t.committed(2110 * MS, 4, 5, ...committedEntry(1, 3, 9));
    expect(rows(t).map((r) => r.failover_ms)).toEqual([null, 110]);
  });

  it('closes a failover whose old leader resumes in its own term after a short partition', () => {
    const t = tracker(1);
    write(t, 2010 * MS, 1, 1); // a follower committing the old term's entries: not service
    expect(open(t)).toBe(1);
    write(t, 2040 * MS, 1, 3); // the old leader commits again: no election was needed
    expect(rows(t)[0]).toMatchObject({ failover_ms: 40, elected_at_ms: null, election_ms: null, election_rounds: null });
  });

  it('without a leader: it ends when clients leave the dead node (the ejection), which is also its detection', () => {
    const t = new FailoverTracker({ failoverEnd: 'ejected' });
    t.lost(5000 * MS, { group: -1, node: 2, term: -1 });
    t.ejected(6000 * MS, 1); // another node: no matter
    expect(open(t)).toBe(1);
    t.ejected(8000 * MS, 2);
    expect(rows(t)[0]).toMatchObject({ detected_at_ms: 8000, failover_ms: 3000, first_commit_at_ms: null, election_ms: null });
  });

  it('without a leader: a node back before its ejection ends its failover when it comes back', () => {
    const t = new FailoverTracker({ failoverEnd: 'ejected' });
    t.lost(5000 * MS, { group: -1, node: 2, term: -1 });
    t.nodeUp(5500 * MS, 2);
    expect(rows(t)[0]).toMatchObject({ detected_at_ms: null, failover_ms: 500 });
  });
});

describe('outages: from request outcomes', () => {
  /** A log fed successes (numbers) and failures ([sentAt, failedAt]), in time order of the event. */
  function log(events: (number | [number, number])[]): OutageLog {
    const l = new OutageLog();
    for (const e of events) {
      if (typeof e === 'number') l.succeeded(e * MS);
      else l.attemptFailed(e[1] * MS, e[0] * MS);
    }
    return l;
  }

  it('an outage runs from the sending of a request that failed with no success since, to the next success', () => {
    const l = log([1990, 1999, [2005, 2205], [2010, 2210], 2300, 2301]);
    expect(l.finish(END)).toEqual([{ from: 2005 * MS, to: 2300 * MS }]);
  });

  it('a failure that other successes overtook is no outage (a fleet retrying elsewhere), nor is a quiet stretch', () => {
    const l = log([1000, 1001, 1002, [1001.5, 1501.5], 1502, 3000]);
    expect(l.finish(END)).toEqual([]);
  });

  it('one still in progress ends with the run', () => {
    expect(log([1000, [1100, 1300]]).finish(END)).toEqual([{ from: 1100 * MS, to: END }]);
  });

  it('a failover’s outage is the longest one from its fault that began before it ended', () => {
    const outages = [
      { from: 1500 * MS, to: 2100 * MS },
      { from: 2150 * MS, to: 2160 * MS },
      { from: 5000 * MS, to: 9000 * MS },
    ];
    expect(longestOutage(outages, 2000 * MS, 2200 * MS)).toEqual({ from: 2000 * MS, to: 2100 * MS });
    const t = tracker();
    write(t, 2200 * MS, 3, 3);
    expect(rows(t, outages)[0].outage_ms).toBe(100);
  });

  it('unavailable time is the union of the outages, clipped to the window', () => {
    const outages = [
      { from: 100, to: 300 },
      { from: 200, to: 400 },
      { from: 900, to: 1000 },
      { from: 0, to: 50 },
    ];
    expect(unavailableMicros(outages, 40, 950)).toBe(10 + 300 + 50);
    expect(unavailableMicros([], 0, 1000)).toBe(0);
  });
});
