import { describe, expect, it } from 'vitest';
import { stream } from '../../core/rng.js';
import { LoadBalancer } from './balancer.js';
import { ABSENT, MinTree } from './min-tree.js';

/** The scan the tree replaces: the first index at or after `start` holding at most `bound`. */
function scan(values: number[], start: number, bound: number): number {
  for (let i = start; i < values.length; i++) if (values[i] <= bound) return i;
  return -1;
}

describe('MinTree', () => {
  for (const size of [1, 2, 5, 64, 1000]) {
    it(`answers like a scan over ${size} values under random updates`, () => {
      const rng = stream(size, 'min-tree');
      const tree = new MinTree(size);
      const values = new Array<number>(size).fill(ABSENT);
      for (let step = 0; step < 5000; step++) {
        const i = Math.floor(rng() * size);
        values[i] = rng() < 0.05 ? ABSENT : Math.floor(rng() * 6);
        tree.set(i, values[i]);
        expect(tree.min).toBe(Math.min(...values));
        const start = Math.floor(rng() * size);
        const bound = Math.floor(rng() * 7);
        expect(tree.firstAtMost(start, bound)).toBe(scan(values, start, bound));
        expect(tree.get(i)).toBe(values[i]);
      }
    });
  }
});

/** The balancer's least-outstanding pick as a plain scan of the rotation from the cursor. */
class ScanningBalancer {
  readonly outstanding: number[];
  readonly inRotation: boolean[];
  private cursor = 0;
  constructor(servers: number) {
    this.outstanding = new Array<number>(servers).fill(0);
    this.inRotation = new Array<boolean>(servers).fill(true);
  }
  pick(): number {
    const r = this.outstanding.map((_, s) => s).filter((s) => this.inRotation[s]);
    if (r.length === 0) return -1;
    const start = this.cursor++ % r.length;
    let best = r[start];
    for (let k = 1; k < r.length; k++) {
      const s = r[(start + k) % r.length];
      if (this.outstanding[s] < this.outstanding[best]) best = s;
    }
    this.outstanding[best]++;
    return best;
  }
}

describe('least-outstanding balancer', () => {
  it('picks exactly what a scan of the rotation from the cursor picks, servers leaving and returning', () => {
    const servers = 37;
    const rng = stream(7, 'balancer');
    const lb = new LoadBalancer(servers, 'least-outstanding', 1, rng);
    const ref = new ScanningBalancer(servers);
    const inFlight: number[] = [];
    for (let step = 0; step < 20000; step++) {
      const u = rng();
      if (u < 0.5) {
        const s = lb.pick();
        expect(s).toBe(ref.pick());
        if (s >= 0) inFlight.push(s);
      } else if (u < 0.95 && inFlight.length > 0) {
        const s = inFlight.splice(Math.floor(rng() * inFlight.length), 1)[0];
        lb.done(s);
        if (ref.outstanding[s] > 0) ref.outstanding[s]--;
      } else {
        const s = Math.floor(rng() * servers);
        const healthy = rng() < 0.6;
        lb.check(s, healthy);
        ref.inRotation[s] = healthy;
      }
    }
  });
});
