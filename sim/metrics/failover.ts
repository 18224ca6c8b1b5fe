// Failover measurement (SPEC.md): for every fault that takes away the leader (or, without a
// leader, a serving node), when it was detected, when a new leader won, and when service came
// back: the first write committed in the new leader's term, or — for leaderless architectures —
// the first success of a request that had been sent to the dead node.
import type { FailoverRow } from './run-result.js';

interface OpenFailover {
  /** The replication group whose leader was lost (0 for single-group architectures). */
  group: number;
  /** The leader the fault hit (-1 without a leader). */
  oldLeader: number;
  faultAt: number;
  oldTerm: number;
  detectedAt: number | null;
  electedAt: number | null;
  newTerm: number;
  firstCommitAt: number | null;
}

export class FailoverTracker {
  private readonly all: OpenFailover[] = [];
  private readonly open: OpenFailover[] = [];

  /** A fault hit the leader of `term` (term -1 for architectures without one). */
  faultHitLeader(now: number, term: number, group = 0, leader = -1): void {
    const f: OpenFailover = {
      group,
      oldLeader: leader,
      faultAt: now,
      oldTerm: term,
      detectedAt: null,
      electedAt: null,
      newTerm: -1,
      firstCommitAt: null,
    };
    this.all.push(f);
    this.open.push(f);
  }

  get openCount(): number {
    return this.open.length;
  }

  /** Detection can come after service resumed (a balancer ejects a dead server only after
   *  retries already succeeded elsewhere), so it applies to closed failovers too. */
  detected(now: number, term = Infinity, group = -1): void {
    for (const f of this.all) if (f.detectedAt === null && term > f.oldTerm && (group < 0 || f.group === group)) f.detectedAt = now;
  }

  /** A leader won `term`. A later term replaces an earlier winner that was deposed before it
   *  could commit anything: the failover ends with the leader that actually serves. */
  leaderElected(now: number, term: number, group = 0): void {
    for (const f of this.open) {
      if (f.group !== group || term <= f.oldTerm || (f.electedAt !== null && term <= f.newTerm)) continue;
      f.detectedAt ??= now;
      f.electedAt = now;
      f.newTerm = term;
    }
  }

  /** A client write committed in `term`; closes the failovers whose new leader holds that term. */
  /** A client write committed at `node` in `term`. It closes the failovers whose new leader
   *  holds that term — or, when a partition healed before anyone stood for election, those whose
   *  old leader is still leading and committing in its old term (then no election happened). */
  committed(now: number, term: number, group = 0, node = -1): void {
    this.closeWhere(
      now,
      (f) => f.group === group && (f.electedAt !== null ? term >= f.newTerm : term === f.oldTerm && node === f.oldLeader && node >= 0),
    );
  }

  /** A request that had gone to a dead node succeeded elsewhere (leaderless architectures). */
  served(now: number): void {
    this.closeWhere(now, () => true, false);
  }

  rows(
    variant: string,
    trial: number,
    unavailableBetween: (fromMicros: number, toMicros: number) => number,
    endMicros: number,
  ): FailoverRow[] {
    return this.all.map((f) => {
      const end = f.firstCommitAt ?? endMicros;
      return {
        variant,
        trial,
        fault_at_ms: f.faultAt / 1000,
        detected_at_ms: ms(f.detectedAt),
        elected_at_ms: ms(f.electedAt),
        first_commit_at_ms: ms(f.firstCommitAt),
        failover_ms: f.firstCommitAt === null ? null : (f.firstCommitAt - f.faultAt) / 1000,
        unavailable_ms: unavailableBetween(f.faultAt, end) / 1000,
        election_rounds: f.electedAt === null ? null : f.newTerm - f.oldTerm,
      };
    });
  }

  private closeWhere(now: number, matches: (f: OpenFailover) => boolean, impliesDetection = true): void {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const f = this.open[i];
      if (!matches(f)) continue;
      if (impliesDetection) f.detectedAt ??= now;
      f.firstCommitAt = now;
      this.open.splice(i, 1);
    }
  }
}

const ms = (micros: number | null) => (micros === null ? null : micros / 1000);
