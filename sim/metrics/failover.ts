// Failover measurement (the failovers.csv columns; README "A quick tour" and "Leader
// election"), as one observer of the run's events. For every
// fault that takes away the leader of a group (or, without leaders, a serving node):
// - detected: the first election started after the fault (for stateless kinds, the ejection);
// - elected: when the leader that goes on to serve won (election_ms = elected − fault);
// - ended: what the architecture declares ends a failover — the first client write the new
//   leader commits, the first request a leader that commits nothing serves in its new term, or,
//   without leaders, the moment clients stop sending to the dead node (a health check ejects
//   it; or it comes back first);
// - outage: the longest client-visible outage (outages.ts) from the fault on that began before
//   the failover ended.
import type { Loss, SimObserver } from '../engine/observers.js';
import type { CommittedLog, Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';
import { longestOutage, type Outage } from './outages.js';
import type { FailoverRow } from './run-result.js';

/** What ends an architecture's failover (see above). */
export type FailoverEnd = 'commit' | 'served' | 'ejected';

/** What an architecture says about measuring its failovers (Architecture extends this): a kind
 *  that needs another rule adds it here, with its default, and says it in its own folder — the
 *  engine passes the architecture through whole. */
export interface FailoverRules {
  /** What ends a failover: the new leader's first committed client write, the first request a
   *  leader that commits nothing serves in its new term, or clients leaving the dead node. */
  readonly failoverEnd: FailoverEnd;
  /** The election round a term belongs to (election_rounds counts rounds); default: the term
   *  itself (where terms are ballots that also name their proposer, a round is several terms). */
  readonly electionRound?: (term: number) => number;
}

const sameRound = (term: number) => term;

interface Failover {
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

export class FailoverTracker implements SimObserver {
  private readonly all: Failover[] = [];
  private readonly open: Failover[] = [];

  private readonly ends: FailoverEnd;
  private readonly round: (term: number) => number;

  constructor(rules: FailoverRules) {
    this.ends = rules.failoverEnd;
    this.round = rules.electionRound ?? sameRound;
  }

  lost(now: Micros, loss: Loss): void {
    const f: Failover = {
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

  /** A committed client write ends failovers (a no-op or read marker does not). */
  committed(now: Micros, node: number, group: number, first: number, last: number, log: CommittedLog): void {
    if (this.ends !== 'commit') return;
    for (let index = first; index <= last && this.open.length > 0; index++)
      if (log.writeOp(index) >= 0) this.leaderServed(now, node, group, log.term(index));
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

  /** The rows of failovers.csv, given the run's outages; `end` closes what never ended. */
  finish(variant: string, trial: number, end: Micros, outages: readonly Outage[]): FailoverRow[] {
    return this.all.map((f): FailoverRow => {
      const leaderless = f.group < 0;
      const outage = longestOutage(outages, f.faultAt, f.endedAt ?? end);
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
        election_rounds: f.electedAt === null ? null : this.round(f.newTerm) - this.round(f.oldTerm),
      };
    });
  }
}

const ms = (micros: number | null) => (micros === null ? null : micros / 1000);
