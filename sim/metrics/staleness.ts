// Stale reads (the stale_reads column; README "Leader election"): a read is stale when it returned a version older than the latest write
// to its key that was acknowledged before the read began. Per key we keep the last few
// acknowledged (time, version) pairs; reads are short, so the write that matters is recent.
// When every kept ack is newer than the read's start we cannot tell, and count it fresh.
//
// Every acked write and every read lands here, millions per run at a thousand nodes: each key
// seen gets a slot of KEPT cells in two flat typed arrays, written round-robin (which of the
// kept pairs is oldest does not matter: a read takes the maximum over all of them).

import { grownFloat64, grownUint8 } from '../core/grow.js';

const KEPT = 8;

export class StaleReadCounter {
  stale = 0;
  private readonly slotOf = new Map<number, number>();
  private ackTimes = new Float64Array(KEPT * 256);
  private ackVersions = new Float64Array(KEPT * 256);
  /** Per slot: how many cells hold an ack (≤ KEPT), and the cell the next ack overwrites. */
  private kept = new Uint8Array(256);
  private next = new Uint8Array(256);

  writeAcked(now: number, key: number, version: number): void {
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.slotOf.size;
      if (slot === this.kept.length) this.grow();
      this.slotOf.set(key, slot);
    }
    const cell = slot * KEPT + this.next[slot];
    this.ackTimes[cell] = now;
    this.ackVersions[cell] = version;
    this.next[slot] = (this.next[slot] + 1) % KEPT;
    if (this.kept[slot] < KEPT) this.kept[slot]++;
  }

  readReturned(readStart: number, key: number, version: number): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    const first = slot * KEPT;
    const end = first + this.kept[slot];
    let latest = -1;
    for (let i = first; i < end; i++) if (this.ackTimes[i] < readStart && this.ackVersions[i] > latest) latest = this.ackVersions[i];
    if (version < latest) this.stale++;
  }

  private grow(): void {
    const slots = this.kept.length * 2;
    this.ackTimes = grownFloat64(this.ackTimes, slots * KEPT);
    this.ackVersions = grownFloat64(this.ackVersions, slots * KEPT);
    this.kept = grownUint8(this.kept, slots);
    this.next = grownUint8(this.next, slots);
  }
}
