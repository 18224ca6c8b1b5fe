// A consistent-hash ring (Dynamo, Cassandra): every node owns `vnodes` points on a 32-bit
// circle and a key belongs to the first `replicas` distinct nodes clockwise from its hash —
// its preference list. Points come from an integer hash of (node, v), never from a random
// source, so node i sits at the same points whatever the cluster size: adding a node takes
// keys only from the arcs its new points split, about 1/N of them.
//
// Lookups are a binary search over the sorted points plus a short walk, and each key's list is
// cached on first use in one flat Int32Array (keys are small dense integers), so 1000 nodes ×
// 16 vnodes and 100k keys cost a few milliseconds and a few megabytes once. The cache also
// numbers the keys each node holds, 0, 1, 2… in order of first use: a replica keeps its
// versions in a typed array indexed by that slot, not in a Map keyed by a sparse key.

import { grownInt32, grownUint8 } from '../../core/grow.js';

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

/** Node ids fit in 10 bits (the scenario allows at most 1000 nodes). */
const NODE_SPAN = 1024;

/** Every virtual node's point in clockwise order, and the node that owns each. */
function circle(nodes: number, vnodes: number): [Float64Array, Int32Array] {
  // (point, node) packed into one exact float — point × 2^10 + node, below 2^42 — so a
  // native numeric sort orders the circle, ties (vanishingly rare) going to the lower node
  const packed = new Float64Array(nodes * vnodes);
  for (let node = 0; node < nodes; node++) {
    for (let v = 0; v < vnodes; v++) packed[node * vnodes + v] = pointOf(node, v) * NODE_SPAN + node;
  }
  packed.sort();
  return [packed.map((x) => Math.floor(x / NODE_SPAN)), Int32Array.from(packed, (x) => x % NODE_SPAN)];
}

export class Ring {
  /** The points in clockwise order, and which node owns each. */
  private readonly points: Float64Array;
  private readonly owners: Int32Array;
  /** cache[key × replicas + i] is the key's i-th replica; cached[key] says it is filled. */
  private cache: Int32Array;
  /** slots[key × replicas + i] is the key's slot in its i-th replica's store. */
  private slots: Int32Array;
  /** How many keys each node has been given a slot for. */
  private readonly held: Int32Array;
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
    if (nodes > NODE_SPAN) throw new Error(`ring: at most ${NODE_SPAN} nodes (got ${nodes})`);
    [this.points, this.owners] = circle(nodes, vnodes);
    this.cache = new Int32Array(Math.max(1, keyHint) * replicas);
    this.slots = new Int32Array(this.cache.length);
    this.held = new Int32Array(nodes);
    this.cached = new Uint8Array(Math.max(1, keyHint));
    this.seen = new Int32Array(nodes);
  }

  /** The i-th node (0 = primary) of `key`'s preference list. */
  replica(key: number, i: number): number {
    if (key >= this.cached.length) this.grow(key);
    if (this.cached[key] === 0) this.fill(key);
    return this.cache[key * this.replicas + i];
  }

  /** Where `key` lives in the store of its i-th replica: that node's keys are numbered densely. */
  slot(key: number, i: number): number {
    if (key >= this.cached.length) this.grow(key);
    if (this.cached[key] === 0) this.fill(key);
    return this.slots[key * this.replicas + i];
  }

  /** Where `node` stores `key` (its slot), or -1 when it is not one of the key's replicas. */
  slotOn(key: number, node: number): number {
    if (key >= this.cached.length) this.grow(key);
    if (this.cached[key] === 0) this.fill(key);
    const base = key * this.replicas;
    for (let i = 0; i < this.replicas; i++) if (this.cache[base + i] === node) return this.slots[base + i];
    return -1;
  }

  /** `node`'s position (0 = primary) in `key`'s preference list, or -1 when it is not a replica. */
  position(key: number, node: number): number {
    for (let i = 0; i < this.replicas; i++) if (this.replica(key, i) === node) return i;
    return -1;
  }

  /** The first `replicas` distinct nodes clockwise from the key's hash. */
  preferenceList(key: number): number[] {
    return Array.from({ length: this.replicas }, (_, i) => this.replica(key, i));
  }

  /** Whether `node` is one of `key`'s replicas. */
  holds(key: number, node: number): boolean {
    return this.position(key, node) >= 0;
  }

  private fill(key: number): void {
    const stamp = ++this.stamp;
    const base = key * this.replicas;
    let found = 0;
    for (let p = this.firstPointAtOrAfter(keyHash(key)); found < this.replicas; p = (p + 1) % this.points.length) {
      const node = this.owners[p];
      if (this.seen[node] === stamp) continue;
      this.seen[node] = stamp;
      this.slots[base + found] = this.held[node]++;
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
    this.cached = grownUint8(this.cached, capacity);
    this.cache = grownInt32(this.cache, capacity * this.replicas);
    this.slots = grownInt32(this.slots, capacity * this.replicas);
  }
}
