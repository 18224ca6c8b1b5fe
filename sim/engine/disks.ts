// Each node's disk: one fsync at a time, and one that covers everything requested before it
// starts — a request during an fsync waits for the next one, which then takes the highest token
// asked for. The engine hears of a finished fsync through a DiskDone event (of the node's life
// `epoch` it started in: a crash in between voids it).
import { durationSampler, type Sampler } from '../core/distributions.js';
import type { EventQueue } from '../core/event-queue.js';
import { stream } from '../core/rng.js';
import type { Micros, Scenario } from '../scenario/scenario.js';
import { pushDiskDone } from './events.js';

export class Disks {
  private readonly busy: Uint8Array;
  /** The highest token asked for during the fsync in flight, -1 for none. */
  private readonly pending: Float64Array;
  private readonly fsync: Sampler[] | null;

  constructor(
    scenario: Scenario,
    n: number,
    seed: number,
    private readonly queue: EventQueue,
    /** The engine's per-node life counter (shared, not copied). */
    private readonly epoch: Int32Array,
  ) {
    this.busy = new Uint8Array(n);
    this.pending = new Float64Array(n).fill(-1);
    const disk = scenario.disk;
    this.fsync = disk ? Array.from({ length: n }, (_, i) => durationSampler(disk.fsync, stream(seed, `node/${i}/disk`))) : null;
  }

  persist(node: number, token: number, at: Micros): void {
    if (this.busy[node] === 1) {
      if (token > this.pending[node]) this.pending[node] = token;
      return;
    }
    this.start(node, token, at);
  }

  /** The fsync in flight finished (call before handing its token to the node). */
  finished(node: number): void {
    this.busy[node] = 0;
  }

  /** Starts the fsync that waited for the one that just finished, if any. */
  startPending(node: number, now: Micros): void {
    const pending = this.pending[node];
    if (pending < 0) return;
    this.pending[node] = -1;
    this.start(node, pending, now);
  }

  /** A crash forgets the fsync in flight and the one waiting. */
  crash(node: number): void {
    this.busy[node] = 0;
    this.pending[node] = -1;
  }

  private start(node: number, token: number, at: Micros): void {
    this.busy[node] = 1;
    const took = this.fsync === null ? 0 : this.fsync[node]();
    pushDiskDone(this.queue, at + took, node, token, this.epoch[node]);
  }
}
