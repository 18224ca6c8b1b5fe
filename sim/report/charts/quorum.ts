// "No quorum": a leader that cannot reach a majority of its group still calls itself leader
// (without check-quorum it will for as long as the fault lasts), but it can commit nothing.
// Derived for the chart from what the run recorded: which members were down, and which side
// of a partition each node was on.

import type { FaultMarker, RoleSegment } from '../../metrics/run-result.js';

export interface Member {
  node: number;
  segments: readonly RoleSegment[];
}

function downAt(segments: readonly RoleSegment[], t: number): boolean {
  return segments.some((s) => s.role === 'down' && s.from_ms <= t && t < s.to_ms);
}

/** Whether `a` and `b` are on the same side of every partition in force at t. */
function reachable(partitions: readonly FaultMarker[], a: number, b: number, t: number): boolean {
  for (const p of partitions) {
    if (!p.sides || t < p.at_ms || (p.until_ms !== null && t >= p.until_ms)) continue;
    const side = (n: number) => p.sides?.findIndex((s) => s.includes(n)) ?? -1;
    if (side(a) !== side(b)) return false;
  }
  return true;
}

/**
 * A lane's segments with the stretches of `leader` in which fewer than a majority of the
 * group's members (itself included) were up and reachable turned into `no-quorum`.
 */
export function markNoQuorum(
  self: number,
  lane: readonly RoleSegment[],
  members: readonly Member[],
  faults: readonly FaultMarker[],
): RoleSegment[] {
  const partitions = faults.filter((f) => f.sides);
  const majority = Math.floor(members.length / 2) + 1;
  const out: RoleSegment[] = [];
  for (const seg of lane) {
    if (seg.role !== 'leader') {
      out.push(seg);
      continue;
    }
    const cuts = new Set<number>([seg.from_ms, seg.to_ms]);
    for (const m of members) for (const s of m.segments) if (s.role === 'down') cuts.add(s.from_ms).add(s.to_ms);
    for (const p of partitions) cuts.add(p.at_ms).add(p.until_ms ?? seg.to_ms);
    const times = [...cuts].filter((t) => t >= seg.from_ms && t <= seg.to_ms).sort((a, b) => a - b);
    for (let i = 0; i + 1 < times.length; i++) {
      const mid = (times[i] + times[i + 1]) / 2;
      const live = members.filter((m) => !downAt(m.segments, mid) && reachable(partitions, self, m.node, mid)).length;
      const role = live < majority ? 'no-quorum' : 'leader';
      const last = out[out.length - 1];
      if (last && last.role === role && last.to_ms === times[i]) last.to_ms = times[i + 1];
      else out.push({ from_ms: times[i], to_ms: times[i + 1], role });
    }
  }
  return out;
}
