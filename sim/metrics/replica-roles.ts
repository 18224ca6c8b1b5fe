// Per-replica roles for nodes that host several groups (sharded-raft): one lane per (node,
// group), so the chart can show each shard's takeover after a crash. The per-node timeline
// shows a node as leader while it leads any shard, which hides exactly that.
import type { Role } from '../protocols/node.js';
import type { ReplicaLane } from './run-result.js';

export class ReplicaRoles {
  private readonly lanes = new Map<number, { lane: ReplicaLane; role: Role; since: number }>();
  private multiGroup = false;

  constructor(
    private readonly maxNodes: number,
    private readonly initial: Role,
  ) {}

  change(now: number, node: number, group: number, role: Role): void {
    if (group > 0) this.multiGroup = true;
    if (node >= this.maxNodes) return;
    const key = node * 65536 + group;
    const open = this.lanes.get(key);
    if (!open) {
      const lane: ReplicaLane = { node, group, segments: [] };
      this.lanes.set(key, { lane, role: this.initial, since: 0 });
    }
    this.show(now, key, role);
  }

  /** A crash takes every replica on the node down; a recovered replica reports its new role. */
  down(now: number, node: number): void {
    for (const [key, open] of this.lanes) if (open.lane.node === node) this.show(now, key, 'down');
  }

  /** Lanes by node, then group; null for single-group architectures. */
  finish(now: number): ReplicaLane[] | null {
    if (!this.multiGroup) return null;
    for (const key of this.lanes.keys()) this.close(now, key);
    return [...this.lanes.values()].map((o) => o.lane).sort((a, b) => a.node - b.node || a.group - b.group);
  }

  private show(now: number, key: number, role: Role): void {
    const open = this.lanes.get(key);
    if (!open || open.role === role) return;
    this.close(now, key);
    open.role = role;
  }

  private close(now: number, key: number): void {
    const open = this.lanes.get(key);
    if (!open) return;
    if (now > open.since) open.lane.segments.push({ from_ms: open.since / 1000, to_ms: now / 1000, role: open.role });
    open.since = now;
  }
}
