// What a Paxos acceptor's disk holds: its promise, its accepted slots, and two markers written
// with them — `matched` (slots 1..matched were accepted in the promised ballot, as its proposer
// sent them) and `chosen` (slots known chosen). Each persist request snapshots these; the disk's
// confirmation of a token makes the newest snapshot at or below it durable. An acceptor only
// answers from durable state (a promise, an acknowledgement), and a crash falls back to it.
// Unlike a Raft log, accepted slots are overwritten in place when a later ballot accepts them
// again: until that write is durable the old (ballot, value) is still what the disk holds, so
// each overwrite keeps the old entry, and a crash puts it back.
import { RecordFifo } from '../../core/record-fifo.js';
import type { EntryKind, LogEntry, RaftLog } from '../raft/index.js';

/** Fields per pending snapshot: token, promised ballot, matched, chosen, log length. */
const SNAPSHOT = 5;
/** Fields per kept old entry: token it becomes obsolete with, index, ballot, op, key × 4 + kind. */
const UNDO = 5;

export class AcceptorDisk {
  promised = 0;
  matched = 0;
  chosen = 0;
  /** Slots 1..length of the in-memory log are on disk (as they were at the snapshot). */
  length = 0;
  /** Tokens only grow, across crashes too, so the disk can compare them. */
  private seq = 0;
  /** The longest log any snapshot requested holds: a slot past it has never been written. */
  private written = 0;
  private readonly pending = new RecordFifo(SNAPSHOT);
  private readonly undo = new RecordFifo(UNDO);

  /** Records a snapshot and returns the token to hand to `out.persist`. */
  request(promised: number, matched: number, chosen: number, length: number): number {
    const token = ++this.seq;
    if (length > this.written) this.written = length;
    this.pending.push(token, promised, matched, chosen, length);
    return token;
  }

  /** Slot `index` of `log` is about to be overwritten: keep its entry until the next snapshot is durable. */
  overwriting(log: RaftLog, index: number): void {
    if (index > this.written) return; // never written: a crash drops it anyway
    this.undo.push(this.seq + 1, index, log.term(index), log.op(index), log.key(index) * 4 + log.kind(index));
  }

  /** The disk confirmed everything up to `token`; returns whether anything became durable. */
  confirm(token: number): boolean {
    const p = this.pending;
    const d = p.data;
    let changed = false;
    for (; !p.empty && d[p.head] <= token; p.shift()) {
      this.promised = d[p.head + 1];
      this.matched = d[p.head + 2];
      this.chosen = d[p.head + 3];
      this.length = d[p.head + 4];
      changed = true;
    }
    const u = this.undo;
    while (!u.empty && u.data[u.head] <= token) u.shift();
    return changed;
  }

  /** A crash: requests in flight are lost; `log` goes back to what the disk holds. */
  crash(log: RaftLog): void {
    this.pending.clear();
    const { data, head } = this.undo;
    for (let at = this.undo.end - UNDO; at >= head; at -= UNDO) {
      const index = data[at + 1];
      if (index > log.lastIndex) continue;
      const keyKind = data[at + 4];
      const kind = ((keyKind % 4) + 4) % 4;
      const entry: LogEntry = { term: data[at + 2], op: data[at + 3], key: (keyKind - kind) / 4, kind: kind as EntryKind };
      log.set(index, entry);
    }
    this.undo.clear();
    log.truncate(this.length);
    this.written = this.length;
  }
}
