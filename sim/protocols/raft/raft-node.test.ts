// The raft-group node and the group's final committed state used by the durability check.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ReplyStatus } from '../node.js';
import type { RaftMessage } from './messages.js';
import { RecordingOutbox, type Effect } from '../../../test/fixtures/recording-outbox.js';
import { committedWrites, raftGroupNodes, type RaftGroupNode } from './raft-node.js';
import { MAX, vote, write } from '../../../test/raft/script.js';
import { TEST_OPTIONS } from '../../../test/raft/cluster.js';

/** Delivers messages (not to `cut` nodes) and confirms every persist until nothing moves; returns the replies. */
function pump(nodes: RaftGroupNode[], outs: RecordingOutbox[], now: number, cut: number[] = []): Effect[] {
  const replies: Effect[] = [];
  for (let moved = true; moved;) {
    moved = false;
    nodes.forEach((node, from) => {
      for (const e of outs[from].take()) {
        moved = true;
        if (e.kind === 'persist') node.persisted(now, e.token, outs[from]);
        if (e.kind === 'deferTimer') node.timer(now, e.id, outs[from]);
        if (e.kind === 'send' && !cut.includes(e.to)) nodes[e.to].message(now, from, e.msg as RaftMessage, outs[e.to]);
        if (e.kind === 'reply') replies.push(e);
      }
    });
  }
  return replies;
}

function group(): { nodes: RaftGroupNode[]; outs: RecordingOutbox[] } {
  const nodes = raftGroupNodes(3, TEST_OPTIONS);
  const outs = nodes.map((_, i) => new RecordingOutbox(seedrandom.alea(`node-${i}`)));
  nodes.forEach((n, i) => n.start(0, outs[i]));
  return { nodes, outs };
}

describe('RaftGroupNode', () => {
  it('reports role, term and leader, and the ops it knows committed', () => {
    const { nodes, outs } = group();
    nodes[0].timer(MAX, 0, outs[0]);
    pump(nodes, outs, MAX);
    expect(nodes.map((n) => n.status().role)).toEqual(['leader', 'follower', 'follower']);
    expect(nodes[1].status()).toMatchObject({ term: 1, leader: 0 });
    nodes[0].request(MAX, write(1, 42), outs[0]);
    pump(nodes, outs, MAX);
    expect(nodes[0].committedOps()).toEqual([42]);
  });

  it('ignores messages of another group', () => {
    const { nodes, outs } = group();
    nodes[1].message(MAX, 0, { ...vote(3, true), group: 1 }, outs[1]);
    expect(nodes[1].status().term).toBe(0);
  });

  it('the final committed state keeps a write acknowledged just before the leader crashed', () => {
    const { nodes, outs } = group();
    nodes[0].timer(MAX, 0, outs[0]);
    pump(nodes, outs, MAX);
    nodes[0].request(MAX, write(1, 42), outs[0]);
    nodes[0].request(MAX, write(2, 43), outs[0]);
    const replies = pump(nodes, outs, MAX, [2]); // node 2 is cut off; node 1 acknowledges
    expect(replies).toEqual([
      { kind: 'reply', attempt: 1, status: ReplyStatus.Ok, value: 2 },
      { kind: 'reply', attempt: 2, status: ReplyStatus.Ok, value: 3 },
    ]);
    expect(nodes[1].committedOps()).toEqual([]); // node 1 was never told the new commit point
    nodes[0].crash();
    expect([...committedWrites(nodes)].sort()).toEqual([42, 43]);
  });

  it('the final committed state leaves out a write only the old leader held', () => {
    const { nodes, outs } = group();
    nodes[0].timer(MAX, 0, outs[0]);
    pump(nodes, outs, MAX);
    nodes[0].request(MAX, write(1, 42), outs[0]);
    pump(nodes, outs, MAX, [1, 2]);
    expect([...committedWrites(nodes)]).toEqual([]);
  });
});
