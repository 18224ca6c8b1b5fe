// capacity_ops_s: the analytic bound on the writes per second a leader kind can commit, from CPU
// costs alone. With batching, per-message costs are paid per batch and vanish at saturation;
// what stays is, per write, the request's service time plus one entry's cost for each replica
// it is sent to, and, whatever the load, the heartbeats: a leader of a group of N sends and
// hears 2(N−1) messages every interval, a follower 2. Per kind (README "Leader election"):
//   raft-group      (1 − h(N)) / (service + (N−1)·perEntry),   h(N) = 2(N−1)·perMessage/heartbeat
//   active-passive  (1 − h(N)) / service: the leader serves every op and replicates none
//   coordinator     the smaller of the coordinator's bound, batch·(1 − h(N)) / (2·perMessage +
//                   (N−1)·perEntry) (a lease request in, a grant out, one entry to each follower
//                   per `batch` ops), and the fleet's, (N − 2h(N)) / (service + (4·perMessage +
//                   2(N−1)·perEntry)/batch) (all CPUs together: both ends of every lease and of
//                   every heartbeat)
//   sharded-raft    the smallest over nodes of what its own CPU allows, with writes spread evenly
//                   over shards: node j leads L_j shards and follows F_j, so per write it spends
//                   (L_j·(service + (R−1)·perEntry) + F_j·perEntry)/S, and on heartbeats
//                   (2(R−1)·L_j + 2·F_j)·perMessage/heartbeat.
// Every one is an upper bound: skewed keys, or leaders moved by a failover, only lower it.
import { meanOf } from '../core/distributions.js';
import type { Scenario } from '../scenario/scenario.js';

/** The heartbeat share of a leader's CPU with `followers` followers. */
const heartbeatLoad = (followers: number, perMessage: number, heartbeat: number) => (2 * followers * perMessage) / heartbeat;

/** The bound for one leader of a group of `members` (µs costs, writes/s). */
export function leaderCapacity(members: number, service: number, perMessage: number, perEntry: number, heartbeat: number): number {
  const followers = members - 1;
  const free = 1 - heartbeatLoad(followers, perMessage, heartbeat);
  return Math.max(0, free) / ((service + followers * perEntry) / 1e6);
}

interface Costs {
  service: number;
  perMessage: number;
  perEntry: number;
  heartbeat: number;
}

/** An elected leader that serves every op itself and replicates nothing of them. */
function activePassiveCapacity(nodes: number, c: Costs): number {
  return Math.max(0, 1 - heartbeatLoad(nodes - 1, c.perMessage, c.heartbeat)) / (c.service / 1e6);
}

/** One coordinator hands out `batch` IDs per lease to a fleet of `nodes` servers (itself one). */
function coordinatorCapacity(nodes: number, batch: number, c: Costs): number {
  const followers = nodes - 1;
  const perLease = 2 * c.perMessage + followers * c.perEntry;
  const coordinator = (batch * Math.max(0, 1 - heartbeatLoad(followers, c.perMessage, c.heartbeat))) / (perLease / 1e6);
  const heartbeats = 2 * heartbeatLoad(followers, c.perMessage, c.heartbeat); // leader's and followers' alike
  const perOp = c.service + (4 * c.perMessage + 2 * followers * c.perEntry) / batch;
  const fleet = Math.max(0, nodes - heartbeats) / (perOp / 1e6);
  return Math.min(coordinator, fleet);
}

/** Shard s on nodes s, s+1, …, s+R−1 (mod N), led by node s (sim/architectures/sharded-raft.ts). */
function shardedCapacity(nodes: number, shards: number, replication: number, c: Costs): number {
  const leads = new Float64Array(nodes);
  const follows = new Float64Array(nodes);
  for (let s = 0; s < shards; s++) {
    leads[s % nodes]++;
    for (let k = 1; k < replication; k++) follows[(s + k) % nodes]++;
  }
  let bound = Infinity;
  for (let j = 0; j < nodes; j++) {
    const perWrite = (leads[j] * (c.service + (replication - 1) * c.perEntry) + follows[j] * c.perEntry) / shards;
    if (perWrite === 0) continue;
    const heartbeats = ((2 * (replication - 1) * leads[j] + 2 * follows[j]) * c.perMessage) / c.heartbeat;
    bound = Math.min(bound, Math.max(0, 1 - heartbeats) / (perWrite / 1e6));
  }
  return bound;
}

/** capacity_ops_s of a scenario, or null where the architecture has no leader to bound it. */
export function capacityOpsPerSecond(scenario: Scenario): number | null {
  const arch = scenario.architecture;
  if (arch.kind === 'stateless-lb' || arch.kind === 'leaderless-quorum') return null;
  const costs: Costs = {
    service: meanOf(scenario.cpu.service),
    perMessage: scenario.cpu.perMessage,
    perEntry: scenario.cpu.perEntry,
    heartbeat: arch.heartbeat,
  };
  switch (arch.kind) {
    case 'raft-group':
      return leaderCapacity(arch.nodes, costs.service, costs.perMessage, costs.perEntry, costs.heartbeat);
    case 'active-passive':
      return activePassiveCapacity(arch.nodes, costs);
    case 'coordinator':
      return coordinatorCapacity(arch.nodes, arch.batch, costs);
    case 'sharded-raft':
      return shardedCapacity(arch.nodes, arch.shards, arch.replication, costs);
  }
}
