// An acceptor's side of phase 2: it accepts the slots of a ballot at least as high as its
// promise, acknowledges them once they are durable (it must never claim what a crash would
// lose), and learns what is chosen from the leader's next accept or heartbeat — but only up to
// the slots it holds as that leader sent them, so it never learns a value it does not hold.
import type { Outbox } from '../node.js';
import { State } from '../raft/index.js';
import { accepted, type Accept, type Chosen } from './messages.js';
import type { PaxosNode } from './paxos-node.js';

/** `from` leads `ballot` (≥ our promise): follow it, and hold the election timer back (lazily). */
function follow(node: PaxosNode, from: number, ballot: number): boolean {
  if (ballot > node.promised) node.promise(ballot);
  return node.state !== State.Follower || node.leader !== from;
}

export function onAccept(node: PaxosNode, from: number, m: Accept, out: Outbox): void {
  if (m.ballot < node.promised) return out.send(from, accepted(node.promised, false, 0, -1));
  if (follow(node, from, m.ballot)) node.becomeFollower(from, out);
  node.lastReset = node.now;
  if (m.prev > node.matched) return out.send(from, accepted(m.ballot, false, node.matched, m.prev)); // a hole
  const log = node.log;
  const batch = m.batch;
  let changed = false;
  for (let k = 0; k < batch.length; k++) {
    const slot = m.prev + 1 + k;
    if (slot > log.lastIndex) log.append(batch[k]);
    else if (log.holds(slot, batch[k])) continue;
    else {
      node.disk.overwriting(log, slot);
      log.set(slot, batch[k]);
    }
    changed = true;
  }
  const end = m.prev + batch.length;
  if (end > node.matched) {
    node.matched = end;
    changed = true;
  }
  if (changed) node.dirty = true;
  learn(node, m.chosen, out);
  sendAck(node, out, !changed); // a retransmission is answered at once
}

export function onChosen(node: PaxosNode, from: number, m: Chosen, out: Outbox): void {
  if (m.ballot < node.promised) return out.send(from, accepted(node.promised, false, 0, -1, true));
  if (follow(node, from, m.ballot)) node.becomeFollower(from, out);
  node.lastReset = node.now;
  learn(node, m.chosen, out);
  // Report what we hold durably in this ballot: it replaces an acknowledgement the network may
  // have lost, and tells the leader we still hear it (its checkQuorum).
  out.send(from, accepted(node.promised, true, durableMatch(node), -1, true));
}

/** The leader's chosen point, as far as we hold its values. */
function learn(node: PaxosNode, leaderChosen: number, out: Outbox): void {
  const upTo = Math.min(leaderChosen, node.matched);
  if (upTo > node.chosen) node.advanceChosen(upTo, out);
}

/** Slots durably held as this ballot's proposer sent them (0 while the ballot itself is not durable). */
function durableMatch(node: PaxosNode): number {
  return node.disk.promised === node.promised ? Math.min(node.disk.matched, node.matched) : 0;
}

/** Acknowledges to the leader what became durable since the last acknowledgement (or, `force`, at all). */
export function sendAck(node: PaxosNode, out: Outbox, force: boolean): void {
  if (node.leader < 0 || node.state !== State.Follower) return;
  const durable = durableMatch(node);
  const before = node.ackedBallot === node.promised ? node.ackedIndex : 0;
  if (!force && durable <= before) return;
  node.ackedBallot = node.promised;
  node.ackedIndex = durable;
  out.send(node.leader, accepted(node.promised, true, durable, -1));
}
