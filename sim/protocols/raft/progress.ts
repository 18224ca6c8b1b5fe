// The leader's view of each follower, in typed arrays indexed by peer position (no object per
// follower). A follower is either probing — one AppendEntries at a time until one succeeds,
// after a rejection or at the start of a term — or replicating: up to `window` AppendEntries in
// flight, nextIndex advanced optimistically on send. In-flight messages are remembered by the
// last index they carry, in a small ring per follower, so an ack for index i frees every
// message ending at or below i (acks are cumulative; a follower may coalesce them).

export class Progress {
  readonly next: Float64Array;
  readonly match: Float64Array;
  readonly probing: Uint8Array;
  /** In probe state: a probe is out and no answer came yet. */
  readonly probeSent: Uint8Array;
  /** match when the previous heartbeat answer came, and how many answers in a row found it
   *  unchanged although entries were outstanding. */
  readonly seenMatch: Float64Array;
  readonly stalls: Uint8Array;
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

  /** `p` acknowledged everything up to `index`: messages ending there or before are done. */
  freeTo(p: number, index: number): void {
    const w = this.window;
    while (this.count[p] > 0 && this.ring[p * w + this.head[p]] <= index) {
      this.head[p] = (this.head[p] + 1) % w;
      this.count[p]--;
    }
  }

  becomeProbe(p: number, next: number): void {
    this.probing[p] = 1;
    this.probeSent[p] = 0;
    this.stalls[p] = 0;
    this.next[p] = next;
    this.head[p] = 0;
    this.count[p] = 0;
  }

  becomeReplicate(p: number): void {
    this.probing[p] = 0;
    this.probeSent[p] = 0;
    this.next[p] = Math.max(this.next[p], this.match[p] + 1);
    this.head[p] = 0;
    this.count[p] = 0;
  }
}
