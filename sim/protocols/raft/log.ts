// The Raft log: entries by index, index 0 a sentinel of term 0 so that "prevIndex 0" always
// matches. Entries live packed in one Int32Array (term, op, key, kind per index): a 1000-shard
// sweep point holds millions of entries on three replicas each, and an object per entry (56
// bytes) plus a pointer per replica cost ~80 bytes an entry where the packed form costs 48.
// Messages still carry small entry objects; a receiver copies their fields in.

import { grownInt32 } from '../../core/grow.js';

export const enum EntryKind {
  /** The no-op a new leader appends to commit its predecessors' entries (§5.4.2). */
  Noop = 0,
  Write = 1,
  /** A read that goes through the log: it is answered once this marker commits. */
  Read = 2,
}

export interface LogEntry {
  readonly term: number;
  /** The client op (writes and read markers); -1 for a no-op. */
  readonly op: number;
  readonly key: number;
  readonly kind: EntryKind;
}

export const NO_ENTRIES: readonly LogEntry[] = [];

/** Int32 fields per entry: term, op, key, kind. Terms, op ids and keys all fit in 31 bits. */
const STRIDE = 4;
const TERM = 0;
const OP = 1;
const KEY = 2;
const KIND = 3;
const INITIAL_ENTRIES = 16;

export class RaftLog {
  private fields = new Int32Array(INITIAL_ENTRIES * STRIDE);
  private length = 1;
  // The last slice handed out: a leader sends the same range to every follower that is in
  // step, so one slice serves them all. Valid until the log is truncated.
  private sliceFrom = 0;
  private sliceTo = -1;
  private sliced: readonly LogEntry[] = NO_ENTRIES;

  constructor() {
    // index 0, the sentinel: term 0, a no-op of no op and no key
    this.fields[OP] = -1;
    this.fields[KEY] = -1;
  }

  get lastIndex(): number {
    return this.length - 1;
  }

  get lastTerm(): number {
    return this.fields[(this.length - 1) * STRIDE + TERM];
  }

  /** Term of entry `index`, or -1 when the log is shorter. */
  term(index: number): number {
    return index < this.length ? this.fields[index * STRIDE + TERM] : -1;
  }

  op(index: number): number {
    return this.fields[index * STRIDE + OP];
  }

  key(index: number): number {
    return this.fields[index * STRIDE + KEY];
  }

  writeOp(index: number): number {
    return this.kind(index) === EntryKind.Write ? this.op(index) : -1;
  }

  kind(index: number): EntryKind {
    return this.fields[index * STRIDE + KIND] as EntryKind;
  }

  /** Entry `index` as a fresh object (messages and tests; the hot paths read the fields). */
  entry(index: number): LogEntry {
    return { term: this.term(index), op: this.op(index), key: this.key(index), kind: this.kind(index) };
  }

  append(entry: LogEntry): number {
    if (this.length * STRIDE === this.fields.length) this.fields = grownInt32(this.fields, this.fields.length * 2);
    const at = this.length * STRIDE;
    this.fields[at + TERM] = entry.term;
    this.fields[at + OP] = entry.op;
    this.fields[at + KEY] = entry.key;
    this.fields[at + KIND] = entry.kind;
    return this.length++;
  }

  /** Overwrites entry `index` (≤ lastIndex) in place: a Paxos acceptor accepts a slot again. */
  set(index: number, entry: LogEntry): void {
    const at = index * STRIDE;
    this.fields[at + TERM] = entry.term;
    this.fields[at + OP] = entry.op;
    this.fields[at + KEY] = entry.key;
    this.fields[at + KIND] = entry.kind;
    if (index >= this.sliceFrom && index <= this.sliceTo) this.sliceTo = -1;
  }

  /** Does entry `index` hold exactly `entry`? */
  holds(index: number, entry: LogEntry): boolean {
    const at = index * STRIDE;
    const f = this.fields;
    return (
      index < this.length &&
      f[at + TERM] === entry.term &&
      f[at + OP] === entry.op &&
      f[at + KEY] === entry.key &&
      f[at + KIND] === entry.kind
    );
  }

  /** Keeps entries 1..lastKept and drops the rest. */
  truncate(lastKept: number): void {
    if (lastKept >= this.lastIndex) return;
    this.length = lastKept + 1;
    this.sliceTo = -1;
  }

  /** Entries from..to inclusive, shared: callers must not mutate it. */
  slice(from: number, to: number): readonly LogEntry[] {
    if (to < from) return NO_ENTRIES;
    if (from !== this.sliceFrom || to !== this.sliceTo) {
      const entries: LogEntry[] = [];
      for (let i = from; i <= to && i < this.length; i++) entries.push(this.entry(i));
      this.sliced = entries;
      this.sliceFrom = from;
      this.sliceTo = to;
    }
    return this.sliced;
  }

  /** Raft's election restriction (§5.4.1): is a log ending at (lastIndex, lastTerm) at least as up-to-date as ours? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ours = this.lastTerm;
    return lastTerm > ours || (lastTerm === ours && lastIndex >= this.lastIndex);
  }

  /**
   * A follower's hint after a failed consistency check: the last index ≤ `index` whose term is
   * ≤ `term`. Terms never decrease along a log, so the scan only walks back over the entries
   * that diverge from the leader (uncommitted ones), never the whole log.
   */
  conflictHint(index: number, term: number): number {
    let i = Math.min(index, this.lastIndex);
    while (i > 0 && this.term(i) > term) i--;
    return i;
  }

  /** Write ops of entries 1..upTo, in log order. */
  writeOps(upTo: number): number[] {
    const ops: number[] = [];
    for (let i = 1; i <= upTo && i < this.length; i++) if (this.kind(i) === EntryKind.Write) ops.push(this.op(i));
    return ops;
  }
}
