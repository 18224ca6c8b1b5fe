// Client-visible outages, from request outcomes alone (no time bucket shows in them). An outage
// runs from the sending of a request that will fail — it times out or is refused — to the first
// success after that sending. A quiet stretch in which nothing failed is no outage (at 10
// requests/s, 300 ms without a success is ordinary); a failure that other requests' successes
// overtook at once is next to none (a stateless fleet's retries hide a dead server), but one whose
// send began a real gap counts it even when the gap closed just before the failure was known (an
// election that ends as the client timeout fires is still an outage).
import type { SimObserver } from '../engine/observers.js';
import type { Micros } from '../scenario/scenario.js';
import { grownFloat64 } from '../core/grow.js';

/** An outage: [from, to). */
export interface Outage {
  from: Micros;
  to: Micros;
}

/** Success times kept for overtaken failures: many seconds of the busiest runs. */
const RECENT_CAP = 1 << 20;

export class OutageLog implements SimObserver {
  private readonly outages: Outage[] = [];
  private lastSuccess = -Infinity;
  /** Start of the outage in progress, or null. */
  private downFrom: Micros | null = null;

  /** Recent success times, ascending, in recent[0 .. recentCount) (older ones are dropped in
   *  chunks: a failure is known at most a client timeout after its sending). A typed array
   *  grown by doubling up to the cap: a run records millions of successes, and a JS array
   *  holding them measured slower on every push (docs/speed.md has the numbers). */
  private recent = new Float64Array(1024);
  private recentCount = 0;

  succeeded(now: Micros): void {
    if (this.downFrom !== null) this.outages.push({ from: this.downFrom, to: now });
    this.downFrom = null;
    this.lastSuccess = now;
    if (this.recentCount === this.recent.length) this.growRecent();
    this.recent[this.recentCount++] = now;
    if (this.recentCount >= RECENT_CAP) {
      this.recent.copyWithin(0, RECENT_CAP / 2, this.recentCount);
      this.recentCount -= RECENT_CAP / 2;
    }
  }

  private growRecent(): void {
    this.recent = grownFloat64(this.recent, Math.min(this.recent.length * 2, RECENT_CAP));
  }

  /** A request sent at `sentAt` failed at `now` (timed out or was refused). */
  attemptFailed(now: Micros, sentAt: Micros): void {
    if (this.lastSuccess <= sentAt) {
      if (this.downFrom === null || sentAt < this.downFrom) this.downFrom = sentAt;
      return;
    }
    // Successes overtook it. Overtaken at once (the next success came within the first half of
    // its wait: a fleet still serving around one dead server) is no outage; a gap that lasted
    // most of its wait is one, however close to its failure it closed.
    const next = this.firstSuccessAfter(sentAt);
    if (next !== null && 2 * (next - sentAt) >= now - sentAt) this.outages.push({ from: sentAt, to: next });
  }

  private firstSuccessAfter(at: Micros): Micros | null {
    const r = this.recent;
    if (this.recentCount === 0 || r[0] > at) return null; // too old to tell: count it as overtaken
    let lo = 0;
    let hi = this.recentCount - 1; // r[lo] <= at < r[hi]
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (r[mid] <= at) lo = mid;
      else hi = mid;
    }
    return r[hi] > at ? r[hi] : null;
  }

  /** Every outage, the one still in progress ending at `end`. */
  finish(end: Micros): Outage[] {
    return this.downFrom === null ? this.outages : [...this.outages, { from: this.downFrom, to: end }];
  }
}

/** The longest outage that begins before `until`, clipped to start no earlier than `from`
 *  (empty at `from` when there is none). */
export function longestOutage(outages: readonly Outage[], from: Micros, until: Micros): Outage {
  let longest: Outage = { from, to: from };
  for (const o of outages) {
    if (o.to <= from || o.from >= until) continue;
    const clipped = { from: Math.max(o.from, from), to: o.to };
    if (clipped.to - clipped.from > longest.to - longest.from) longest = clipped;
  }
  return longest;
}

/** Total length of the union of `outages`, clipped to [from, to). */
export function unavailableMicros(outages: readonly Outage[], from: Micros, to: Micros): Micros {
  const clipped = outages
    .map((o) => ({ from: Math.max(o.from, from), to: Math.min(o.to, to) }))
    .filter((o) => o.to > o.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let reach = -Infinity;
  for (const o of clipped) {
    const start = Math.max(o.from, reach);
    if (o.to > start) total += o.to - start;
    reach = Math.max(reach, o.to);
  }
  return total;
}
