// Who plays which role: the node-state timeline (leader / follower / candidate / down …) for
// the chart, and who leads each replication group, for the `leader` column and fault targets.
// A node may hold replicas of many groups (sharded-raft): it shows as leader while it leads any
// group, else candidate while it campaigns in any, else follower.
import type { Role } from '../protocols/node.js';
import type { RoleSegment } from './run-result.js';

/** The timeline keeps the first nodes only: a chart of 1000 rows would show nothing. */
export const TIMELINE_NODES = 64;

export class RoleTracker {
  private readonly shown: Role[];
  private readonly since: Float64Array;
  private readonly segments: RoleSegment[][];
  /** Per (node, group): the replica's role, for nodes that host several groups. */
  private readonly replicaRole = new Map<number, Role>();
  private readonly leading: Int32Array;
  private readonly campaigning: Int32Array;
  private readonly groupLeader: number[] = [];
  private readonly groupTerm: number[] = [];

  constructor(nodes: number, initial: Role) {
    this.shown = new Array<Role>(nodes).fill(initial);
    this.since = new Float64Array(nodes);
    this.leading = new Int32Array(nodes);
    this.campaigning = new Int32Array(nodes);
    this.segments = Array.from({ length: Math.min(nodes, TIMELINE_NODES) }, () => []);
  }

  /** The leader of group 0 (the only group of single-group architectures), or -1. */
  get leader(): number {
    return this.leaderOf(0);
  }
  leaderOf(group: number): number {
    return this.groupLeader[group] ?? -1;
  }
  termOf(group: number): number {
    return this.groupTerm[group] ?? -1;
  }
  /** Groups that have a leader now. */
  ledGroups(): number[] {
    const groups: number[] = [];
    this.groupLeader.forEach((leader, group) => leader >= 0 && groups.push(group));
    return groups;
  }

  /** Groups led by `node` now. */
  groupsLedBy(node: number): number[] {
    const groups: number[] = [];
    this.groupLeader.forEach((leader, group) => leader === node && groups.push(group));
    return groups;
  }

  change(now: number, node: number, role: Role, term: number, group = 0): void {
    const key = node * 65536 + group;
    const was = this.replicaRole.get(key);
    this.replicaRole.set(key, role);
    this.count(node, was, -1);
    this.count(node, role, +1);
    if (role === 'leader' && term >= this.termOf(group)) {
      this.groupLeader[group] = node;
      this.groupTerm[group] = term;
    } else if (role !== 'leader' && this.groupLeader[group] === node) {
      this.groupLeader[group] = -1;
    }
    this.show(now, node, this.leading[node] > 0 ? 'leader' : this.campaigning[node] > 0 ? 'candidate' : role);
  }

  /** A crash ends every replica role the node held. */
  down(now: number, node: number): void {
    for (const group of this.groupsLedBy(node)) this.groupLeader[group] = -1;
    for (const key of this.replicaRole.keys()) if (Math.floor(key / 65536) === node) this.replicaRole.delete(key);
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
    if (node < this.segments.length && now > this.since[node]) {
      this.segments[node].push({ from_ms: this.since[node] / 1000, to_ms: now / 1000, role: this.shown[node] });
    }
    this.since[node] = now;
  }
}
