// Safety invariants, checked on every run from the trace notes nodes emit:
// - at most one leader per term (per replication group);
// - a committed log entry never changes (same index ⇒ same term and op, at every node, forever).
// The durability invariant (no acknowledged write lost) is checked at the end, when the run's
// result is assembled (run-result.ts). A violation keeps the first event that broke it; the run
// then fails with exit 1. The checker is an observer of its own, beside the metrics (as
// TigerBeetle's StateChecker): it hears role changes and commits and judges nothing else.
import type { SimObserver } from '../engine/observers.js';
import type { CommittedLog, Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';
import type { InvariantViolation } from './run-result.js';
import { grownInt32 } from '../core/grow.js';

const MAX_KEPT = 20;

export class InvariantChecker implements SimObserver {
  readonly violations: InvariantViolation[] = [];
  private readonly leaderOfTerm = new Map<string, number>();
  /** Per group: what was committed at each log index, packed (a sweep point commits millions). */
  private readonly committedAt: CommittedEntries[] = [];

  roleChanged(now: Micros, node: number, group: number, role: Role, term: number): void {
    if (role === 'leader') this.leaderElected(now / 1000, group, node, term);
  }

  committed(now: Micros, node: number, group: number, first: number, last: number, log: CommittedLog): void {
    this.entriesCommitted(now / 1000, group, node, first, last, log);
  }

  leaderElected(atMs: number, group: number, node: number, term: number): void {
    const key = `${group}/${term}`;
    const previous = this.leaderOfTerm.get(key);
    if (previous === undefined) this.leaderOfTerm.set(key, node);
    else if (previous !== node)
      this.violate(
        'one-leader-per-term',
        atMs,
        `group ${group} term ${term}: node ${node} became leader while node ${previous} already was`,
      );
  }

  /** Entries first..last committed at `node`: the first to commit an index records it, every
   *  later one (other nodes, and a node applying its log again after a restart) must match. */
  entriesCommitted(atMs: number, group: number, node: number, first: number, last: number, log: CommittedLog): void {
    const known = (this.committedAt[group] ??= new CommittedEntries());
    for (let index = first; index <= last; index++) {
      const term = log.term(index);
      const op = log.writeOp(index);
      if (!known.has(index)) known.set(index, term, op);
      else if (known.term(index) !== term || known.op(index) !== op) {
        this.violate(
          'committed-entries-never-change',
          atMs,
          `group ${group} index ${index}: node ${node} committed (term ${term}, op ${op}) but (term ${known.term(index)}, op ${known.op(index)}) was committed before`,
        );
      }
    }
  }

  ackedWritesLost(atMs: number, lost: number[]): void {
    if (lost.length > 0)
      this.violate(
        'acked-writes-durable',
        atMs,
        `${lost.length} acknowledged write(s) missing from the final committed state, first op ${lost[0]}`,
      );
  }

  violate(invariant: string, atMs: number, detail: string): void {
    if (this.violations.length < MAX_KEPT) this.violations.push({ invariant, at_ms: atMs, detail });
  }
}

/** Term and op by log index in one growable Int32Array; term+1 is stored so that 0 means "none yet". */
class CommittedEntries {
  private data = new Int32Array(64);

  has(index: number): boolean {
    return 2 * index < this.data.length && this.data[2 * index] !== 0;
  }
  term(index: number): number {
    return this.data[2 * index] - 1;
  }
  op(index: number): number {
    return this.data[2 * index + 1];
  }
  set(index: number, term: number, op: number): void {
    if (2 * index >= this.data.length) this.data = grownInt32(this.data, Math.max(this.data.length * 2, 2 * index + 2));
    this.data[2 * index] = term + 1;
    this.data[2 * index + 1] = op;
  }
}
