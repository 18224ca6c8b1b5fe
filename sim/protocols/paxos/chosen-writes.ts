// The final chosen state of a multi-paxos group, for the durability check. What each node knows
// chosen may lag (a leader that had a write chosen, answered the client and crashed before
// telling anyone), so this takes the longest chosen prefix any node knows and extends it over
// slots that a phase-2 quorum holds with the value of the highest ballot — which covers every
// slot whose write a leader acknowledged. Crashed nodes count with their durable state.
import type { PaxosNode } from './paxos-node.js';

export function chosenWrites(nodes: readonly PaxosNode[]): Set<number> {
  if (nodes.length === 0) return new Set();
  let ref = nodes[0];
  for (const node of nodes) if (node.chosen > ref.chosen) ref = node;
  const ops = ref.log.writeOps(ref.chosen);
  const q2 = nodes[0].q2;
  for (let slot = ref.chosen + 1; ; slot++) {
    const holder = quorumHolder(nodes, slot, q2);
    if (holder === null) break;
    const op = holder.log.writeOp(slot);
    if (op >= 0) ops.push(op);
  }
  return new Set(ops);
}

/**
 * A node holding the value chosen at `slot`, or null if none may be. A value chosen in ballot b
 * is the value of every later ballot at that slot (Paxos), so walking the holders from the
 * highest ballot down, the chosen value is the one that reaches `q2` holders before any other
 * value appears. (A value that never was chosen can pass this too; the check is then lenient,
 * never wrong about a write that was chosen.)
 */
function quorumHolder(nodes: readonly PaxosNode[], slot: number, q2: number): PaxosNode | null {
  const holders = nodes.filter((node) => node.log.term(slot) >= 0).sort((a, b) => b.log.term(slot) - a.log.term(slot));
  if (holders.length < q2) return null;
  const top = holders[0];
  for (let k = 1; k < q2; k++) {
    const h = holders[k];
    if (h.log.op(slot) !== top.log.op(slot) || h.log.kind(slot) !== top.log.kind(slot)) return null;
  }
  return top;
}
