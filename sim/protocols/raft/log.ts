// The Raft log: entries by index, index 0 a sentinel of term 0 so that "prevIndex 0" always
// matches. Entries are small immutable objects shared by reference: a follower stores the very
// objects the leader sent, so a 1000-member group holds one copy of each entry plus one pointer
// per replica (8 bytes), where parallel typed arrays per replica would cost ~17 bytes each and
// a copy on every receive.

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

const SENTINEL: LogEntry = { term: 0, op: -1, key: -1, kind: EntryKind.Noop };
export const NO_ENTRIES: readonly LogEntry[] = [];

export class RaftLog {
  private readonly entries: LogEntry[] = [SENTINEL];
  // The last slice handed out: a leader sends the same range to every follower that is in
  // step, so one slice serves them all. Valid until the log is truncated.
  private sliceFrom = 0;
  private sliceTo = -1;
  private sliced: readonly LogEntry[] = NO_ENTRIES;

  get lastIndex(): number {
    return this.entries.length - 1;
  }

  get lastTerm(): number {
    return this.entries[this.entries.length - 1].term;
  }

  /** Term of entry `index`, or -1 when the log is shorter. */
  term(index: number): number {
    return index < this.entries.length ? this.entries[index].term : -1;
  }

  entry(index: number): LogEntry {
    return this.entries[index];
  }

  append(entry: LogEntry): number {
    this.entries.push(entry);
    return this.entries.length - 1;
  }

  /** Keeps entries 1..lastKept and drops the rest. */
  truncate(lastKept: number): void {
    if (lastKept >= this.lastIndex) return;
    this.entries.length = lastKept + 1;
    this.sliceTo = -1;
  }

  /** Entries from..to inclusive, shared: callers must not mutate it. */
  slice(from: number, to: number): readonly LogEntry[] {
    if (to < from) return NO_ENTRIES;
    if (from !== this.sliceFrom || to !== this.sliceTo) {
      this.sliced = this.entries.slice(from, to + 1);
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
    while (i > 0 && this.entries[i].term > term) i--;
    return i;
  }

  /** Write ops of entries 1..upTo, in log order. */
  writeOps(upTo: number): number[] {
    const ops: number[] = [];
    for (let i = 1; i <= upTo && i < this.entries.length; i++) {
      if (this.entries[i].kind === EntryKind.Write) ops.push(this.entries[i].op);
    }
    return ops;
  }
}
