// A lane of the event queue: a growable ring of events that arrive in (time, seq) order, so it
// stays sorted with no heap work. Periodic timers fill one: a timer set a fixed interval after
// "now" is never earlier than the one set before it.

import { grownFloat64, grownInt32 } from './grow.js';

export class FifoLane {
  private cap: number;
  private mask: number;
  private head = 0;
  length = 0;
  /** Time of the last event appended: an event earlier than this does not belong here. */
  tail = -Infinity;
  time: Float64Array;
  seq: Float64Array;
  private kind: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  private argC: Float64Array;

  constructor(capacity = 1 << 10) {
    this.cap = capacity;
    this.mask = capacity - 1;
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.argA = new Int32Array(capacity);
    this.argB = new Int32Array(capacity);
    this.argC = new Float64Array(capacity);
  }

  /** Index of the earliest event, for reading `time` and `seq`; only when length > 0. */
  get first(): number {
    return this.head;
  }

  append(time: number, seq: number, kind: number, a: number, b: number, c: number): void {
    if (this.length === this.cap) this.grow();
    const i = (this.head + this.length++) & this.mask;
    this.time[i] = time;
    this.seq[i] = seq;
    this.kind[i] = kind;
    this.argA[i] = a;
    this.argB[i] = b;
    this.argC[i] = c;
    this.tail = time;
  }

  /** Removes the earliest event into `into`'s (now, kind, a, b, c). */
  shift(into: { now: number; kind: number; a: number; b: number; c: number }): void {
    const i = this.head;
    into.now = this.time[i];
    into.kind = this.kind[i];
    into.a = this.argA[i];
    into.b = this.argB[i];
    into.c = this.argC[i];
    this.head = (i + 1) & this.mask;
    this.length--;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const { head, length } = this;
    this.time = grownFloat64(this.time, cap, head, length);
    this.seq = grownFloat64(this.seq, cap, head, length);
    this.kind = grownInt32(this.kind, cap, head, length);
    this.argA = grownInt32(this.argA, cap, head, length);
    this.argB = grownInt32(this.argB, cap, head, length);
    this.argC = grownFloat64(this.argC, cap, head, length);
    this.head = 0;
    this.cap = cap;
    this.mask = cap - 1;
  }
}
