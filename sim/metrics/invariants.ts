// Safety invariants, checked on every run from the trace notes nodes emit:
// - at most one leader per term (per replication group);
// - a committed log entry never changes (same index ⇒ same term and op, at every node, forever).
// The durability invariant (no acknowledged write lost) is checked at the end by the collector.
// A violation keeps the first event that broke it; the run then fails with exit 1.
import type { InvariantViolation } from './run-result.js';

const MAX_KEPT = 20;

export class InvariantChecker {
  readonly violations: InvariantViolation[] = [];
  private readonly leaderOfTerm = new Map<string, number>();
  /** Per group: committed term and op by log index. */
  private readonly committedTerm: number[][] = [];
  private readonly committedOp: number[][] = [];

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

  committed(atMs: number, group: number, node: number, index: number, term: number, op: number): void {
    const terms = (this.committedTerm[group] ??= []);
    const ops = (this.committedOp[group] ??= []);
    const knownTerm = terms[index];
    if (knownTerm === undefined) {
      terms[index] = term;
      ops[index] = op;
    } else if (knownTerm !== term || ops[index] !== op) {
      this.violate(
        'committed-entries-never-change',
        atMs,
        `group ${group} index ${index}: node ${node} committed (term ${term}, op ${op}) but (term ${knownTerm}, op ${ops[index]}) was committed before`,
      );
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
