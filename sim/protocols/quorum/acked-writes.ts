// Which acknowledged writes survive a run. A leaderless store has no committed log to compare
// with, so the coordinators record every write they acknowledge as op → (key, version), and at
// the end a write survives when some replica of its key holds, on disk, that version or a
// later one (a later write supersedes it under last-writer-wins; it is not lost). Crashed
// nodes count with what they persisted.
//
// An op acknowledged more than once (a retry after a timed-out attempt) keeps its highest
// version: a client only sees the reply of its last attempt, and attempts are stamped in order.
// Ops are dense integers, so two growable typed arrays indexed by op hold this compactly.
import type { Ring } from './ring.js';
import { grownFloat64, grownInt32 } from '../../core/grow.js';

export interface DurableReplicas {
  /** What `node` has on disk for `key` (0: nothing). */
  durableVersion(node: number, key: number): number;
}

export class AckedWrites {
  /** versions[op] is the op's acknowledged version, 0 when it has none. */
  private versions = new Float64Array(1024);
  private keys = new Int32Array(1024);
  private count = 0;

  record(op: number, key: number, version: number): void {
    if (op >= this.versions.length) this.grow(op);
    if (this.versions[op] === 0) this.count++;
    if (version > this.versions[op]) {
      this.versions[op] = version;
      this.keys[op] = key;
    }
  }

  /** How many distinct ops were acknowledged. */
  get size(): number {
    return this.count;
  }

  /** The acknowledged ops whose write is still on some replica of its key. */
  surviving(ring: Ring, replicas: DurableReplicas): Set<number> {
    const kept = new Set<number>();
    for (let op = 0; op < this.versions.length; op++) {
      const version = this.versions[op];
      if (version === 0) continue;
      const key = this.keys[op];
      for (let i = 0; i < ring.replicas; i++) {
        if (replicas.durableVersion(ring.replica(key, i), key) >= version) {
          kept.add(op);
          break;
        }
      }
    }
    return kept;
  }

  private grow(op: number): void {
    const capacity = Math.max(op + 1, this.versions.length * 2);
    this.versions = grownFloat64(this.versions, capacity);
    this.keys = grownInt32(this.keys, capacity);
  }
}
