// Failover measurement (SPEC.md "Definitions"), as one observer of the run's events. For every
// fault that takes away the leader of a group (or, without leaders, a serving node):
// - detected: the first election started after the fault (for stateless kinds, the ejection);
// - elected: when the leader that goes on to serve won (election_ms = elected − fault);
// - ended: what the architecture declares ends a failover — the first client write the new
//   leader commits, the first request a leader that commits nothing serves in its new term, or,
//   without leaders, the moment clients stop sending to the dead node (a health check ejects
//   it; or it comes back first);
// - outage: the longest interval from the fault on in which no client request succeeded, up to
//   the first success once the failover ended. Taken from request outcomes, so no time bucket
//   shows in it. Every fault gets one, failover or not (a crash of followers that takes the
//   quorum away leaves the leader in office, and nothing succeeds): up to the first success
//   after the fault was undone, or the run's end. unavailable_ms is the union of them all.
import { FloatColumn } from '../core/columns.js';
import type { Loss, SimObserver } from '../engine/observers.js';
import type { Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';
import type { FailoverRow } from './run-result.js';

/** What ends an architecture's failover (see above). */
export type FailoverEnd = 'commit' | 'served' | 'ejected';

/** A fault and the stretch of time in which its outage is looked for. */
interface Watch {
  readonly at: Micros;
  /** When the fault is undone (recovery, heal); null: never. */
  readonly until: Micros | null;
  readonly failovers: Failover[];
}

interface Failover {
  readonly watch: Watch;
  readonly group: number;
  /** The leader (or serving node) the fault took away. */
  readonly node: number;
  readonly faultAt: Micros;
  readonly oldTerm: number;
  detectedAt: Micros | null;
  electedAt: Micros | null;
  newTerm: number;
  endedAt: Micros | null;
}

/** One failover's client-visible outage: [from, to). */
export interface Outage {
  from: Micros;
  to: Micros;
}

export class FailoverTracker implements SimObserver {
  private readonly watches: Watch[] = [];
  private readonly all: Failover[] = [];
  private readonly open: Failover[] = [];
  /** When client ops succeeded, in time order. */
  private readonly successes = new FloatColumn();

  constructor(private readonly ends: FailoverEnd) {}

  faultFired(now: Micros, until: Micros | null): void {
    this.watches.push({ at: now, until, failovers: [] });
  }

  /** Follows the fault that caused it (at the same instant). */
  lost(now: Micros, loss: Loss): void {
    const last = this.watches.at(-1);
    const watch = last !== undefined && last.at === now ? last : { at: now, until: null, failovers: [] };
    if (watch !== last) this.watches.push(watch);
    const f: Failover = {
      watch,
      group: loss.group,
      node: loss.node,
      faultAt: now,
      oldTerm: loss.term,
      detectedAt: null,
      electedAt: null,
      newTerm: -1,
      endedAt: null,
    };
    this.all.push(f);
    this.open.push(f);
    watch.failovers.push(f);
  }

  electionStarted(now: Micros, _node: number, group: number, term: number): void {
    // detection may come after the failover ended (an old leader kept serving), so closed ones count too
    for (const f of this.all) if (f.detectedAt === null && f.group === group && term > f.oldTerm) f.detectedAt = now;
  }

  /** A later term replaces an earlier winner that was deposed before it could serve. */
  roleChanged(now: Micros, _node: number, group: number, role: Role, term: number): void {
    if (role !== 'leader') return;
    for (const f of this.open) {
      if (f.group !== group || term <= f.oldTerm || (f.electedAt !== null && term <= f.newTerm)) continue;
      f.detectedAt ??= now;
      f.electedAt = now;
      f.newTerm = term;
    }
  }

  committed(now: Micros, node: number, group: number, _index: number, term: number, op: number): void {
    if (this.ends === 'commit' && op >= 0 && this.open.length > 0) this.leaderServed(now, node, group, term);
  }

  servedInTerm(now: Micros, node: number, group: number, term: number): void {
    if (this.ends === 'served' && this.open.length > 0) this.leaderServed(now, node, group, term);
  }

  ejected(now: Micros, node: number): void {
    if (this.ends !== 'ejected') return;
    for (const f of this.all) if (f.node === node && f.detectedAt === null) f.detectedAt = now;
    this.closeWhere(now, (f) => f.node === node);
  }

  /** A node that comes back before clients stopped sending to it ends its (stateless) failover. */
  nodeUp(now: Micros, node: number): void {
    if (this.ends === 'ejected') this.closeWhere(now, (f) => f.node === node);
  }

  succeeded(now: Micros): void {
    this.successes.push(now);
  }

  /** A leader served (committed a client write, or served a request) in `term`. That ends the
   *  failovers whose new leader holds that term — or, when no election happened (a partition
   *  healed first, a slow leader kept office), those whose old leader still serves its term. */
  private leaderServed(now: Micros, node: number, group: number, term: number): void {
    this.closeWhere(
      now,
      (f) => f.group === group && (f.electedAt !== null ? term >= f.newTerm : term === f.oldTerm && node === f.node && node >= 0),
    );
  }

  private closeWhere(now: Micros, matches: (f: Failover) => boolean): void {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const f = this.open[i];
      if (!matches(f)) continue;
      if (this.ends !== 'ejected') f.detectedAt ??= now;
      f.endedAt = now;
      this.open.splice(i, 1);
    }
  }

  /** The rows of failovers.csv, and every fault's outage (for unavailable_ms). */
  finish(variant: string, trial: number, end: Micros): { rows: FailoverRow[]; outages: Outage[] } {
    const outageOf = new Map(this.watches.map((w) => [w, this.outage(w, end)]));
    const rows = this.all.map((f): FailoverRow => {
      const leaderless = f.group < 0;
      const outage = outageOf.get(f.watch) as Outage;
      return {
        variant,
        trial,
        fault_at_ms: f.faultAt / 1000,
        detected_at_ms: ms(f.detectedAt),
        elected_at_ms: ms(f.electedAt),
        first_commit_at_ms: leaderless ? null : ms(f.endedAt),
        election_ms: f.electedAt === null ? null : (f.electedAt - f.faultAt) / 1000,
        failover_ms: f.endedAt === null ? null : (f.endedAt - f.faultAt) / 1000,
        outage_ms: (outage.to - outage.from) / 1000,
        election_rounds: f.electedAt === null ? null : f.newTerm - f.oldTerm,
      };
    });
    return { rows, outages: [...outageOf.values()] };
  }

  /** The longest gap between successes from the fault on, up to the first success at or after
   *  the end of its failovers (the fault's undoing without one; the run's end when neither
   *  came, or nothing succeeded after). */
  private outage(w: Watch, end: Micros): Outage {
    const s = this.successes;
    const over = w.failovers.length > 0 ? Math.max(...w.failovers.map((f) => f.endedAt ?? end)) : (w.until ?? end);
    let i = firstAtOrAfter(s, w.at);
    const last = firstAtOrAfter(s, Math.min(over, end));
    let prev = w.at;
    let longest: Outage = { from: w.at, to: w.at };
    for (; i <= last && i < s.length; i++) {
      const t = s.get(i);
      if (t - prev > longest.to - longest.from) longest = { from: prev, to: t };
      prev = t;
    }
    if (last >= s.length && end - prev > longest.to - longest.from) longest = { from: prev, to: end };
    return longest;
  }
}

/** Index of the first value ≥ t in an ascending column (its length when none). */
function firstAtOrAfter(col: FloatColumn, t: number): number {
  let lo = 0;
  let hi = col.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col.get(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

const ms = (micros: number | null) => (micros === null ? null : micros / 1000);
