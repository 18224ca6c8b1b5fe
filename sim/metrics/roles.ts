// The node-state timeline for the chart: each node's role over time (leader / follower /
// candidate / down …). A node may hold replicas of many groups (sharded-raft): it shows as
// leader while it leads any group, else candidate while it campaigns in any, else follower.
// Who leads which group is the engine's business (engine/cluster.ts); this only records.
import type { Role } from '../protocols/node.js';
import type { RoleSegment } from './run-result.js';

/** The timeline keeps the first nodes only: a chart of 1000 rows would show nothing. The
 *  chart draws every node kept. */
export const TIMELINE_NODES = 40;

export class RoleTracker {
  private readonly shown: Role[];
  private readonly since: Float64Array;
  private readonly segments: RoleSegment[][];
  /** Per node, per group it hosts a replica of: the replica's role. */
  private readonly replicaRole: Map<number, Role>[];
  private readonly leading: Int32Array;
  private readonly campaigning: Int32Array;

  constructor(nodes: number, initial: Role) {
    const kept = Math.min(nodes, TIMELINE_NODES);
    this.shown = new Array<Role>(kept).fill(initial);
    this.since = new Float64Array(kept);
    this.leading = new Int32Array(kept);
    this.campaigning = new Int32Array(kept);
    this.replicaRole = Array.from({ length: kept }, () => new Map());
    this.segments = Array.from({ length: kept }, () => []);
  }

  change(now: number, node: number, role: Role, group = 0): void {
    if (node >= this.segments.length) return;
    const roles = this.replicaRole[node];
    this.count(node, roles.get(group), -1);
    roles.set(group, role);
    this.count(node, role, +1);
    this.show(now, node, this.leading[node] > 0 ? 'leader' : this.campaigning[node] > 0 ? 'candidate' : role);
  }

  /** A crash ends every replica role the node held. */
  down(now: number, node: number): void {
    if (node >= this.segments.length) return;
    this.replicaRole[node].clear();
    this.leading[node] = 0;
    this.campaigning[node] = 0;
    this.show(now, node, 'down');
  }

  finish(now: number): RoleSegment[][] {
    for (let node = 0; node < this.segments.length; node++) this.closeSegment(now, node);
    return this.segments;
  }

  private count(node: number, role: Role | undefined, delta: number): void {
    if (role === 'leader') this.leading[node] += delta;
    else if (role === 'candidate') this.campaigning[node] += delta;
  }

  private show(now: number, node: number, role: Role): void {
    if (this.shown[node] === role) return;
    this.closeSegment(now, node);
    this.shown[node] = role;
  }

  private closeSegment(now: number, node: number): void {
    if (now > this.since[node]) this.segments[node].push({ from_ms: this.since[node] / 1000, to_ms: now / 1000, role: this.shown[node] });
    this.since[node] = now;
  }
}
