// A lane of the event queue: a growable ring of events that arrive in (time, seq) order, so it
// stays sorted with no heap work. Periodic timers fill one: a timer set a fixed interval after
// "now" is never earlier than the one set before it.

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
    const unroll = <T extends Float64Array | Int32Array>(old: T): T => {
      const next = new (old.constructor as new (n: number) => T)(cap);
      for (let k = 0; k < this.length; k++) next[k] = old[(this.head + k) & this.mask];
      return next;
    };
    this.time = unroll(this.time);
    this.seq = unroll(this.seq);
    this.kind = unroll(this.kind);
    this.argA = unroll(this.argA);
    this.argB = unroll(this.argB);
    this.argC = unroll(this.argC);
    this.head = 0;
    this.cap = cap;
    this.mask = cap - 1;
  }
}
