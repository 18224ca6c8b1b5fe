// Fault targets, resolved through the engine's view of the cluster at the moment a fault
// fires: who leads now is only known then. One case per kind of name.
import type { Random } from '../core/rng.js';
import type { CrashTarget, PartitionMember } from '../scenario/scenario.js';
import type { ClusterView } from './cluster.js';

/** Anything a fault may name: a node id, `leader` (of group 0), `others` (every node but that
 *  leader), `random` (one live node), the leader of shard K, or every node of a zone. */
export type Target = CrashTarget | PartitionMember | 'others';

/** What resolving a target may consult. */
export interface TargetContext {
  cluster: ClusterView;
  /** For `random`. */
  random: Random;
  zoneMembers(zone: string): number[];
}

/** The nodes `target` names now (none when it names a leader and there is none). */
export function resolveTarget(target: Target, ctx: TargetContext): number[] {
  const { cluster } = ctx;
  if (typeof target === 'number') return [target];
  if (typeof target === 'object') return 'zone' in target ? ctx.zoneMembers(target.zone) : nodeOrNone(cluster.leaderOf(target.shardLeader));
  switch (target) {
    case 'leader':
      return nodeOrNone(cluster.leader);
    case 'others':
      return Array.from({ length: cluster.nodes }, (_, node) => node).filter((node) => node !== cluster.leader);
    case 'random': {
      const live = cluster.liveNodes();
      return live.length === 0 ? [] : [live[Math.floor(ctx.random() * live.length)]];
    }
  }
}

/** Partition sides. A node a name such as `leader` resolves to belongs to that side only, even
 *  if another side lists it by id (the leader moves; the file was written without knowing it). */
export function resolveSides(sides: readonly Target[][], ctx: TargetContext): number[][] {
  const resolved = sides.map((side) => side.map((member) => ({ named: typeof member !== 'number', nodes: resolveTarget(member, ctx) })));
  const claimed = new Set(resolved.flatMap((side) => side.filter((m) => m.named).flatMap((m) => m.nodes)));
  return resolved.map((side) => side.flatMap((m) => (m.named ? m.nodes : m.nodes.filter((node) => !claimed.has(node)))));
}

const nodeOrNone = (node: number): number[] => (node >= 0 ? [node] : []);
