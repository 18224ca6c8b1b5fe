// A fixed-size array of small integers that answers "the first index at or after i holding the
// smallest value" in O(log n): a segment tree of minimums. The least-outstanding balancer asks
// this once per request; scanning a thousand servers for it each time cost more than the
// rest of the request's simulation.

/** A value no real entry reaches: an index holding it is never the minimum of a non-empty set. */
export const ABSENT = 0x7fffffff;

export class MinTree {
  /** tree[1] is the root; the leaves sit at leaves..leaves+size-1, padding leaves hold ABSENT. */
  private readonly tree: Int32Array;
  private readonly leaves: number;

  constructor(readonly size: number) {
    let leaves = 1;
    while (leaves < size) leaves *= 2;
    this.leaves = leaves;
    this.tree = new Int32Array(2 * leaves).fill(ABSENT);
  }

  /** The smallest value held (ABSENT when every index is). */
  get min(): number {
    return this.tree[1];
  }

  get(i: number): number {
    return this.tree[this.leaves + i];
  }

  set(i: number, value: number): void {
    const t = this.tree;
    let node = this.leaves + i;
    t[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      const m = t[2 * node] < t[2 * node + 1] ? t[2 * node] : t[2 * node + 1];
      if (t[node] === m) break; // the rest of the path already holds this minimum
      t[node] = m;
    }
  }

  /** The first index at or after `start` whose value is at most `bound`, or -1 when none is. */
  firstAtMost(start: number, bound: number): number {
    const t = this.tree;
    let node = this.leaves + start;
    if (t[node] <= bound) return start;
    // climb; each right sibling met on the way covers the indices right after those seen so far
    for (; node > 1; node >>= 1) {
      if ((node & 1) === 0 && t[node + 1] <= bound) {
        node++;
        while (node < this.leaves) node = t[2 * node] <= bound ? 2 * node : 2 * node + 1;
        return node - this.leaves;
      }
    }
    return -1;
  }
}
