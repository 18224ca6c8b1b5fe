// Scripted persistence: nothing leaves a replica before the state it depends on is durable,
// and a crash falls back to exactly the durable state.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { RaftReplica } from './raft-replica.js';
import {
  append,
  appendOk,
  elect,
  entry,
  heartbeat,
  MAX,
  replica,
  sentMessages,
  sync,
  vote,
  voteRequest,
} from '../../../test/raft/script.js';
import { TEST_OPTIONS } from '../../../test/raft/cluster.js';

const T = MAX * 2;

describe('raft persistence', () => {
  it('a crash loses entries not yet durable, and keeps term, vote and durable entries', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(2, 0, 0, [entry(1, 1), entry(2, 2)]), out);
    sync({ r, out }, T);
    r.message(T, 0, append(2, 2, 2, [entry(2, 3), entry(2, 4)]), out); // persist requested, never confirmed
    expect(r.log.lastIndex).toBe(4);
    r.crash();
    r.start(T + 1, out);
    expect(r.log.lastIndex).toBe(2);
    expect(r.term).toBe(2);
    expect(r.role).toBe('follower');
    expect(r.commitIndex).toBe(0);
  });

  it('a vote survives a crash once durable: no second vote in that term', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, voteRequest(1, 0, 0), out);
    sync({ r, out }, T);
    r.crash();
    r.start(T + 1, out);
    out.take();
    r.message(T + 2, 2, voteRequest(1, 0, 0), out);
    expect(sentMessages(out)).toEqual([{ to: 2, msg: vote(1, false) }]);
  });

  it('a vote lost in a crash was never sent', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, voteRequest(1, 0, 0), out);
    expect(out.sent('RequestVoteResp')).toEqual([]);
    r.crash();
    r.start(T + 1, out);
    expect(r.term).toBe(0);
    expect(r.votedFor).toBe(-1);
  });

  it('relearns the commit point after a restart and re-notes committed entries identically', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1, 1), entry(1, 2)], 2), out);
    sync({ r, out }, T);
    const before = out.of('commit');
    r.crash();
    r.start(T + 1, out);
    out.take();
    r.message(T + 2, 0, heartbeat(1, 2), out);
    expect(out.of('commit')).toEqual(before);
  });

  it('persist tokens keep growing across crashes', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1)]), out);
    const first = out.lastToken;
    r.crash();
    r.start(T + 1, out);
    r.message(T + 2, 0, append(1, 0, 0, [entry(1)]), out);
    expect(out.lastToken).toBeGreaterThan(first);
  });

  it('acknowledges what is durable while more is still being written', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1), entry(1)]), out);
    const first = out.lastToken;
    r.message(T, 0, append(1, 2, 1, [entry(1), entry(1)]), out);
    out.take();
    r.persisted(T + 5, first, out); // only the first two entries are on disk
    expect(sentMessages(out)).toEqual([{ to: 0, msg: appendOk(1, 2) }]);
    out.take();
    sync({ r, out }, T + 10);
    expect(sentMessages(out)).toEqual([{ to: 0, msg: appendOk(1, 4) }]);
  });

  describe('when the disk confirms inside persist() itself', () => {
    function syncReplica(n: number): { r: RaftReplica; out: RecordingOutbox } {
      const members = Array.from({ length: n }, (_, i) => i);
      const r = new RaftReplica({ id: 0, members, group: 0, timerBase: 0, options: TEST_OPTIONS });
      const out: RecordingOutbox = new RecordingOutbox(seedrandom.alea('sync'), (token) => r.persisted(r.now, token, out));
      return { r, out };
    }

    it('a single-node group elects itself and commits its no-op at once', () => {
      const { r, out } = syncReplica(1);
      r.start(0, out);
      r.timer(MAX, 0, out);
      expect(r.role).toBe('leader');
      expect(r.commitIndex).toBe(1);
      out.take();
      r.request(MAX, { attempt: 9, op: 5, key: 1, write: true }, out);
      expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 9, status: 0, value: 2 }]);
    });

    it('a follower acknowledges in the same handler', () => {
      const { r, out } = syncReplica(3);
      r.start(0, out);
      out.take();
      r.message(T, 1, append(1, 0, 0, [entry(1)]), out);
      expect(sentMessages(out, 'AppendEntriesResp')).toEqual([{ to: 1, msg: appendOk(1, 1) }]);
    });
  });

  it('a leader that steps down answers its waiting clients Unavailable', () => {
    const s = replica(0, 3);
    elect(s);
    s.r.request(T, { attempt: 3, op: 1, key: 0, write: true }, s.out);
    s.r.message(T, 1, heartbeat(2, 0), s.out);
    expect(s.out.of('reply')).toEqual([{ kind: 'reply', attempt: 3, status: 2, value: -1 }]);
    expect(s.r.role).toBe('follower');
  });
});
