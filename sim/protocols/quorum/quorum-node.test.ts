// The quorum node as a state machine: scripted inputs, recorded effects. Three nodes, three
// replicas, so every node holds every key and node 0 coordinates.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ReplyStatus } from '../node.js';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { AckedWrites } from './acked-writes.js';
import { SWEEP_TIMER } from './coordinator.js';
import { readMsg, readResp, writeAck, writeMsg } from './messages.js';
import { QuorumNode, VERSION_SLOTS, type QuorumOptions } from './quorum-node.js';
import { Ring } from './ring.js';

const KEY = 7;
const TIMEOUT = 50_000;

function node(w: number, r: number, acked: [number, number, number][] = [], id = 0) {
  const options: QuorumOptions = {
    writeQuorum: w,
    readQuorum: r,
    coordinatorTimeout: TIMEOUT,
    onWriteAcked: (op, key, version) => acked.push([op, key, version]),
  };
  const n = new QuorumNode(id, new Ring(3, 16, 3), options);
  const out = new RecordingOutbox(seedrandom.alea('q'));
  n.start(0, out);
  out.take();
  return { n, out };
}

const byNode = <T extends { to: number }>(sent: T[]) => [...sent].sort((a, b) => a.to - b.to);
const write = (attempt: number, op = attempt) => ({ attempt, op, key: KEY, write: true });
const read = (attempt: number) => ({ attempt, op: 100 + attempt, key: KEY, write: false });

describe('QuorumNode writes', () => {
  it('stamps a version, sends it to the other replicas, and acks after W durable copies', () => {
    const acked: [number, number, number][] = [];
    const { n, out } = node(2, 2, acked);
    n.request(1000, write(1, 41), out);
    const version = 1000 * VERSION_SLOTS + 0;
    expect(
      out
        .sent()
        .map((s) => s.to)
        .sort(),
    ).toEqual([1, 2]); // in preference-list order
    expect(out.sent()[0].msg).toEqual(writeMsg(KEY, version, 0));
    expect(out.of('persist')).toEqual([{ kind: 'persist', token: 1 }]);
    expect(out.of('setTimer')).toEqual([{ kind: 'setTimer', id: SWEEP_TIMER, delay: TIMEOUT }]);
    out.take();
    n.message(1100, 2, writeAck(0), out); // one remote ack: 1 of 2
    expect(out.of('reply')).toEqual([]);
    n.persisted(1200, 1, out); // the local copy is on disk: 2 of 2
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: ReplyStatus.Ok, value: version }]);
    expect(acked).toEqual([[41, KEY, version]]);
    n.message(1300, 1, writeAck(0), out); // late ack: already answered
    expect(out.of('reply').length).toBe(1);
    expect(n.coordinations).toBe(0);
  });

  it('keeps versions unique and increasing within one microsecond', () => {
    const { n, out } = node(1, 1);
    n.request(5, write(1), out);
    n.request(5, write(2), out);
    const versions = out.sent().map((s) => (s.msg as ReturnType<typeof writeMsg>).version);
    expect(versions).toEqual([5 * VERSION_SLOTS, 5 * VERSION_SLOTS, 6 * VERSION_SLOTS, 6 * VERSION_SLOTS]);
  });

  it('answers Unavailable when W acks do not come within the timeout, and ignores them after', () => {
    const { n, out } = node(3, 2);
    n.request(0, write(1), out);
    n.persisted(10, 1, out);
    n.message(20, 1, writeAck(0), out);
    out.take();
    n.timer(TIMEOUT, SWEEP_TIMER, out);
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: ReplyStatus.Unavailable, value: 0 }]);
    n.message(TIMEOUT + 1, 2, writeAck(0), out);
    expect(out.of('reply').length).toBe(1);
  });

  it('a replica applies a write (never lowering a key), persists, then acks', () => {
    const { n, out } = node(2, 2, [], 1);
    n.message(0, 0, writeMsg(KEY, 5000, 9), out);
    n.message(0, 2, writeMsg(KEY, 3000, 4), out);
    expect(n.versionOf(KEY)).toBe(5000);
    expect(out.sent()).toEqual([]);
    n.persisted(10, 2, out);
    expect(out.sent()).toEqual([
      { to: 0, msg: writeAck(9) },
      { to: 2, msg: writeAck(4) },
    ]);
    expect(n.durableVersionOf(KEY)).toBe(5000);
  });
});

describe('QuorumNode reads', () => {
  it('with R=1 at a replica answers from its own copy without a message', () => {
    const { n, out } = node(1, 1);
    n.message(0, 1, writeMsg(KEY, 4096, -1), out);
    out.take();
    n.request(10, read(1), out);
    expect(out.sent()).toEqual([]);
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: ReplyStatus.Ok, value: 4096 }]);
  });

  it('with R=2 asks the other replicas, answers the newest of two, and repairs the stale one', () => {
    const { n, out } = node(2, 2);
    n.request(10, read(1), out); // local copy: version 0
    expect(byNode(out.sent())).toEqual([
      { to: 1, msg: readMsg(KEY, 0) },
      { to: 2, msg: readMsg(KEY, 0) },
    ]);
    out.take();
    n.message(20, 2, readResp(0, 9000), out);
    expect(out.of('reply')).toEqual([{ kind: 'reply', attempt: 1, status: ReplyStatus.Ok, value: 9000 }]);
    // the coordinator's own copy was the stale one: repaired locally, persisted, no ack owed
    expect(n.versionOf(KEY)).toBe(9000);
    expect(out.of('persist').length).toBe(1);
    out.take();
    n.message(30, 1, readResp(0, 0), out); // late answer: ignored, not repaired
    expect(out.take()).toEqual([]);
  });

  it('repairs a stale remote replica with a write that wants no ack', () => {
    const { n, out } = node(2, 3);
    n.message(0, 1, writeMsg(KEY, 9000, -1), out);
    n.request(10, read(1), out);
    out.take();
    n.message(20, 1, readResp(0, 9000), out);
    n.message(20, 2, readResp(0, 2048), out);
    expect(out.sent()).toEqual([{ to: 2, msg: writeMsg(KEY, 9000, -1) }]);
  });

  it('a replica answers a read with its current version', () => {
    const { n, out } = node(2, 2, [], 2);
    n.message(0, 1, writeMsg(KEY, 7000, -1), out);
    n.message(1, 0, readMsg(KEY, 12), out);
    expect(out.sent()).toEqual([{ to: 0, msg: readResp(12, 7000) }]);
  });
});

describe('QuorumNode crash', () => {
  it('keeps what was persisted, loses the rest and every coordination', () => {
    const { n, out } = node(2, 2);
    n.message(0, 1, writeMsg(KEY, 4096, 3), out); // token 1
    n.persisted(1, 1, out);
    n.message(2, 1, writeMsg(KEY, 8192, 4), out); // token 2: never confirmed
    n.request(3, write(9), out);
    out.take();
    n.crash();
    expect(n.versionOf(KEY)).toBe(4096);
    expect(n.coordinations).toBe(0);
    n.start(100, out);
    expect(out.of('role')).toEqual([{ kind: 'role', role: 'serving', term: 0, group: 0 }]);
    n.persisted(101, 3, out); // a confirmation from before the crash acks nothing
    n.message(102, 1, writeAck(1), out); // nor does an ack for a forgotten coordination
    expect(out.sent()).toEqual([]);
    expect(out.of('reply')).toEqual([]);
  });
});

describe('AckedWrites', () => {
  it('an acked write survives while some replica of its key holds that version or a later one', () => {
    const ring = new Ring(5, 16, 3);
    const disk = new Map<number, number>(); // node → version of KEY
    const replicas = { durableVersion: (n: number, key: number) => (key === KEY ? (disk.get(n) ?? 0) : 0) };
    const acked = new AckedWrites();
    acked.record(1, KEY, 5000);
    acked.record(2, KEY, 6000);
    acked.record(2, KEY, 4000); // an earlier attempt of op 2: the later version counts
    acked.record(3, KEY + 1, 100);
    const [a, b] = ring.preferenceList(KEY);
    const outsider = [0, 1, 2, 3, 4].find((x) => !ring.holds(KEY, x)) as number;
    disk.set(outsider, 1e9); // a node outside the preference list does not count
    disk.set(a, 5500);
    expect([...acked.surviving(ring, replicas)]).toEqual([1]);
    disk.set(b, 7000); // superseded by a later write: not lost
    expect([...acked.surviving(ring, replicas)]).toEqual([1, 2]);
    expect(acked.size).toBe(3);
  });
});
