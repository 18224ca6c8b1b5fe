// The engine's own view of the cluster: which nodes are up and who leads each replication
// group in which term. It is fed by the engine (crashes, recoveries) and by the role notes the
// protocol nodes emit, and it is what fault targets resolve through (`leader`, `others`,
// `shard:K/leader`). Metrics may read it; they never write it.
import type { Role } from '../protocols/node.js';

/** What readers of the engine's view (fault targets, metrics) may see of it: no writes. */
export type ClusterView = Pick<
  ClusterState,
  'groups' | 'nodes' | 'isUp' | 'leader' | 'leaderOf' | 'termOf' | 'ledGroups' | 'groupsLedBy' | 'liveNodes'
>;

export class ClusterState {
  private readonly up: Uint8Array;
  /** `groups[g]`: the members of replication group g (none for leaderless architectures). */
  groups: readonly (readonly number[])[] = [];
  private groupLeader = new Int32Array(0);
  private groupTerm = new Float64Array(0);

  constructor(nodes: number) {
    this.up = new Uint8Array(nodes);
  }

  /** The architecture's replication groups, once it is built (before the run starts). */
  declareGroups(groups: readonly (readonly number[])[]): void {
    this.groups = groups;
    this.groupLeader = new Int32Array(groups.length).fill(-1);
    this.groupTerm = new Float64Array(groups.length).fill(-1);
  }

  get nodes(): number {
    return this.up.length;
  }

  isUp(node: number): boolean {
    return this.up[node] === 1;
  }

  /** The leader of group 0 (the only group of single-group architectures), or -1. */
  get leader(): number {
    return this.leaderOf(0);
  }

  leaderOf(group: number): number {
    return group < this.groupLeader.length ? this.groupLeader[group] : -1;
  }

  termOf(group: number): number {
    return group < this.groupTerm.length ? this.groupTerm[group] : -1;
  }

  /** Groups that have a leader now. */
  ledGroups(): number[] {
    const out: number[] = [];
    this.groupLeader.forEach((leader, group) => leader >= 0 && out.push(group));
    return out;
  }

  /** Groups led by `node` now. */
  groupsLedBy(node: number): number[] {
    const out: number[] = [];
    this.groupLeader.forEach((leader, group) => leader === node && out.push(group));
    return out;
  }

  /** Live nodes, in id order. */
  liveNodes(): number[] {
    const out: number[] = [];
    for (let node = 0; node < this.up.length; node++) if (this.up[node] === 1) out.push(node);
    return out;
  }

  // ---- fed by the engine ----

  nodeUp(node: number): void {
    this.up[node] = 1;
  }

  /** A crash ends every leadership the node held. */
  nodeDown(node: number): void {
    this.up[node] = 0;
    for (const group of this.groupsLedBy(node)) this.groupLeader[group] = -1;
  }

  /** A role note: a leader of a term at least as new as the known one takes the group over;
   *  the known leader stepping down leaves the group without one. */
  roleChanged(node: number, group: number, role: Role, term: number): void {
    if (group >= this.groupLeader.length) return;
    if (role === 'leader' && term >= this.groupTerm[group]) {
      this.groupLeader[group] = node;
      this.groupTerm[group] = term;
    } else if (role !== 'leader' && this.groupLeader[group] === node) {
      this.groupLeader[group] = -1;
    }
  }
}
