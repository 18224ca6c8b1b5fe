// A consistent-hash ring (Dynamo, Cassandra): every node owns `vnodes` points on a 32-bit
// circle and a key belongs to the first `replicas` distinct nodes clockwise from its hash —
// its preference list. Points come from an integer hash of (node, v), never from a random
// source, so node i sits at the same points whatever the cluster size: adding a node takes
// keys only from the arcs its new points split, about 1/N of them.
//
// Lookups are a binary search over the sorted points plus a short walk, and each key's list is
// cached on first use in one flat Int32Array (keys are small dense integers), so 1000 nodes ×
// 16 vnodes and 100k keys cost a few milliseconds and a few megabytes once.

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Where virtual node `v` of `node` sits on the circle. */
export function pointOf(node: number, v: number): number {
  return mix32(mix32(v ^ 0x5bd1e995) ^ Math.imul(node + 1, 0x9e3779b1));
}

/** Where a key lands on the circle (a different salt from the points, so the two are unrelated). */
export function keyHash(key: number): number {
  return mix32(Math.imul(key ^ 0x27d4eb2f, 0x165667b1) + 0x61c88647);
}

export class Ring {
  /** The points in clockwise order, and which node owns each. */
  private readonly points: Float64Array;
  private readonly owners: Int32Array;
  /** cache[key × replicas + i] is the key's i-th replica; cached[key] says it is filled. */
  private cache: Int32Array;
  private cached: Uint8Array;
  /** Per-node stamp for "already in this list", so a lookup stays linear even for many replicas. */
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    readonly nodes: number,
    vnodes: number,
    readonly replicas: number,
    keyHint = 1024,
  ) {
    if (replicas > nodes) throw new Error(`ring: ${replicas} replicas need at least as many nodes (got ${nodes})`);
    const order = Array.from({ length: nodes * vnodes }, (_, i) => i);
    const at = (i: number) => pointOf(Math.floor(i / vnodes), i % vnodes);
    // ties (vanishingly rare) go to the lower node id, so the order never depends on the sort
    order.sort((a, b) => at(a) - at(b) || a - b);
    this.points = Float64Array.from(order, at);
    this.owners = Int32Array.from(order, (i) => Math.floor(i / vnodes));
    this.cache = new Int32Array(Math.max(1, keyHint) * replicas);
    this.cached = new Uint8Array(Math.max(1, keyHint));
    this.seen = new Int32Array(nodes);
  }

  /** The i-th node (0 = primary) of `key`'s preference list. */
  replica(key: number, i: number): number {
    if (key >= this.cached.length) this.grow(key);
    if (this.cached[key] === 0) this.fill(key);
    return this.cache[key * this.replicas + i];
  }

  /** The first `replicas` distinct nodes clockwise from the key's hash. */
  preferenceList(key: number): number[] {
    return Array.from({ length: this.replicas }, (_, i) => this.replica(key, i));
  }

  /** Whether `node` is one of `key`'s replicas. */
  holds(key: number, node: number): boolean {
    for (let i = 0; i < this.replicas; i++) if (this.replica(key, i) === node) return true;
    return false;
  }

  private fill(key: number): void {
    const stamp = ++this.stamp;
    const base = key * this.replicas;
    let found = 0;
    for (let p = this.firstPointAtOrAfter(keyHash(key)); found < this.replicas; p = (p + 1) % this.points.length) {
      const node = this.owners[p];
      if (this.seen[node] === stamp) continue;
      this.seen[node] = stamp;
      this.cache[base + found++] = node;
    }
    this.cached[key] = 1;
  }

  /** Binary search; wraps to point 0 past the last point. */
  private firstPointAtOrAfter(hash: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.points[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.points.length ? 0 : lo;
  }

  private grow(key: number): void {
    const capacity = Math.max(key + 1, this.cached.length * 2);
    const cached = new Uint8Array(capacity);
    cached.set(this.cached);
    const cache = new Int32Array(capacity * this.replicas);
    cache.set(this.cache);
    this.cached = cached;
    this.cache = cache;
  }
}
