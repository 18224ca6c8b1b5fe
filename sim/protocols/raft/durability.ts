// What the disk holds: the term, the vote and a prefix of the log. Each persist request
// snapshots the state that must become durable; the disk's confirmation of a token makes the
// newest snapshot at or below it durable. Raft may act externally only on durable state
// (grant a vote, acknowledge entries, count the leader's own copy), and a crash falls back to
// exactly this state.

import { RecordFifo } from '../../core/record-fifo.js';

/** Fields per pending snapshot in the flat FIFO: token, term, vote, log length. */
const STRIDE = 4;

export class Durability {
  term = 0;
  vote = -1;
  /** Entries 1..length of the in-memory log are on disk. */
  length = 0;
  /** Tokens only grow, across crashes too, so the disk can compare them. */
  private seq = 0;
  private readonly pending = new RecordFifo(STRIDE);

  /** Records a snapshot and returns the token to hand to `out.persist`. */
  request(term: number, vote: number, length: number): number {
    const token = ++this.seq;
    this.pending.push(token, term, vote, length);
    return token;
  }

  /** The disk confirmed everything up to `token`; returns whether anything became durable. */
  confirm(token: number): boolean {
    const p = this.pending;
    const d = p.data;
    let changed = false;
    for (; !p.empty && d[p.head] <= token; p.shift()) {
      this.term = d[p.head + 1];
      this.vote = d[p.head + 2];
      this.length = d[p.head + 3];
      changed = true;
    }
    return changed;
  }

  /**
   * The log was cut back to `lastKept`: neither the disk nor a pending snapshot may claim the
   * dropped entries (modelled conservatively: an unpersisted truncation loses the old suffix too,
   * which only ever drops entries that conflict with a newer leader).
   */
  truncated(lastKept: number): void {
    if (this.length > lastKept) this.length = lastKept;
    const { data, head, end } = this.pending;
    for (let i = head + 3; i < end; i += STRIDE) if (data[i] > lastKept) data[i] = lastKept;
  }

  /** A crash: requests still in flight are lost; the durable state stays. */
  crash(): void {
    this.pending.clear();
  }
}
