// How many replicas (the leader included) hold each uncommitted log index. A follower's match
// moving from `old` to `new` adds one to every index in (old, new], so an acknowledgement costs
// O(entries it newly covers) — the same order as the perEntry work the model already charges —
// instead of an O(members) scan over matchIndex per ack. Counts are non-increasing in the index
// (whoever holds i+1 holds i), so the commit point is found by walking forward while the next
// index has a quorum. Stored in a power-of-two ring covering [low, high].

export class AckCounter {
  private counts = new Int32Array(64);
  private mask = 63;
  /** First tracked index (commitIndex + 1); counts below it are no longer needed. */
  private low: number;
  /** Last index that has a count; slots outside [low, high] are kept at zero. */
  private high: number;

  constructor(firstUncommitted: number) {
    this.low = firstUncommitted;
    this.high = firstUncommitted - 1;
  }

  /** One more replica holds every index in (from, to]. */
  add(from: number, to: number): void {
    const start = Math.max(from + 1, this.low);
    if (to < start) return;
    if (to - this.low + 1 > this.counts.length) this.grow(to - this.low + 1);
    const c = this.counts;
    const m = this.mask;
    for (let i = start; i <= to; i++) c[i & m]++;
    if (to > this.high) this.high = to;
  }

  count(index: number): number {
    return index < this.low || index > this.high ? 0 : this.counts[index & this.mask];
  }

  /** Forgets indices below `low` (they are committed). */
  dropBelow(low: number): void {
    const c = this.counts;
    const m = this.mask;
    const end = Math.min(low - 1, this.high);
    for (let i = this.low; i <= end; i++) c[i & m] = 0;
    if (low > this.low) this.low = low;
    if (this.high < this.low - 1) this.high = this.low - 1;
  }

  private grow(needed: number): void {
    let size = this.counts.length;
    while (size < needed) size *= 2;
    const bigger = new Int32Array(size);
    for (let i = this.low; i <= this.high; i++) bigger[i & (size - 1)] = this.counts[i & this.mask];
    this.counts = bigger;
    this.mask = size - 1;
  }
}
