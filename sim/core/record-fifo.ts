// A FIFO of fixed-width numeric records — a persist request's token and the fields it carries —
// in one growable Float64Array. Emptied, it rewinds to the start and keeps its storage: a plain
// array emptied with `length = 0` goes through a slow builtin that frees the backing store, and
// the next push allocates it again (docs/speed.md, "Persist FIFOs"). Float64 holds every value a
// record carries (tokens, indexes, times) exactly.

import { grownFloat64 } from './grow.js';

export class RecordFifo {
  /** The fields, record after record, from `head` to `end`. Replaced when it grows: re-read it after `push`. */
  data: Float64Array;
  /** Index of the oldest record's first field. */
  head = 0;
  /** One past the newest record's last field. */
  end = 0;

  constructor(
    readonly stride: number,
    records = 8,
  ) {
    this.data = new Float64Array(stride * Math.max(2, records));
  }

  get empty(): boolean {
    return this.head === this.end;
  }

  /** How many records it holds. */
  get size(): number {
    return (this.end - this.head) / this.stride;
  }

  /** Appends a record of `stride` fields (2 to 5; the ones past the stride are ignored). */
  push(f0: number, f1: number, f2 = 0, f3 = 0, f4 = 0): void {
    if (this.end + this.stride > this.data.length) this.makeRoom();
    const d = this.data;
    const at = this.end;
    d[at] = f0;
    d[at + 1] = f1;
    if (this.stride > 2) d[at + 2] = f2;
    if (this.stride > 3) d[at + 3] = f3;
    if (this.stride > 4) d[at + 4] = f4;
    this.end += this.stride;
  }

  /** Drops the oldest record; `data` stays the same array. */
  shift(): void {
    this.head += this.stride;
    if (this.head === this.end) this.clear();
  }

  clear(): void {
    this.head = 0;
    this.end = 0;
  }

  /** Moves the records to the front, doubling the storage when they fill more than half of it. */
  private makeRoom(): void {
    const live = this.end - this.head;
    if (2 * (live + this.stride) > this.data.length) {
      this.data = grownFloat64(this.data, 2 * this.data.length, this.head, live);
    } else this.data.copyWithin(0, this.head, this.end);
    this.head = 0;
    this.end = live;
  }
}
