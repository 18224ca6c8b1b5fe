// The leader's view of each follower, in typed arrays indexed by peer position (no object per
// follower). A follower is either probing — one AppendEntries at a time until one succeeds,
// after a rejection or at the start of a term — or replicating: up to `window` AppendEntries in
// flight, nextIndex advanced optimistically on send. In-flight messages are remembered by the
// last index they carry, in a small ring per follower, so an ack for index i frees every
// message ending at or below i (acks are cumulative; a follower may coalesce them).
// Its state changes only through the methods below, each named for what the leader learned.

/** Stalled heartbeat answers in a row after which the leader assumes an AppendEntries was lost. */
const STALLS_BEFORE_RESEND = 2;

export class Progress {
  private readonly next: Float64Array;
  private readonly match: Float64Array;
  private readonly probing: Uint8Array;
  /** In probe state: a probe is out and no answer came yet. */
  private readonly probeSent: Uint8Array;
  /** match when the previous heartbeat answer came, and how many answers in a row found it
   *  unchanged although entries were outstanding. */
  private readonly seenMatch: Float64Array;
  private readonly stalls: Uint8Array;
  private readonly ring: Float64Array;
  private readonly head: Int32Array;
  private readonly count: Int32Array;

  constructor(
    peers: number,
    private readonly window: number,
    nextIndex: number,
  ) {
    this.next = new Float64Array(peers).fill(nextIndex);
    this.match = new Float64Array(peers);
    this.probing = new Uint8Array(peers).fill(1);
    this.probeSent = new Uint8Array(peers);
    this.seenMatch = new Float64Array(peers);
    this.stalls = new Uint8Array(peers);
    this.ring = new Float64Array(peers * window);
    this.head = new Int32Array(peers);
    this.count = new Int32Array(peers);
  }

  /** The highest index `p` is known to hold (0: nothing yet). */
  matchOf(p: number): number {
    return this.match[p];
  }

  /** The first index to send `p` next. */
  nextOf(p: number): number {
    return this.next[p];
  }

  /** May the leader send `p` another AppendEntries now? */
  canSend(p: number): boolean {
    return this.probing[p] === 1 ? this.probeSent[p] === 0 : this.count[p] < this.window;
  }

  /** Would the leader, its log ending at `last`, send `p` anything now? */
  hasToSend(p: number, last: number): boolean {
    return this.probing[p] === 1 ? this.probeSent[p] === 0 : this.next[p] <= last && this.canSend(p);
  }

  /**
   * The last index of the next message to send `p` (of at most `batch` entries from next[p]),
   * or -1 when its probe state or window allows none. A probe goes out even when empty: it
   * finds where the follower's log matches.
   */
  batchEnd(p: number, last: number, batch: number): number {
    const next = this.next[p];
    if (this.probing[p] === 1) return this.probeSent[p] === 0 ? Math.min(last, next + batch - 1) : -1;
    return next <= last && this.canSend(p) ? Math.min(last, next + batch - 1) : -1;
  }

  /** An AppendEntries carrying entries up to `last` left for `p`. */
  sent(p: number, last: number): void {
    if (this.probing[p] === 1) {
      this.probeSent[p] = 1;
      return;
    }
    const w = this.window;
    this.ring[p * w + ((this.head[p] + this.count[p]) % w)] = last;
    this.count[p]++;
    this.next[p] = last + 1;
  }

  /**
   * `p` holds the leader's log up to `index`, durably (a success, or a heartbeat answer's
   * match): messages ending there or before are done, and a probing follower replicates.
   * Returns its match before, so the caller can count the entries it newly holds.
   */
  acked(p: number, index: number): number {
    const before = this.match[p];
    if (index > before) this.match[p] = index;
    this.freeTo(p, index);
    if (this.probing[p] === 1) this.becomeReplicate(p);
    return before;
  }

  /** Is a rejection of the message after `rejected` stale: of something already matched, or of
   *  anything but the probe in flight? */
  staleRejection(p: number, rejected: number): boolean {
    return rejected <= this.match[p] || (this.probing[p] === 1 && rejected !== this.next[p] - 1);
  }

  /** A current rejection: probe again from `next` (never below what `p` already holds). */
  rejectedTo(p: number, next: number): void {
    this.becomeProbe(p, Math.max(this.match[p] + 1, next));
  }

  /**
   * A heartbeat answer came from `p` (after its match was taken in, `acked`). With entries
   * outstanding and no progress over STALLS_BEFORE_RESEND answers, an AppendEntries or its
   * answer was lost: probe again from the follower's match (a retransmission). A probe's
   * answer may have been lost too, so a probing follower may be sent another. Returns whether
   * `p` is behind the leader's log, which ends at `last`.
   */
  heartbeatAnswered(p: number, last: number): boolean {
    const match = this.match[p];
    const behind = match < last;
    const stalled = behind && this.probing[p] === 0 && match === this.seenMatch[p];
    this.stalls[p] = stalled ? this.stalls[p] + 1 : 0;
    this.seenMatch[p] = match;
    if (this.stalls[p] >= STALLS_BEFORE_RESEND) this.becomeProbe(p, match + 1);
    if (this.probing[p] === 1) this.probeSent[p] = 0;
    return behind;
  }

  /** Messages ending at or before `index` are done. */
  private freeTo(p: number, index: number): void {
    const w = this.window;
    while (this.count[p] > 0 && this.ring[p * w + this.head[p]] <= index) {
      this.head[p] = (this.head[p] + 1) % w;
      this.count[p]--;
    }
  }

  private becomeProbe(p: number, next: number): void {
    this.probing[p] = 1;
    this.probeSent[p] = 0;
    this.stalls[p] = 0;
    this.next[p] = next;
    this.head[p] = 0;
    this.count[p] = 0;
  }

  private becomeReplicate(p: number): void {
    this.probing[p] = 0;
    this.probeSent[p] = 0;
    this.next[p] = Math.max(this.next[p], this.match[p] + 1);
    this.head[p] = 0;
    this.count[p] = 0;
  }
}
