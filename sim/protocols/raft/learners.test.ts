// Learners (Raft's non-voting members, thesis §4.2.1): scripted on one replica — no election
// timer, no vote, no say in commit — and in the test cluster, where elections still need a
// majority of the voters however many learners are alive, and the checks hold under faults.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../test/raft/cluster.js';
import { TestClients } from '../../../test/raft/clients.js';
import { appendOk, elect, ready, replica, sentMessages, sync, vote, voteRequest, write } from '../../../test/raft/script.js';

const S = 1_000_000;

describe('a learner', () => {
  // 3 voters (0, 1, 2) and 2 learners (3, 4)
  const options = { learners: 2 };

  it('keeps no election timer and never campaigns', () => {
    const { r, out } = replica(4, 5, options);
    r.crash();
    r.start(0, out);
    expect(out.of('setTimer')).toEqual([]);
    r.timer(10 * S, 0, out); // even a stray timer starts nothing
    expect(out.of('election')).toEqual([]);
    expect(r.role).toBe('follower');
  });

  it('grants neither a vote nor a pre-vote, even to an up-to-date candidate', () => {
    const { r, out } = replica(3, 5, options);
    r.message(1_000, 0, voteRequest(1, 0, 0), out);
    r.message(2_000, 1, voteRequest(2, 0, 0, true), out);
    sync({ r, out }, 2_000);
    expect(sentMessages(out).map((s) => s.msg.granted)).toEqual([false, false]);
    expect(r.votedFor).toBe(-1);
  });

  it('is not asked for its vote: a candidate asks the other voters only', () => {
    const { r, out } = replica(0, 5, options);
    r.timer(1 * S, 0, out);
    expect(sentMessages(out, 'RequestVote').map((s) => s.to)).toEqual([1, 2]);
  });

  it('does not count toward commit: learners alone commit nothing, one more voter does', () => {
    const s = replica(0, 5, options);
    const { r, out } = s;
    r.timer(1 * S, 0, out);
    sync(s, 1 * S);
    r.message(1 * S, 1, vote(1, true), out); // 2 of 3 voters: elected
    sync(s, 1 * S);
    ready(s, 1 * S);
    expect(r.role).toBe('leader');
    r.request(1 * S, write(1, 7), out);
    sync(s, 1 * S);
    ready(s, 1 * S);
    const last = r.log.lastIndex;
    for (const learner of [3, 4]) r.message(1 * S + 10, learner, appendOk(1, last), out);
    expect(r.commitIndex).toBe(0);
    r.message(1 * S + 20, 2, appendOk(1, last), out);
    expect(r.commitIndex).toBe(last);
  });

  it('a 1-voter group commits on the leader alone whatever its learners do', () => {
    const s = replica(0, 3, { learners: 2 });
    elect(s, 1 * S);
    expect(s.r.role).toBe('leader');
    expect(s.r.commitIndex).toBe(1); // the no-op, on the leader's durable copy only
  });
});

describe('a group with learners in the test cluster', () => {
  it('elects only voters, and no one once a majority of the voters is down (most nodes alive)', () => {
    const c = new Cluster({ nodes: 7, seed: 'learners-quorum', options: { learners: 4 } });
    const clients = new TestClients(c, 'learners-quorum');
    clients.load(300_000, 4 * S, 200);
    const leaders = new Set<number>();
    for (let t = 100_000; t <= 1.5 * S; t += 50_000) c.at(t, () => leaders.add(c.leader()));
    c.at(1.5 * S, () => {
      const l = c.leader();
      c.crash(l);
      c.crash([0, 1, 2].find((v) => v !== l) as number); // 2 of 3 voters down, 5 of 7 nodes up
    });
    const after = new Set<number>();
    for (let t = 2.5 * S; t <= 4 * S; t += 50_000) c.at(t, () => after.add(c.leader()));
    c.runUntil(4 * S);
    leaders.delete(-1);
    expect([...leaders].every((l) => l <= 2)).toBe(true);
    expect(leaders.size).toBeGreaterThan(0);
    expect([...after]).toEqual([-1]);
    expect(c.violations).toEqual([]);
    for (const learner of [3, 4, 5, 6]) expect(c.nodes[learner].replica.term).toBeLessThanOrEqual(c.nodes[0].replica.term + 1);
  });

  it('keeps every promise with learners under leader crashes and partitions', () => {
    const c = new Cluster({ nodes: 8, seed: 'learners-faults', options: { learners: 3, preVote: true, checkQuorum: true } });
    const clients = new TestClients(c, 'learners-faults');
    clients.load(300_000, 6 * S, 200);
    c.at(1 * S, () => c.crash(c.leader()));
    c.at(1.2 * S, () => c.crash(6)); // a learner
    c.at(2 * S, () => [0, 1, 2, 3, 4, 6].forEach((n) => c.restart(n)));
    c.at(2.5 * S, () => {
      const l = c.leader();
      c.partition([[l, 5, 6, 7], c.nodes.map((_, i) => i).filter((i) => ![l, 5, 6, 7].includes(i))]);
    });
    c.at(4 * S, () => c.heal());
    c.runUntil(6 * S);
    c.heal();
    c.nodes.forEach((_, i) => c.restart(i));
    c.runUntil(9 * S);
    clients.checkDurability();
    expect(c.violations).toEqual([]);
    expect(clients.staleReads).toBe(0);
    expect(clients.acked.size).toBeGreaterThan(300);
    const logs = c.nodes.map((node) => node.committedOps());
    for (const log of logs.slice(5)) expect(log).toEqual(logs[0]); // learners hold the same log
  });
});
