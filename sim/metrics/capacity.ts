// capacity_ops_s: the analytic bound on the writes per second a leader's CPU can commit. With
// batching, per-message costs are paid per batch and vanish at saturation; what stays is, per
// write, the request's service time plus one entry's cost for each follower it is sent to, and,
// whatever the load, the heartbeats: 2(N−1) messages (sent and answered) every interval. So
//   capacity = (1 − 2(N−1)·perMessage/heartbeat) / (service + (N−1)·perEntry)
// for the leader of a group of N. Only the kinds whose writes all pass one Raft leader have it.
import { meanOf } from '../core/distributions.js';
import type { Scenario } from '../scenario/scenario.js';

/** The bound for one leader of a group of `members` (µs costs, writes/s). */
export function leaderCapacity(members: number, service: number, perMessage: number, perEntry: number, heartbeat: number): number {
  const followers = members - 1;
  const free = 1 - (2 * followers * perMessage) / heartbeat;
  return Math.max(0, free) / ((service + followers * perEntry) / 1e6);
}

/** capacity_ops_s of a scenario, or null where the architecture has no single leader bound. */
export function capacityOpsPerSecond(scenario: Scenario): number | null {
  const arch = scenario.architecture;
  if (arch.kind !== 'raft-group') return null;
  const { perMessage, perEntry } = scenario.cpu;
  return leaderCapacity(arch.nodes, meanOf(scenario.cpu.service), perMessage, perEntry, arch.heartbeat);
}
