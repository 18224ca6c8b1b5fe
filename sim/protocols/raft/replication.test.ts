// Scripted log replication: the follower's consistency check and truncation, the leader's
// commit rule, batching and the pipeline window.
import { describe, expect, it } from 'vitest';
import { append, appendOk, appendReject, elect, entry, MAX, ready, replica, sentMessages, sync, write } from '../../../test/raft/script.js';

const T = MAX * 2;

describe('raft follower: AppendEntries', () => {
  it('appends, persists, and acknowledges only after the disk confirms', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1), entry(1, 5)]), out);
    expect(r.log.lastIndex).toBe(2);
    expect(out.of('persist')).toHaveLength(1);
    expect(out.sent('AppendEntriesResp')).toEqual([]);
    sync({ r, out }, T + 10);
    expect(sentMessages(out, 'AppendEntriesResp')).toEqual([{ to: 0, msg: appendOk(1, 2) }]);
  });

  it('rejects a gap with its last index as the hint', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1)]), out);
    out.take();
    r.message(T, 0, append(1, 5, 1, [entry(1)]), out);
    expect(sentMessages(out, 'AppendEntriesResp')).toEqual([{ to: 0, msg: appendReject(1, 5, 1, 1) }]);
  });

  it('on a term mismatch hints at its last entry with a term ≤ prevTerm', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1), entry(1)]), out);
    r.message(T, 2, append(2, 2, 1, [entry(2), entry(2), entry(2)]), out); // a term-2 leader, never committed
    out.take();
    r.message(T, 0, append(4, 5, 3, [entry(4)]), out); // log [1,1,2,2,2] vs prevTerm 3 at 5
    expect(sentMessages(out, 'AppendEntriesResp')).toEqual([{ to: 0, msg: appendReject(4, 5, 5, 2) }]);
    out.take();
    r.message(T, 0, append(4, 4, 1, [entry(1), entry(3)]), out); // log [1,1,2,2] vs prevTerm 1 at 4
    expect(sentMessages(out, 'AppendEntriesResp')).toEqual([{ to: 0, msg: appendReject(4, 4, 2, 1) }]);
  });

  it('truncates at the first conflicting entry and keeps matching ones', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1, 1), entry(1, 2), entry(1, 3)]), out);
    sync({ r, out }, T);
    expect(r.disk.length).toBe(3);
    // A leader of term 2 has index 2 from term 1 and its own entry at 3.
    r.message(T, 2, append(2, 1, 1, [entry(1, 2), entry(2, 9)]), out);
    expect([1, 2, 3].map((i) => r.log.entry(i).op)).toEqual([1, 2, 9]);
    expect(r.log.term(3)).toBe(2);
    expect(r.disk.length).toBe(2); // the old index 3 is no longer claimed durable
    out.take();
    sync({ r, out }, T);
    expect(sentMessages(out, 'AppendEntriesResp')).toEqual([{ to: 2, msg: appendOk(2, 3) }]);
  });

  it('ignores a stale, reordered AppendEntries instead of truncating', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1, 1), entry(1, 2), entry(1, 3)]), out);
    r.message(T, 0, append(1, 0, 0, [entry(1, 1)]), out);
    expect(r.log.lastIndex).toBe(3);
  });

  it('learns the commit point only for entries it holds', () => {
    const { r, out } = replica(1, 3);
    r.message(T, 0, append(1, 0, 0, [entry(1, 1), entry(1, 2)], 5), out);
    expect(out.of('commit')).toEqual([
      { kind: 'commit', index: 1, term: 1, op: 1, group: 0 },
      { kind: 'commit', index: 2, term: 1, op: 2, group: 0 },
    ]);
  });
});

describe('raft leader: commit rule', () => {
  it('commits only with a majority, counting itself once durable', () => {
    const s = replica(0, 5);
    elect(s); // index 1 = no-op of term 1
    s.r.request(T, { attempt: 1, op: 42, key: 3, write: true }, s.out);
    s.r.message(T, 1, appendOk(1, 2), s.out);
    expect(s.r.commitIndex).toBe(0); // leader's copy of index 2 not durable yet: 1 + 1 of 5
    sync(s, T);
    expect(s.r.commitIndex).toBe(0); // 2 of 5
    s.r.message(T, 2, appendOk(1, 2), s.out);
    expect(s.r.commitIndex).toBe(2); // 3 of 5
    expect(s.out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: 0, value: 2 }]);
    expect(s.out.of('commit').map((c) => [c.index, c.op])).toEqual([
      [1, -1],
      [2, 42],
    ]);
  });

  it('does not commit an old-term entry by counting replicas (§5.4.2), but does with its own no-op', () => {
    const s = replica(0, 5);
    // The replica holds an entry of term 1 from an earlier leader, then wins term 2.
    s.r.message(T, 1, append(1, 0, 0, [entry(1, 7)]), s.out);
    sync(s, T);
    elect(s, T + MAX + 1); // term 2, no-op at index 2
    expect(s.r.term).toBe(2);
    const t = T + MAX + 10;
    s.r.message(t, 1, appendOk(2, 1), s.out);
    s.r.message(t, 2, appendOk(2, 1), s.out);
    expect(s.r.commitIndex).toBe(0); // index 1 is on 3 of 5, but of term 1
    s.r.message(t, 1, appendOk(2, 2), s.out);
    s.r.message(t, 2, appendOk(2, 2), s.out);
    expect(s.r.commitIndex).toBe(2);
  });

  it('with unsafe.commitWithoutMajority commits on its own append', () => {
    const s = replica(0, 5, {}, { commitWithoutMajority: true });
    elect(s);
    s.r.request(T, { attempt: 1, op: 42, key: 3, write: true }, s.out);
    expect(s.r.commitIndex).toBe(2);
    expect(s.out.of('reply')).toHaveLength(1);
  });
});

describe('raft leader: batching and pipelining', () => {
  it('sends nothing per request: one Ready step sends each follower everything appended meanwhile', () => {
    const s = replica(0, 3);
    elect(s);
    for (const peer of [1, 2]) s.r.message(T, peer, appendOk(1, 1), s.out);
    s.out.take();
    for (let op = 1; op <= 5; op++) s.r.request(T, write(op, op), s.out);
    expect(s.out.sent('AppendEntries')).toEqual([]);
    expect(s.out.of('deferTimer')).toEqual([{ kind: 'deferTimer', id: 2 }]); // one step queued, not five
    ready(s, T);
    expect(sentMessages(s.out, 'AppendEntries').map((m) => [m.to, m.msg.prevIndex, m.msg.entries])).toEqual([
      [1, 1, 5],
      [2, 1, 5],
    ]);
  });

  it('an acknowledgement sends nothing by itself; the next Ready step does', () => {
    const s = replica(0, 3, { pipeline: 1 });
    elect(s);
    for (const peer of [1, 2]) s.r.message(T, peer, appendOk(1, 1), s.out);
    s.r.request(T, write(1, 1), s.out);
    ready(s, T); // index 2 goes out; the window (1) is now full
    s.r.request(T, write(2, 2), s.out);
    s.r.request(T, write(3, 3), s.out);
    ready(s, T);
    s.out.take();
    s.r.message(T, 1, appendOk(1, 2), s.out); // frees follower 1's window
    expect(s.out.sent('AppendEntries')).toEqual([]);
    ready(s, T);
    expect(sentMessages(s.out, 'AppendEntries').map((m) => [m.to, m.msg.prevIndex, m.msg.entries])).toEqual([[1, 2, 2]]);
  });

  it('keeps at most `pipeline` AppendEntries in flight and batches the rest up to maxBatch', () => {
    const s = replica(0, 3, { pipeline: 2, maxBatch: 3 });
    elect(s);
    s.r.message(T, 1, appendOk(1, 1), s.out); // follower 1 matched the no-op: replicate state
    s.out.take();
    for (let op = 1; op <= 8; op++) s.r.request(T, write(op, op), s.out);
    ready(s, T);
    const toOne = sentMessages(s.out, 'AppendEntries').filter((m) => m.to === 1);
    expect(toOne.map((m) => [m.msg.prevIndex, m.msg.entries])).toEqual([
      [1, 3],
      [4, 3],
    ]);
    s.out.take();
    s.r.message(T, 1, appendOk(1, 7), s.out); // both acknowledged at once: the last two entries
    ready(s, T);
    expect(sentMessages(s.out, 'AppendEntries').map((m) => [m.to, m.msg.prevIndex, m.msg.entries])).toEqual([[1, 7, 2]]);
  });

  it('sends one AppendEntries object to all followers in step', () => {
    const s = replica(0, 5);
    elect(s);
    for (const peer of [1, 2, 3, 4]) s.r.message(T, peer, appendOk(1, 1), s.out);
    s.out.take();
    s.r.request(T, write(1, 1), s.out);
    ready(s, T);
    const msgs = s.out.sent('AppendEntries').map((x) => x.msg);
    expect(msgs).toHaveLength(4);
    expect(new Set(msgs).size).toBe(1);
    expect(msgs[0].entries).toBe(1);
  });

  it('a Ready step serves a few followers and queues the next for the rest, so heartbeats get through', () => {
    const s = replica(0, 21);
    elect(s); // the no-op reached all 20 followers, over several steps
    for (let peer = 1; peer <= 20; peer++) s.r.message(T, peer, appendOk(1, 1), s.out);
    s.out.take();
    s.r.request(T, write(1, 1), s.out);
    s.r.timer(T, 2, s.out); // one step by hand
    expect(s.out.sent('AppendEntries')).toHaveLength(8);
    expect(s.out.of('deferTimer')).toHaveLength(2); // the first step, then the next one
    ready(s, T);
    const to = s.out.sent('AppendEntries').map((x) => x.to);
    expect(to.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1)); // each once
  });

  it('backs off nextIndex past a divergent run in one step, using the hint on its own log', () => {
    const s = replica(0, 3);
    s.r.message(T, 1, append(1, 0, 0, [entry(1), entry(1)]), s.out);
    s.r.message(T, 2, append(3, 2, 1, [entry(3), entry(3), entry(3)]), s.out);
    sync(s, T);
    elect(s, T + MAX + 1); // term 4, log [1,1,3,3,3,4]
    const t = T + MAX + 10;
    // Follower 2 has [1,1,2,2,2]: it rejects prevIndex 5 and hints (5, term 2).
    s.r.message(t, 2, appendReject(4, 5, 5, 2), s.out);
    ready(s, t);
    expect(sentMessages(s.out, 'AppendEntries').map((m) => [m.to, m.msg.prevIndex, m.msg.batch])).toEqual([[2, 2, [3, 3, 3, 4]]]);
  });
});
