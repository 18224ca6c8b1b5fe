// The two elected nodes, scripted on one-member groups (the node is its own quorum): the
// election runs on a RaftReplica, and what each node adds on top of it.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ReplyStatus, type ClientRequest, type ProtocolNode } from '../node.js';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { ActivePassiveNode } from './active-passive-node.js';
import { CoordinatorNode } from './coordinator-node.js';
import { GrantOutbox } from './grant-outbox.js';
import { leaseRequest, type LeaseGrant } from './lease-messages.js';

const ELECTION = { electionTimeout: [150, 300] as [number, number], heartbeat: 50 };
const LATER = 1000;

/** Confirms every persist the node asks for until it asks for no more. */
function settle(node: ProtocolNode, out: RecordingOutbox, now: number): void {
  for (let token = out.lastToken, seen = -1; token !== seen; token = out.lastToken) {
    seen = token;
    node.persisted(now, token, out);
  }
}

/** Boots the node and lets it win the election of its one-member group. */
function elected<T extends ProtocolNode>(node: T): { node: T; out: RecordingOutbox } {
  const out = new RecordingOutbox(seedrandom.alea('elected'));
  node.start(0, out);
  node.timer(LATER, 0, out);
  settle(node, out, LATER);
  return { node, out };
}

const request = (attempt: number, op = attempt): ClientRequest => ({ attempt, op, key: 0, write: false });

describe('ActivePassiveNode', () => {
  it('is Unavailable before anyone leads', () => {
    const node = new ActivePassiveNode(0, [0, 1, 2], ELECTION);
    const out = new RecordingOutbox(seedrandom.alea('ap'));
    node.start(0, out);
    node.request(1, request(5), out);
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 5, status: ReplyStatus.Unavailable, value: -1 }]);
  });

  it('serves as leader, and notes the first request it serves in its term (what ends a failover), committing nothing', () => {
    const { node, out } = elected(new ActivePassiveNode(0, [0], ELECTION));
    expect(out.of('role').at(-1)).toMatchObject({ role: 'leader', term: 1 });
    // the election log holds only the leader's no-op
    expect(out.of('commit')).toEqual([{ kind: 'commit', index: 1, term: 1, op: -1, group: 0 }]);
    out.take();
    node.request(LATER, request(7, 70), out);
    node.request(LATER, request(8, 80), out);
    expect(out.of('reply').map((r) => r.status)).toEqual([ReplyStatus.Ok, ReplyStatus.Ok]);
    expect(out.of('served')).toEqual([{ kind: 'served', term: 1, group: 0 }]);
    expect(out.of('commit')).toEqual([]);
    expect(out.of('send')).toEqual([]);
  });
});

describe('CoordinatorNode', () => {
  it('as coordinator, grants a block once its allocation is committed: block k of the log index k', () => {
    const { node, out } = elected(new CoordinatorNode(0, [0], { ...ELECTION, batch: 10, deadline: 100 }));
    out.take();
    node.message(LATER, 0, leaseRequest(3), out);
    expect(out.sent('LeaseGrant')).toEqual([]); // not before it is durable
    settle(node, out, LATER);
    const grants = out.sent('LeaseGrant').map(({ msg }) => msg as LeaseGrant);
    expect(grants).toEqual([{ type: 'LeaseGrant', seq: 3, start: 20, count: 10, entries: 0 }]);
    expect(out.of('commit').at(-1)).toMatchObject({ index: 2, term: 1, group: 0 });
  });

  it('as a server, asks its replica’s leader for IDs and answers its clients with them', () => {
    const { node, out } = elected(new CoordinatorNode(0, [0], { ...ELECTION, batch: 10, deadline: 100 }));
    out.take();
    node.request(LATER, request(1), out);
    expect(out.sent('LeaseRequest').map(({ to }) => to)).toEqual([0]);
    node.message(LATER, 0, { type: 'LeaseGrant', seq: 0, start: 40, count: 10, entries: 0 } as LeaseGrant, out);
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: ReplyStatus.Ok, value: 40 }]);
  });
});

describe('GrantOutbox', () => {
  it('turns the replica’s answers to allocations into grants and refusals to the asking server', () => {
    const out = new RecordingOutbox(seedrandom.alea('grant'));
    const grants = new GrantOutbox(100).over(out);
    const a = grants.allocation(4, leaseRequest(1));
    const b = grants.allocation(5, leaseRequest(2));
    const c = grants.allocation(6, leaseRequest(3));
    grants.reply(a.attempt, ReplyStatus.Ok, 7);
    grants.reply(b.attempt, ReplyStatus.Redirect, 2);
    grants.reply(c.attempt, ReplyStatus.Unavailable, -1);
    grants.reply(99, ReplyStatus.Ok, 0); // not an allocation: passed on
    expect(out.sent()).toEqual([
      { to: 4, msg: { type: 'LeaseGrant', seq: 1, start: 700, count: 100, entries: 0 } },
      { to: 5, msg: { type: 'LeaseRefused', seq: 2, leader: 2, entries: 0 } },
      { to: 6, msg: { type: 'LeaseRefused', seq: 3, leader: -1, entries: 0 } },
    ]);
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 99, status: ReplyStatus.Ok, value: 0 }]);
    expect(a.write && a.op >= 0).toBe(true);
  });
});
