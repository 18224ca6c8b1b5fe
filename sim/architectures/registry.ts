// The registry of architecture kinds: one line per `architecture.kind`, in the order `leadsim
// schema` and the error messages list them. The scenario's ArchitectureSpec, the schema's kinds,
// the checks, the budget, capacity_ops_s and the replay's message colours all come from here.
import { meanOf } from '../core/distributions.js';
import type { Scenario } from '../scenario/scenario.js';
import type { Architecture, BuildContext } from './architecture.js';
import type { KindDescriptor } from './kind.js';
import { activePassive } from './active-passive/kind.js';
import { coordinator } from './coordinator/kind.js';
import { leaderlessQuorum } from './leaderless-quorum/kind.js';
import { multiPaxos } from './multi-paxos/kind.js';
import { raftGroup } from './raft-group/kind.js';
import { shardedRaft } from './sharded-raft/kind.js';
import { statelessLb } from './stateless-lb/kind.js';

export const KINDS = [statelessLb, activePassive, coordinator, raftGroup, multiPaxos, shardedRaft, leaderlessQuorum] as const;

type SpecOf<D> = D extends { resolve(parsed: never): infer S } ? S : never;
/** One architecture's keys, defaults filled in: a union over the registered kinds. */
export type ArchitectureSpec = SpecOf<(typeof KINDS)[number]>;
export type ArchitectureKind = ArchitectureSpec['kind'];

/** The descriptor of `spec`'s kind, typed for the union of all kinds. */
export function descriptorOf(kind: ArchitectureKind): KindDescriptor<ArchitectureSpec> {
  const descriptor = KINDS.find((d) => d.kind === kind);
  if (descriptor === undefined) throw new Error(`no architecture kind ${kind}`);
  return descriptor;
}

export function buildArchitecture(spec: ArchitectureSpec, ctx: BuildContext): Architecture {
  return descriptorOf(spec.kind).build(spec, ctx);
}

/** capacity_ops_s of a scenario, or null where the architecture has no leader to bound it. */
export function capacityOpsPerSecond(scenario: Scenario): number | null {
  const arch = scenario.architecture;
  const cpu = { service: meanOf(scenario.cpu.service), perMessage: scenario.cpu.perMessage, perEntry: scenario.cpu.perEntry };
  return descriptorOf(arch.kind).capacity?.(arch, cpu) ?? null;
}
