// The event queue: a 4-ary min-heap over typed arrays, ordered by (time, seq), with the
// earliest event held outside the heap when it can be. seq is the insertion counter, so
// events at the same time pop first-in first-out — the tie-break that makes runs reproducible.
// Struct-of-arrays keeps a million pending events off the garbage collector (3.2 M vs
// 0.37 M events/s against an object heap when measured; docs/speed.md). An event is (time, kind, a, b, c): an integer
// kind the engine switches on, two integer arguments and one float — no closure per event.
// The heap orders only keys — (time, seq) side by side in one array, and a slot number — while
// kind and arguments stay put in their slot: a sift moves three numbers, not six. Four children
// per node halve the depth, and a node's four keys share a cache line or two: with thousands
// of events pending (a thousand nodes' messages) each level is a cache miss, so depth is time.
//
// Two ways around the heap, neither of which changes the order:
// - The front slot: a handler often schedules the very next event (a reply over a zero-delay
//   network, the CPU finishing the job it just started on an idle node). Such an event waits in
//   one slot in front of the heap and the next pop takes it from there: two heap operations saved.
//   The slot only ever holds an event earlier than everything else pending.
// - Lanes: periodic timers (a fixed interval after "now") are scheduled in time order, so a FIFO
//   keeps them sorted for free (a timer wheel's insight, without its buckets). A caller names the
//   lane; an event that would break the lane's order goes to the heap, so correctness never rests
//   on the caller's promise. With a thousand nodes' timers in lanes the heap holds only messages.
import { FifoLane } from './fifo-lane.js';
import { grownFloat64, grownInt32 } from './grow.js';

export class EventQueue {
  private cap: number;
  private n = 0;
  private nextSeq = 0;
  /** keys[2i] and keys[2i + 1]: time and seq of heap position i. */
  private keys: Float64Array;
  /** The payload slot of heap position i. */
  private slotAt: Int32Array;
  /** Payload slots not in use, as a stack. */
  private free: Int32Array;
  private freeTop: number;
  private kindOf: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  /** A float: it carries values that outgrow 32 bits (a read's version, a timestamp). */
  private argC: Float64Array;
  private hasFront = false;
  private frontTime = 0;
  private frontSeq = 0;
  private frontKind = 0;
  private frontA = 0;
  private frontB = 0;
  private frontC = 0;
  private readonly lanes: FifoLane[];
  /** Events in the heap, the lanes and the front slot (the loop asks after every event). */
  private pending = 0;
  /** Events in the lanes: with none (a workload without periodic timers) pop skips them. */
  private inLanes = 0;

  /** The popped event, read after `pop()`. */
  now = 0;
  kind = 0;
  a = 0;
  b = 0;
  c = 0;

  constructor(initialCapacity = 1 << 12, lanes = 2) {
    this.lanes = Array.from({ length: lanes }, () => new FifoLane());
    this.cap = initialCapacity;
    this.keys = new Float64Array(2 * initialCapacity);
    this.slotAt = new Int32Array(initialCapacity);
    this.free = Int32Array.from({ length: initialCapacity }, (_, i) => initialCapacity - 1 - i);
    this.freeTop = initialCapacity;
    this.kindOf = new Int32Array(initialCapacity);
    this.argA = new Int32Array(initialCapacity);
    this.argB = new Int32Array(initialCapacity);
    this.argC = new Float64Array(initialCapacity);
  }

  get size(): number {
    return this.pending;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    if (this.hasFront) return this.frontTime;
    let t = this.n === 0 ? Infinity : this.keys[0];
    for (const lane of this.lanes) if (lane.length > 0 && lane.time[lane.first] < t) t = lane.time[lane.first];
    return t;
  }

  /** Schedules an event in a lane (0 .. lanes-1) when it keeps that lane in order, else in the heap. */
  pushInLane(lane: number, time: number, kind: number, a: number, b: number, c: number): void {
    const fifo = this.lanes[lane];
    if (time < fifo.tail) return this.push(time, kind, a, b, c);
    this.pending++;
    this.inLanes++;
    if (this.hasFront && time < this.frontTime) this.demoteFront();
    fifo.append(time, this.nextSeq++, kind, a, b, c);
  }

  private demoteFront(): void {
    this.hasFront = false;
    this.insert(this.frontTime, this.frontSeq, this.frontKind, this.frontA, this.frontB, this.frontC);
  }

  /** Whether an event at `time` scheduled now would be the next to pop (a later seq loses ties). */
  private isNext(time: number): boolean {
    if (this.n > 0 && time >= this.keys[0]) return false;
    if (this.inLanes === 0) return true;
    for (const lane of this.lanes) if (lane.length > 0 && time >= lane.time[lane.first]) return false;
    return true;
  }

  push(time: number, kind: number, a: number, b: number, c: number): void {
    this.pending++;
    const s = this.nextSeq++;
    if (this.hasFront) {
      // A later seq never wins a tie: only a strictly earlier time displaces the front.
      if (time < this.frontTime) {
        this.demoteFront();
        this.setFront(time, s, kind, a, b, c);
      } else this.insert(time, s, kind, a, b, c);
    } else if (this.isNext(time)) this.setFront(time, s, kind, a, b, c);
    else this.insert(time, s, kind, a, b, c);
  }

  private setFront(time: number, s: number, kind: number, a: number, b: number, c: number): void {
    this.hasFront = true;
    this.frontTime = time;
    this.frontSeq = s;
    this.frontKind = kind;
    this.frontA = a;
    this.frontB = b;
    this.frontC = c;
  }

  private insert(time: number, s: number, kind: number, a: number, b: number, c: number): void {
    if (this.n === this.cap) this.grow();
    const slot = this.free[--this.freeTop];
    this.kindOf[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    this.argC[slot] = c;
    const K = this.keys;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const tp = K[2 * p];
      if (tp < time || (tp === time && K[2 * p + 1] < s)) break;
      K[2 * i] = tp;
      K[2 * i + 1] = K[2 * p + 1];
      this.slotAt[i] = this.slotAt[p];
      i = p;
    }
    K[2 * i] = time;
    K[2 * i + 1] = s;
    this.slotAt[i] = slot;
  }

  /** Removes the earliest event into (now, kind, a, b, c). The caller checks `size` first. */
  pop(): void {
    this.pending--;
    if (this.hasFront) {
      this.hasFront = false;
      this.now = this.frontTime;
      this.kind = this.frontKind;
      this.a = this.frontA;
      this.b = this.frontB;
      this.c = this.frontC;
      return;
    }
    if (this.inLanes > 0) {
      const lane = this.earliestLane();
      if (lane !== null) {
        this.inLanes--;
        return lane.shift(this);
      }
    }
    this.popHeap();
  }

  /** The lane whose first event comes before the heap's, if any. */
  private earliestLane(): FifoLane | null {
    let best: FifoLane | null = null;
    let t = this.n === 0 ? Infinity : this.keys[0];
    let s = this.n === 0 ? Infinity : this.keys[1];
    for (const lane of this.lanes) {
      if (lane.length === 0) continue;
      const i = lane.first;
      const lt = lane.time[i];
      if (lt < t || (lt === t && lane.seq[i] < s)) {
        best = lane;
        t = lt;
        s = lane.seq[i];
      }
    }
    return best;
  }

  private popHeap(): void {
    const K = this.keys;
    const slots = this.slotAt;
    const top = slots[0];
    this.now = K[0];
    this.kind = this.kindOf[top];
    this.a = this.argA[top];
    this.b = this.argB[top];
    this.c = this.argC[top];
    this.free[this.freeTop++] = top;
    const last = --this.n;
    if (last === 0) return;
    // sift the last key down from the root: at each level, the least of up to four children
    const t = K[2 * last];
    const s = K[2 * last + 1];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= last) break;
      const end = first + 4 < last ? first + 4 : last;
      let m = first;
      let mt = K[2 * first];
      let ms = K[2 * first + 1];
      for (let j = first + 1; j < end; j++) {
        const jt = K[2 * j];
        if (jt < mt || (jt === mt && K[2 * j + 1] < ms)) {
          m = j;
          mt = jt;
          ms = K[2 * j + 1];
        }
      }
      if (mt > t || (mt === t && ms > s)) break;
      K[2 * i] = mt;
      K[2 * i + 1] = ms;
      slots[i] = slots[m];
      i = m;
    }
    K[2 * i] = t;
    K[2 * i + 1] = s;
    slots[i] = slots[last];
  }

  private grow(): void {
    const old = this.cap;
    this.cap *= 2;
    this.keys = grownFloat64(this.keys, 2 * this.cap);
    this.slotAt = grownInt32(this.slotAt, this.cap);
    this.kindOf = grownInt32(this.kindOf, this.cap);
    this.argA = grownInt32(this.argA, this.cap);
    this.argB = grownInt32(this.argB, this.cap);
    this.argC = grownFloat64(this.argC, this.cap);
    // every slot was in use (the heap was full): the new ones are all the free ones
    this.free = new Int32Array(this.cap);
    for (let slot = this.cap - 1; slot >= old; slot--) this.free[this.freeTop++] = slot;
  }
}
