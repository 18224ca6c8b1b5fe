// The registry of architectures: one entry per `architecture.kind`. The schema's list of kinds
// and this map must agree; `Kind` is derived from the scenario types so a missing entry is a
// compile error.
import type { ArchitectureSpec } from '../scenario/scenario.js';
import type { Architecture, BuildContext } from './architecture.js';
import { buildActivePassive } from './active-passive.js';
import { buildCoordinator } from './coordinator.js';
import { buildLeaderlessQuorum } from './leaderless-quorum.js';
import { buildRaftGroup } from './raft-group.js';
import { buildShardedRaft } from './sharded-raft.js';
import { buildStatelessLb } from './stateless-lb.js';

type Kind = ArchitectureSpec['kind'];
type FactoryFor<K extends Kind> = (spec: Extract<ArchitectureSpec, { kind: K }>, ctx: BuildContext) => Architecture;

const architectures: { [K in Kind]: FactoryFor<K> } = {
  'stateless-lb': buildStatelessLb,
  'raft-group': buildRaftGroup,
  'sharded-raft': buildShardedRaft,
  'leaderless-quorum': buildLeaderlessQuorum,
  'active-passive': buildActivePassive,
  coordinator: buildCoordinator,
};

export function buildArchitecture(spec: ArchitectureSpec, ctx: BuildContext): Architecture {
  const factory = architectures[spec.kind] as FactoryFor<typeof spec.kind>;
  return factory(spec as never, ctx);
}
