// Latency distribution: a log-linear bucket array with HdrHistogram's layout (the layout of
// hdr-histogram-js, which the tests compare it with value for value), plus an exact running
// sum for the mean (a histogram's own mean comes from bucket midpoints and would blur an M/M/1
// check).
//
// Why not the library itself: recording is on the hot path — two records per completed
// request — and hdr-histogram-js's JS build does Math.log2, Math.pow, a range check and min/max
// bookkeeping per value in its index math (docs/speed.md, "Histogram"); its WebAssembly build
// pays a JS-to-WASM call per value and needs an async start-up. Here an index is a clz32 and a
// shift. Same layout, same rounding of the percentile's rank: the same numbers, to the digit.
//
// Layout: with d significant digits every value below 2·10^d (rounded up to a power of two,
// `subBucketCount`) has its own slot; above it, each power of two is split into `half` equal
// slots, so a slot is never wider than 1 part in 10^d of the values it holds.

import { grownFloat64 } from '../core/grow.js';

export class LatencyHistogram {
  /** log2 of half the slots of the first power-of-two range. */
  private readonly halfMagnitude: number;
  private readonly half: number;
  private counts: Float64Array;
  /** Highest slot recorded since the last reset: percentiles and resets stop there. */
  private top = -1;
  private sum = 0;
  count = 0;

  constructor(significantDigits: 2 | 3 = 3) {
    const singleUnitLimit = 2 * 10 ** significantDigits;
    this.halfMagnitude = Math.ceil(Math.log2(singleUnitLimit)) - 1;
    this.half = 2 ** this.halfMagnitude;
    this.counts = new Float64Array(this.half * 8);
  }

  /** Records one latency in microseconds. */
  record(micros: number): void {
    const value = micros < 1 ? 1 : Math.floor(micros);
    const slot = this.slotOf(value);
    if (slot >= this.counts.length) this.grow(slot);
    this.counts[slot]++;
    if (slot > this.top) this.top = slot;
    this.sum += micros;
    this.count++;
  }

  private slotOf(value: number): number {
    if (value < 2 * this.half) return value;
    const magnitude = value < 0x80000000 ? 31 - Math.clz32(value) : Math.floor(Math.log2(value));
    const range = magnitude - this.halfMagnitude;
    return range * this.half + Math.floor(value / 2 ** range);
  }

  private grow(slot: number): void {
    let length = this.counts.length;
    while (length <= slot) length *= 2;
    this.counts = grownFloat64(this.counts, length);
  }

  meanMicros(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  /** The latency at percentile p (0..100) in microseconds, or null with no samples: the highest
   *  value of the slot where the count reaches p% of all (the lowest, for p = 0), as HDR reports it. */
  percentileMicros(p: number): number | null {
    if (this.count === 0) return null;
    const exact = (Math.min(p, 100) / 100) * this.count;
    // round the rank up, but not past a float error of one unit in the last place
    const rank = Math.max(Math.ceil(exact - 2 ** (Math.floor(Math.log2(exact)) - 52)), 1);
    let seen = 0;
    for (let slot = 0; slot <= this.top; slot++) {
      seen += this.counts[slot];
      if (seen >= rank) return p === 0 ? this.lowestValueOf(slot) : this.lowestValueOf(slot) + this.widthOf(slot) - 1;
    }
    return 0;
  }

  private rangeOf(slot: number): number {
    return slot < 2 * this.half ? 0 : Math.floor(slot / this.half) - 1;
  }

  private lowestValueOf(slot: number): number {
    const range = this.rangeOf(slot);
    return range === 0 ? slot : ((slot % this.half) + this.half) * 2 ** range;
  }

  private widthOf(slot: number): number {
    return 2 ** this.rangeOf(slot);
  }

  reset(): void {
    if (this.top >= 0) this.counts.fill(0, 0, this.top + 1);
    this.top = -1;
    this.sum = 0;
    this.count = 0;
  }
}
