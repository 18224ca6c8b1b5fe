// Who plays which role: the node-state timeline (leader / follower / candidate / down …) for
// the chart, and the current leader for the timeseries' `leader` column and for fault targets.
import type { Role } from '../protocols/node.js';
import type { RoleSegment } from './run-result.js';

/** The timeline keeps the first nodes only: a chart of 1000 rows would show nothing. */
export const TIMELINE_NODES = 64;

export class RoleTracker {
  private readonly role: Role[];
  private readonly since: Float64Array;
  private readonly segments: RoleSegment[][];
  /** The leader with the highest term seen, while it still leads; -1 when none. */
  leader = -1;
  leaderTerm = -1;

  constructor(nodes: number, initial: Role) {
    this.role = new Array<Role>(nodes).fill(initial);
    this.since = new Float64Array(nodes);
    this.segments = Array.from({ length: Math.min(nodes, TIMELINE_NODES) }, () => []);
  }

  roleOf(node: number): Role {
    return this.role[node];
  }

  change(now: number, node: number, role: Role, term: number): void {
    const was = this.role[node];
    if (role === 'leader' && term >= this.leaderTerm) {
      this.leader = node;
      this.leaderTerm = term;
    } else if (was === 'leader' && node === this.leader && role !== 'leader') {
      this.leader = -1;
    }
    if (was === role) return;
    this.closeSegment(now, node);
    this.role[node] = role;
  }

  finish(now: number): RoleSegment[][] {
    for (let node = 0; node < this.segments.length; node++) this.closeSegment(now, node);
    return this.segments;
  }

  private closeSegment(now: number, node: number): void {
    if (node < this.segments.length && now > this.since[node]) {
      this.segments[node].push({ from_ms: this.since[node] / 1000, to_ms: now / 1000, role: this.role[node] });
    }
    this.since[node] = now;
  }
}
