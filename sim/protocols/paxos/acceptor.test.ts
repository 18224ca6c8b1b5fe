// Scripted tests of one node: promises and acknowledgements leave only once durable, a later
// ballot wins over an earlier one, an acceptor learns only the chosen slots it holds as the
// leader sent them, and a crash falls back to exactly what the disk holds.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { paxosOptions } from '../../../test/paxos/protocol.js';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { CpuUse } from '../../net/cpu.js';
import { EntryKind, type LogEntry, RaftLog, TIMER_ELECTION } from '../raft/index.js';
import { AcceptorDisk } from './acceptor-disk.js';
import type { Accept, Accepted, Prepare, Promise } from './messages.js';
import { PaxosNode } from './paxos-node.js';

const members = [0, 1, 2, 3, 4];
const write = (ballot: number, op: number): LogEntry => ({ term: ballot, op, key: op, kind: EntryKind.Write });

function acceptor(id = 1): { node: PaxosNode; out: RecordingOutbox } {
  const node = new PaxosNode(id, members, paxosOptions(5));
  const out = new RecordingOutbox(seedrandom.alea('acceptor'));
  node.start(0, out);
  out.take();
  return { node, out };
}

const accept = (ballot: number, prev: number, batch: LogEntry[], chosen = 0): Accept => ({
  type: 'accept',
  ballot,
  prev,
  chosen,
  batch,
  entries: batch.length,
  use: CpuUse.Replication,
});

const prepare = (ballot: number, from: number): Prepare => ({
  type: 'prepare',
  ballot,
  from,
  entries: 0,
  urgent: true,
  use: CpuUse.Elections,
});

describe('a multi-paxos acceptor', () => {
  it('sends its promise only once the ballot is durable, reporting what it accepted', () => {
    const { node, out } = acceptor();
    node.message(1, 0, accept(5, 0, [write(5, 11), write(5, 12)]), out);
    node.persisted(2, out.lastToken, out);
    out.take();
    node.message(3, 2, prepare(12, 1), out);
    expect(out.sent('promise')).toEqual([]);
    node.persisted(4, out.lastToken, out);
    const [p] = out.sent('promise') as { to: number; msg: Promise }[];
    expect(p.to).toBe(2);
    expect(p.msg.granted).toBe(true);
    expect(p.msg.batch.map((e) => [e.term, e.op])).toEqual([
      [5, 11],
      [5, 12],
    ]);
  });

  it('acknowledges accepted slots once durable, and refuses a ballot below its promise', () => {
    const { node, out } = acceptor();
    node.message(1, 0, accept(5, 0, [write(5, 11)]), out);
    expect(out.sent('accepted')).toEqual([]);
    node.persisted(2, out.lastToken, out);
    expect(out.sent('accepted').map((s) => (s.msg as Accepted).index)).toEqual([1]);
    out.take();
    node.message(3, 2, prepare(12, 1), out);
    node.message(4, 0, accept(5, 1, [write(5, 13)]), out);
    const [nack] = out.sent('accepted') as { to: number; msg: Accepted }[];
    expect(nack.msg).toMatchObject({ ok: false, ballot: 12, rejected: -1 });
    expect(node.log.lastIndex).toBe(1);
  });

  it('answers an accept that would leave a hole with what it holds', () => {
    const { node, out } = acceptor();
    node.message(1, 0, accept(5, 3, [write(5, 11)]), out);
    const [hole] = out.sent('accepted') as { to: number; msg: Accepted }[];
    expect(hole.msg).toMatchObject({ ok: false, index: 0, rejected: 3 });
  });

  it('learns chosen slots only up to what it holds in the leader’s ballot', () => {
    const { node, out } = acceptor();
    node.message(1, 0, accept(5, 0, [write(5, 11), write(5, 12)]), out);
    node.message(2, 0, accept(5, 2, [], 9), out);
    expect(node.chosen).toBe(2);
    expect(out.of('commit').map((c) => c.op)).toEqual([11, 12]);
  });

  it('a candidate without a leader runs phase 1 with a ballot of its own above any seen', () => {
    const { node, out } = acceptor(3);
    node.message(1, 0, accept(5, 0, [write(5, 11)]), out);
    node.timer(1_000_000, TIMER_ELECTION, out);
    const prepares = out.sent('prepare') as { to: number; msg: Prepare }[];
    expect(prepares.map((p) => p.to)).toEqual([0, 1, 2, 4]);
    expect(prepares[0].msg).toMatchObject({ ballot: 13, from: 1 });
    expect(node.role).toBe('candidate');
  });
});

describe('the acceptor disk', () => {
  it('puts an overwritten slot back on a crash until the overwrite is durable', () => {
    const log = new RaftLog();
    const disk = new AcceptorDisk();
    log.append(write(5, 11));
    const t1 = disk.request(5, 1, 0, log.lastIndex);
    disk.confirm(t1);
    disk.overwriting(log, 1);
    log.set(1, write(10, 11));
    log.append(write(10, 12));
    disk.request(10, 2, 0, log.lastIndex);
    disk.crash(log);
    expect([log.lastIndex, log.term(1)]).toEqual([1, 5]);
    expect(disk.promised).toBe(5);

    disk.overwriting(log, 1);
    log.set(1, write(10, 11));
    disk.confirm(disk.request(10, 1, 0, log.lastIndex));
    disk.crash(log);
    expect(log.term(1)).toBe(10);
  });
});
