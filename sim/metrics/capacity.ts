// capacity_ops_s: the analytic bound on the writes per second a leader kind can commit, from CPU
// costs alone (each kind's descriptor says how; kinds without a leader have none). With
// batching, per-message costs are paid per batch and vanish at saturation; what stays is, per
// write, the request's service time plus one entry's cost for each replica it is sent to, and,
// whatever the load, the heartbeats: a leader of a group of N sends and hears 2(N−1) messages
// every interval, a follower 2. For one Raft group (README "Leader election"):
//   (1 − h(N)) / (service + (N−1)·perEntry),   h(N) = 2(N−1)·perMessage/heartbeat
// Every bound is an upper one: skewed keys, or leaders moved by a failover, only lower it.

/** The heartbeat share of a leader's CPU with `followers` followers. */
export const heartbeatLoad = (followers: number, perMessage: number, heartbeat: number) => (2 * followers * perMessage) / heartbeat;

/** The bound for one leader of a group of `members` (µs costs, writes/s). */
export function leaderCapacity(members: number, service: number, perMessage: number, perEntry: number, heartbeat: number): number {
  const followers = members - 1;
  const free = 1 - heartbeatLoad(followers, perMessage, heartbeat);
  return Math.max(0, free) / ((service + followers * perEntry) / 1e6);
}
