// Client-visible outages, from request outcomes alone (no time bucket shows in them). An outage
// begins when a request is sent that will fail — it times out or is refused — with no success
// between its sending and its failure, and ends at the next success. A quiet stretch in which
// nothing failed is no outage (at 10 requests/s, 300 ms without a success is ordinary), and a
// failure that other requests' successes overtook is none either (a stateless fleet's retries
// hide a dead server).
import type { SimObserver } from '../engine/observers.js';
import type { Micros } from '../scenario/scenario.js';

/** An outage: [from, to). */
export interface Outage {
  from: Micros;
  to: Micros;
}

export class OutageLog implements SimObserver {
  private readonly outages: Outage[] = [];
  private lastSuccess = -Infinity;
  /** Start of the outage in progress, or null. */
  private downFrom: Micros | null = null;

  succeeded(now: Micros): void {
    if (this.downFrom !== null) this.outages.push({ from: this.downFrom, to: now });
    this.downFrom = null;
    this.lastSuccess = now;
  }

  /** A request sent at `sentAt` failed at `now` (timed out or was refused). */
  attemptFailed(_now: Micros, sentAt: Micros): void {
    if (this.lastSuccess <= sentAt && (this.downFrom === null || sentAt < this.downFrom)) this.downFrom = sentAt;
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
