// The consistent-hash ring against what hashing theory predicts. With V random points per node,
// a node's share of the circle is a sum of V arcs, so its relative spread is about 1/√V; with
// K keys on N nodes, sampling adds √(N/K). A biased or clustered hash shows up as a spread far
// beyond that, a ring that ignores vnodes as a spread near 1.
import { describe, expect, it } from 'vitest';
import { Ring, keyHash, mix32, pointOf } from './ring.js';

const KEYS = 100_000;

/** Each node's share of primaries (or of replica slots), relative to a fair 1/N. */
function shares(ring: Ring, slots: number, keys = KEYS): number[] {
  const count = new Array<number>(ring.nodes).fill(0);
  for (let key = 0; key < keys; key++) for (let i = 0; i < slots; i++) count[ring.replica(key, i)]++;
  return count.map((c) => (c * ring.nodes) / (keys * slots));
}

const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - 1) ** 2, 0) / xs.length);

describe('hashing', () => {
  it('mix32 is murmur3 fmix32 (a bijection: distinct keys get distinct hashes)', () => {
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(0x514e28b7);
    const seen = new Set<number>();
    for (let key = 0; key < 10_000; key++) seen.add(keyHash(key));
    expect(seen.size).toBe(10_000);
  });

  it('places every virtual node of every node at a distinct point', () => {
    const points = new Set<number>();
    for (let node = 0; node < 1000; node++) for (let v = 0; v < 16; v++) points.add(pointOf(node, v));
    expect(points.size).toBe(16_000);
  });
});

describe('Ring', () => {
  it('gives every key `replicas` distinct nodes, the primary first', () => {
    const ring = new Ring(10, 16, 3);
    for (let key = 0; key < 1000; key++) {
      const list = ring.preferenceList(key);
      expect(new Set(list).size).toBe(3);
      expect(list.every((n) => n >= 0 && n < 10)).toBe(true);
      expect(ring.holds(key, list[2])).toBe(true);
    }
    expect(new Ring(5, 1, 5).preferenceList(7).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("numbers each node's keys densely, so a replica can keep them in an array", () => {
    const ring = new Ring(7, 16, 3);
    const slots: number[][] = Array.from({ length: 7 }, () => []);
    for (let key = 0; key < 500; key++) for (let i = 0; i < 3; i++) slots[ring.replica(key, i)].push(ring.slot(key, i));
    for (const held of slots) expect(held.sort((a, b) => a - b)).toEqual(held.map((_, j) => j));
    expect(ring.position(3, ring.replica(3, 2))).toBe(2);
    expect(ring.position(3, [0, 1, 2, 3, 4, 5, 6].find((n) => !ring.holds(3, n)) as number)).toBe(-1);
    for (let node = 0; node < 7; node++) {
      const i = ring.position(11, node);
      expect(ring.slotOn(11, node)).toBe(i < 0 ? -1 : ring.slot(11, i));
    }
  });

  it('rejects more replicas than nodes', () => {
    expect(() => new Ring(2, 16, 3)).toThrow(/3 replicas/);
  });

  for (const [vnodes, lo, hi] of [
    [16, 0.4, 1.7],
    [256, 0.85, 1.2],
  ]) {
    it(`spreads keys as 1/√V predicts with ${vnodes} vnodes on 100 nodes`, () => {
      const ring = new Ring(100, vnodes, 3, KEYS);
      const primary = shares(ring, 1);
      const theory = Math.sqrt(1 / vnodes + 100 / KEYS);
      expect(sd(primary)).toBeGreaterThan(0.7 * theory);
      expect(sd(primary)).toBeLessThan(1.3 * theory);
      // a node's replica slots cover three neighbouring arcs: smoother than its primaries
      const replica = shares(ring, 3);
      expect(sd(replica)).toBeLessThan(sd(primary));
      expect(Math.min(...replica)).toBeGreaterThan(lo);
      expect(Math.max(...replica)).toBeLessThan(hi);
    });
  }

  it('looks up 100k keys on 1000 nodes × 16 vnodes (and caches them)', () => {
    const ring = new Ring(1000, 16, 3, KEYS);
    const owned = shares(ring, 3);
    expect(owned.filter((s) => s > 0).length).toBe(1000);
    expect(ring.replica(KEYS + 5000, 0)).toBeGreaterThanOrEqual(0); // past the hint: the cache grows
    expect(ring.preferenceList(42)).toEqual(new Ring(1000, 16, 3).preferenceList(42));
  });
});

describe('stable placement', () => {
  for (const nodes of [5, 10, 50]) {
    it(`adding node ${nodes} to ${nodes} nodes moves only the keys it takes, about 1/${nodes + 1}`, () => {
      const before = new Ring(nodes, 16, 3, KEYS);
      const after = new Ring(nodes + 1, 16, 3, KEYS);
      let movedPrimary = 0;
      let changedLists = 0;
      for (let key = 0; key < KEYS; key++) {
        const old = before.preferenceList(key);
        const now = after.preferenceList(key);
        if (now[0] !== old[0]) {
          movedPrimary++;
          expect(now[0]).toBe(nodes); // a key moves only to the new node
        }
        if (now.join() === old.join()) continue;
        changedLists++;
        // the new node slots into the list; the others keep their order and the last drops off
        expect(now.filter((n) => n !== nodes)).toEqual(old.slice(0, 2));
      }
      const fair = KEYS / (nodes + 1);
      expect(movedPrimary).toBeGreaterThan(0.5 * fair);
      expect(movedPrimary).toBeLessThan(1.5 * fair);
      // the new node joins the lists of about replicas/(N+1) of the keys
      expect(changedLists).toBeGreaterThan(0.6 * 3 * fair);
      expect(changedLists).toBeLessThan(1.4 * 3 * fair);
    });
  }
});
