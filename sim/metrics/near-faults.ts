// Every request sent within ±1 s of a fault, with when it ended and whether it succeeded: what
// the failover zoom chart draws, from exact event times rather than buckets. Only the last
// second of outcomes is kept until a fault makes a window worth keeping, so a long run without
// faults costs a second's worth of memory.
import type { RequestsNearFaults } from './run-result.js';
import { grownFloat64, grownUint8 } from '../core/grow.js';

/** How far before and after each fault requests are kept (µs). */
const NEAR_FAULT_WINDOW = 1_000_000;
/** The chart zooms into the first few faults; random crash schedules would keep everything. */
const MAX_WINDOWS = 4;

export class NearFaultRequests {
  private sent = new Float64Array(4096);
  private ended = new Float64Array(4096);
  private ok = new Uint8Array(4096);
  private count = 0;
  private readonly windows: [number, number][] = [];

  fault(now: number): void {
    const last = this.windows[this.windows.length - 1];
    if (last && last[1] >= now - NEAR_FAULT_WINDOW) last[1] = now + NEAR_FAULT_WINDOW;
    else if (this.windows.length < MAX_WINDOWS) this.windows.push([now - NEAR_FAULT_WINDOW, now + NEAR_FAULT_WINDOW]);
  }

  record(now: number, started: number, succeeded: boolean): void {
    if (this.count === this.sent.length) this.compact(now);
    this.sent[this.count] = started;
    this.ended[this.count] = now;
    this.ok[this.count] = succeeded ? 1 : 0;
    this.count++;
  }

  /** Outcomes of requests sent inside a window, in the order they ended (null: no fault). */
  finish(): RequestsNearFaults | null {
    if (this.windows.length === 0) return null;
    const out: RequestsNearFaults = { sent_ms: [], done_ms: [], ok: [] };
    for (let i = 0; i < this.count; i++) {
      if (!this.keep(this.sent[i], Infinity)) continue;
      out.sent_ms.push(this.sent[i] / 1000);
      out.done_ms.push(this.ended[i] / 1000);
      out.ok.push(this.ok[i] === 1);
    }
    return out;
  }

  /** Inside a fault's window, or recent enough that a fault still to come may want it. */
  private keep(sent: number, horizon: number): boolean {
    return sent >= horizon || this.windows.some(([from, to]) => sent >= from && sent <= to);
  }

  /** Drops what no window can want any more: a request sent before the horizon is outside every
   *  window to come (a window opens a second before its fault, and faults come at `now` or later). */
  private compact(now: number): void {
    const horizon = now - NEAR_FAULT_WINDOW;
    const noWindows = this.windows.length === 0; // most runs: a plain comparison per row
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      if (noWindows ? this.sent[i] < horizon : !this.keep(this.sent[i], horizon)) continue;
      this.sent[kept] = this.sent[i];
      this.ended[kept] = this.ended[i];
      this.ok[kept] = this.ok[i];
      kept++;
    }
    this.count = kept;
    // Room for three times what is kept: a compaction then frees at least 3/4 of the storage, so
    // a row is scanned at most 4/3 times on average (the sum 1 + 1/4 + 1/16 + …); with room for
    // only twice as much, rows that stay long are scanned again at every compaction.
    if (kept > this.sent.length / 4) this.grow();
  }

  private grow(): void {
    const size = this.sent.length * 2;
    this.sent = grownFloat64(this.sent, size);
    this.ended = grownFloat64(this.ended, size);
    this.ok = grownUint8(this.ok, size);
  }
}
