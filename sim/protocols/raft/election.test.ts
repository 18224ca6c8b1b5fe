// Scripted elections: one replica, inputs fed by hand, effects compared as data.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ReplyStatus } from '../node.js';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { RaftReplica } from './raft-replica.js';
import { TEST_OPTIONS } from '../../../test/raft/cluster.js';
import {
  append,
  appendOk,
  elect,
  entry,
  heartbeat,
  MAX,
  MIN,
  ready,
  replica,
  sentMessages,
  sync,
  vote,
  voteRequest,
} from '../../../test/raft/script.js';

describe('raft election', () => {
  it('arms a randomized election timeout in [min, max] at boot', () => {
    for (let id = 0; id < 20; id++) {
      const { r, out } = replica(id, 3);
      r.crash();
      r.start(0, out);
      const [timer] = out.of('setTimer');
      expect(timer.id).toBe(0);
      expect(timer.delay).toBeGreaterThanOrEqual(MIN);
      expect(timer.delay).toBeLessThanOrEqual(MAX);
    }
  });

  it('becomes candidate when the timeout fires: new term, own vote persisted, RequestVote to all', () => {
    const { r, out } = replica(0, 3);
    r.timer(MAX, 0, out);
    expect(out.of('role')).toEqual([{ kind: 'role', role: 'candidate', term: 1, group: 0 }]);
    expect(out.of('election')).toEqual([{ kind: 'election', term: 1, group: 0 }]);
    expect(out.of('persist')).toHaveLength(1);
    expect(sentMessages(out)).toEqual([1, 2].map((to) => ({ to, msg: voteRequest(1, 0, 0) })));
  });

  it('re-arms instead of campaigning when a leader was heard since the timer was set', () => {
    const { r, out } = replica(0, 3);
    r.message(100_000, 1, heartbeat(1, 0), out);
    out.take();
    r.timer(MAX, 0, out);
    expect(out.of('setTimer')).toHaveLength(1);
    expect(out.of('election')).toHaveLength(0);
  });

  it('counts its own vote only once it is durable', () => {
    const { r, out } = replica(0, 3);
    r.timer(MAX, 0, out);
    r.message(MAX + 1, 1, vote(1, true), out);
    expect(r.role).toBe('candidate'); // one peer vote, own vote not yet on disk
    sync({ r, out }, MAX + 2);
    expect(r.role).toBe('leader');
  });

  it('as leader appends a no-op of its term, sends it to all, and starts heartbeats', () => {
    const { r, out } = replica(0, 3);
    r.timer(MAX, 0, out);
    sync({ r, out }, MAX);
    out.take();
    r.message(MAX + 1, 2, vote(1, true), out);
    expect(out.of('role')).toEqual([{ kind: 'role', role: 'leader', term: 1, group: 0 }]);
    expect(r.log.lastIndex).toBe(1);
    expect(r.log.entry(1).term).toBe(1);
    expect(sentMessages(out, 'AppendEntries')).toEqual([]); // not yet: the Ready step sends
    ready({ r, out }, MAX + 1);
    expect(sentMessages(out, 'AppendEntries').map((s) => s.to)).toEqual([1, 2]);
    expect(out.of('setTimer')).toEqual([{ kind: 'setTimer', id: 1, delay: 50_000 }]);
  });

  it('refuses a candidate whose log is less up-to-date', () => {
    const { r, out } = replica(1, 3);
    r.message(10, 0, append(2, 0, 0, [entry(1), entry(2)]), out);
    sync({ r, out }, 10);
    out.take();
    // Our log ends (index 2, term 2): a candidate ending at (1, 2) is behind.
    r.message(MAX * 2, 2, voteRequest(3, 1, 2), out);
    expect(sentMessages(out, 'RequestVoteResp')).toEqual([{ to: 2, msg: vote(3, false) }]);
    // A higher last term wins even with a shorter log; the vote leaves once it is durable.
    out.take();
    r.message(MAX * 2, 2, voteRequest(4, 1, 3), out);
    expect(out.sent('RequestVoteResp')).toEqual([]); // granted, but waiting for the disk
    sync({ r, out }, MAX * 2);
    expect(sentMessages(out, 'RequestVoteResp')).toEqual([{ to: 2, msg: vote(4, true) }]);
  });

  it('votes once per term', () => {
    const { r, out } = replica(1, 3);
    r.message(MAX, 0, voteRequest(1, 0, 0), out);
    sync({ r, out }, MAX);
    r.message(MAX, 2, voteRequest(1, 0, 0), out);
    expect(sentMessages(out, 'RequestVoteResp')).toEqual([
      { to: 0, msg: vote(1, true) },
      { to: 2, msg: vote(1, false) },
    ]);
  });

  it('works with any node ids as members, and ignores non-members', () => {
    const members = [3, 7, 9];
    const out = new RecordingOutbox(seedrandom.alea('ids'));
    const r = new RaftReplica({ id: 7, members, group: 0, timerBase: 0, options: TEST_OPTIONS });
    r.start(0, out);
    r.timer(MAX, 0, out);
    expect(out.sent('RequestVote').map((x) => x.to)).toEqual([3, 9]);
    sync({ r, out }, MAX);
    r.message(MAX, 9, vote(1, true), out);
    expect(r.role).toBe('leader');
    out.take();
    r.message(MAX, 5, appendOk(1, 1), out); // not a member: ignored
    r.message(MAX, 3, appendOk(1, 1), out);
    expect(r.commitIndex).toBe(0); // own copy not yet durable
    sync({ r, out }, MAX);
    expect(r.commitIndex).toBe(1);
  });

  it('steps down when it sees a higher term', () => {
    const s = replica(0, 3);
    elect(s);
    s.r.message(MAX * 2, 1, heartbeat(5, 0), s.out);
    expect(s.out.of('role')).toEqual([{ kind: 'role', role: 'follower', term: 5, group: 0 }]);
    expect(s.r.leader).toBe(1);
  });

  describe('pre-vote', () => {
    it('probes without bumping its term, then runs a real election on a pre-vote majority', () => {
      const { r, out } = replica(0, 3, { preVote: true });
      r.timer(MAX, 0, out);
      expect(r.term).toBe(0);
      expect(out.of('election')).toEqual([]);
      expect(out.of('persist')).toEqual([]);
      expect(sentMessages(out, 'PreVote')).toEqual([1, 2].map((to) => ({ to, msg: voteRequest(1, 0, 0, true) })));
      out.take();
      r.message(MAX + 1, 1, vote(1, true, true), out);
      expect(r.term).toBe(1);
      expect(r.role).toBe('candidate');
      expect(out.of('election')).toEqual([{ kind: 'election', term: 1, group: 0 }]);
    });

    it('a voter grants a pre-vote without changing its own term, unless it heard a leader lately', () => {
      const { r, out } = replica(1, 3, { preVote: true });
      r.message(MAX, 2, voteRequest(1, 0, 0, true), out);
      expect(sentMessages(out)).toEqual([{ to: 2, msg: vote(1, true, true) }]);
      expect(r.term).toBe(0);
      expect(out.of('persist')).toEqual([]);
      out.take();
      r.message(MAX + 10, 0, heartbeat(1, 0), out); // a leader of term 1 is alive
      out.take();
      r.message(MAX + 20, 2, voteRequest(2, 0, 0, true), out);
      expect(sentMessages(out)).toEqual([{ to: 2, msg: vote(1, false, true) }]);
    });
  });

  describe('check-quorum', () => {
    it('a leader that hears from no quorum for an election timeout steps down and fails its clients', () => {
      const s = replica(0, 5, { checkQuorum: true });
      elect(s);
      const t0 = MAX + 1;
      s.r.request(t0, { attempt: 7, op: 1, key: 0, write: true }, s.out);
      for (let t = t0 + 50_000; s.r.role === 'leader' && t < t0 + 1_000_000; t += 50_000) s.r.timer(t, 1, s.out);
      expect(s.r.role).toBe('follower');
      expect(s.out.of('reply')).toEqual([{ kind: 'reply', attempt: 7, status: ReplyStatus.Unavailable, value: -1 }]);
      expect(s.out.of('role')).toEqual([{ kind: 'role', role: 'follower', term: 1, group: 0 }]);
    });

    it('stays leader while a quorum answers its heartbeats', () => {
      const s = replica(0, 3, { checkQuorum: true });
      elect(s);
      for (let t = MAX + 50_000; t < MAX + 2_000_000; t += 50_000) {
        s.r.timer(t, 1, s.out);
        const hb = s.out.sent('Heartbeat').at(-1)?.msg as unknown as { round: number };
        s.r.message(
          t + 1_000,
          1,
          { type: 'HeartbeatResp', group: 0, term: 1, round: hb.round, match: 0, entries: 0, urgent: true } as never,
          s.out,
        );
      }
      expect(s.r.role).toBe('leader');
    });

    it('followers in contact with a leader ignore vote requests', () => {
      const { r, out } = replica(1, 3, { checkQuorum: true });
      r.message(MAX, 0, heartbeat(1, 0), out);
      out.take();
      r.message(MAX + 10, 2, voteRequest(2, 5, 1), out);
      expect(out.effects).toEqual([]);
      expect(r.term).toBe(1);
      r.message(MAX + MIN + 10, 2, voteRequest(2, 5, 1), out);
      expect(r.term).toBe(2);
    });
  });
});
