// Scripted client requests: redirects, writes answered with their log index, reads through the
// log or from a lease — and replicas of different groups side by side on one node.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ReplyStatus } from '../node.js';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { heartbeatResponse } from './messages.js';
import { RaftReplica } from './raft-replica.js';
import { appendOk, elect, heartbeat, MAX, MIN, read, replica, sync, write, type Scripted } from '../../../test/raft/script.js';
import { TEST_OPTIONS } from '../../../test/raft/cluster.js';

const T = MAX * 2;

/** Commits everything the leader has: followers 1 and 2 match its last index. */
function commitAll(s: Scripted, now: number): void {
  sync(s, now);
  for (const peer of [1, 2]) s.r.message(now, peer, appendOk(s.r.term, s.r.log.lastIndex), s.out);
}

/** Runs a heartbeat round at `now` that followers 1 and 2 answer. */
function heartbeatRound(s: Scripted, now: number): void {
  s.r.timer(now, 1, s.out);
  const round = s.r.leaderState?.round ?? 0;
  const answer = heartbeatResponse(0, s.r.term, round, 0);
  for (const peer of [1, 2]) s.r.message(now + 1_000, peer, answer, s.out);
}

describe('raft clients', () => {
  it('a follower redirects to the leader it knows, or -1', () => {
    const { r, out } = replica(1, 3);
    r.request(T, write(1, 1), out);
    r.message(T, 2, heartbeat(1, 0), out);
    r.request(T, write(2, 1), out);
    expect(out.of('reply').map((x) => [x.attempt, x.status, x.value])).toEqual([
      [1, ReplyStatus.Redirect, -1],
      [2, ReplyStatus.Redirect, 2],
    ]);
  });

  it('a write is answered Ok with its log index once committed and applied', () => {
    const s = replica(0, 3);
    elect(s);
    s.r.request(T, write(1, 50, 7), s.out);
    expect(s.out.of('reply')).toEqual([]);
    commitAll(s, T);
    expect(s.out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: ReplyStatus.Ok, value: 2 }]);
    expect(s.out.of('commit').at(-1)).toEqual({ kind: 'commit', index: 2, term: 1, op: 50, group: 0 });
  });

  it('without leases a read goes through the log and returns the latest write to its key', () => {
    const s = replica(0, 3);
    elect(s);
    s.r.request(T, write(1, 50, 7), s.out);
    s.r.request(T, write(2, 51, 8), s.out);
    s.r.request(T, read(3, 7), s.out);
    s.r.request(T, read(4, 9), s.out);
    expect(s.out.of('reply')).toEqual([]);
    commitAll(s, T);
    expect(s.out.of('reply').map((x) => [x.attempt, x.value])).toEqual([
      [1, 2],
      [2, 3],
      [3, 2],
      [4, 0],
    ]);
    expect(s.out.of('commit').map((c) => c.op)).toEqual([-1, 50, 51, -1, -1]); // read markers note -1
  });

  it('with a lease, reads are answered at once — only after a quorum answered a heartbeat round', () => {
    const s = replica(0, 3, { leaseReads: true });
    elect(s);
    commitAll(s, T);
    s.r.request(T, read(1, 7), s.out);
    expect(s.r.log.lastIndex).toBe(2); // no lease yet: a read marker went into the log
    const t = T + 50_000;
    heartbeatRound(s, t);
    s.out.take();
    s.r.request(t + 2_000, read(2, 7), s.out);
    expect(s.out.of('reply')).toEqual([{ kind: 'reply', attempt: 2, status: ReplyStatus.Ok, value: 0 }]);
    // The lease ends electionTimeout.min (less a 10% margin) after the round was sent.
    s.r.request(t + MIN * 0.9 - 1, read(3, 7), s.out);
    expect(s.out.of('reply')).toHaveLength(2);
    s.r.request(t + MIN * 0.9, read(4, 7), s.out);
    expect(s.out.of('reply')).toHaveLength(2);
    expect(s.r.log.lastIndex).toBe(3);
  });

  it('a new leader does not serve lease reads before committing an entry of its term', () => {
    const s = replica(0, 3, { leaseReads: true });
    elect(s);
    heartbeatRound(s, T);
    s.out.take();
    s.r.request(T + 2_000, read(1, 7), s.out);
    expect(s.out.of('reply')).toEqual([]);
  });

  it('replicas of different groups on one node keep to their group and timer range', () => {
    const members = [0, 1, 2];
    const out = new RecordingOutbox(seedrandom.alea('groups'));
    const a = new RaftReplica({ id: 0, members, group: 3, timerBase: 6, options: TEST_OPTIONS });
    const b = new RaftReplica({ id: 0, members, group: 4, timerBase: 8, options: TEST_OPTIONS });
    a.start(0, out);
    b.start(0, out);
    expect(out.of('setTimer').map((x) => x.id)).toEqual([6, 8]);
    expect(out.of('role').map((x) => x.group)).toEqual([3, 4]);
    out.take();
    a.timer(MAX, 6, out);
    b.timer(MAX, 6, out); // not b's timer
    expect(out.sent('RequestVote').map((x) => (x.msg as unknown as { group: number }).group)).toEqual([3, 3]);
    b.message(MAX, 1, { ...heartbeat(5, 0), group: 3 }, out); // not b's group
    expect(b.term).toBe(0);
  });
});
