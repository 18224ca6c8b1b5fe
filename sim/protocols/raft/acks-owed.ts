// A follower's acknowledgements to the leader it follows. Entries it accepted may only be
// acknowledged once they are durable (a follower must never claim what a crash would lose), so
// what was accepted and what was already told are kept apart until the disk catches up.
import type { Durability } from './durability.js';

export class AcksOwed {
  /** The leader and term the acknowledgements are for (-1: none). */
  leader = -1;
  term = 0;
  /** The leader's log matches ours up to here (not necessarily durable yet). */
  private index = 0;
  /** The highest index already acknowledged. */
  private sent = 0;
  /** Something accepted is not acknowledged yet. */
  private owed = false;

  /** `leader` of `term` sent entries that match ours up to `match`. */
  accepted(leader: number, term: number, match: number): void {
    if (this.leader !== leader || this.term !== term) {
      this.leader = leader;
      this.term = term;
      this.index = 0;
      this.sent = 0;
    }
    if (match > this.index) this.index = match;
    this.owed = true;
  }

  /**
   * The index to acknowledge now, or -1 if nothing new is durable (or the disk still holds an
   * older term). An acknowledgement of only part of what was accepted leaves the rest owed.
   */
  take(term: number, disk: Durability): number {
    if (!this.owed || this.term !== term || disk.term !== term) return -1;
    const durable = Math.min(this.index, disk.length);
    if (durable < this.index && durable <= this.sent) return -1;
    this.sent = durable;
    if (durable === this.index) this.owed = false;
    return durable;
  }

  /** What we durably hold of `leader`'s log in `term` (0 if we follow someone else). */
  durableFor(leader: number, term: number, disk: Durability): number {
    const ours = this.leader === leader && this.term === term && disk.term === term;
    return ours ? Math.min(this.index, disk.length) : 0;
  }

  /** A crash: nothing is owed any more. */
  clear(): void {
    this.leader = -1;
    this.owed = false;
  }
}
