// The distinguished proposer's phase 2: it proposes client writes and reads in slots of its
// ballot, sends each acceptor what it lacks in batches of at most maxBatch slots with up to
// `pipeline` accepts unacknowledged (Raft's Progress, in probe or replicate state), counts
// acknowledgements per slot (Raft's AckCounter) and declares a slot chosen when a phase-2
// quorum holds it. Sending is batched as raft-group batches it: proposals only mark that
// something is to be sent, and one Ready step queued behind the work that arrived meanwhile
// (Outbox.deferTimer) sends each acceptor one accept. Heartbeats carry the chosen point; a
// leader that has not heard from a phase-2 quorum for an election timeout steps down.
import { CpuUse } from '../../net/cpu.js';
import type { Outbox } from '../node.js';
import { AckCounter, EntryKind, type LogEntry, PendingReplies, Progress, TIMER_HEARTBEAT, TIMER_READY } from '../raft/index.js';
import { chosen, type Accept, type Accepted } from './messages.js';
import type { PaxosNode } from './paxos-node.js';

/** Everything only a leader keeps, for one ballot (all volatile). */
export class Proposer {
  readonly progress: Progress;
  readonly acks: AckCounter;
  /** Highest slot a phase-2 quorum holds. */
  quorumIndex: number;
  /** How much of its own log the leader holds durably in its ballot (its own acknowledgement). */
  selfMatch: number;
  /** Client attempts waiting for their slot to be chosen, by slot. */
  readonly pending = new PendingReplies();
  /** Slot of the latest chosen write per key: the version a read returns. */
  readonly lastWrite = new Map<number, number>();
  /** When each acceptor was last heard from in this ballot (checkQuorum). */
  readonly heardAt: Float64Array;
  /** The first slot proposed for a client (before it: re-proposals and no-ops). */
  ownFrom = 0;
  /** The first client write of the ballot was chosen (the failover it ended is noted). */
  served = false;
  readyQueued = false;
  readyCursor = 0;
  lastAccept: Accept | null = null;

  constructor(
    peers: number,
    window: number,
    from: number,
    chosenIndex: number,
    readonly since: number,
  ) {
    // every acceptor starts in probe state at the first slot not known chosen
    this.progress = new Progress(peers, window, from);
    this.acks = new AckCounter(chosenIndex + 1);
    this.quorumIndex = chosenIndex;
    this.selfMatch = chosenIndex;
    this.heardAt = new Float64Array(peers).fill(since);
  }
}

/** The start of a ballot in office: the read versions, the re-proposals out, the heartbeat timer. */
export function startBallot(node: PaxosNode, l: Proposer, out: Outbox): void {
  for (let i = 1; i <= node.applied; i++) if (node.log.kind(i) === EntryKind.Write) l.lastWrite.set(node.log.key(i), i);
  l.ownFrom = node.log.lastIndex + 1;
  onSelfDurable(node, l, out);
  if (node.peers.length > 0) queueReady(node, l, out);
  out.setTimer(TIMER_HEARTBEAT, node.opts.heartbeat);
}

/** A new slot for a client op (persisted at the end of the handler); the next Ready step sends it. */
export function propose(node: PaxosNode, l: Proposer, entry: LogEntry, attempt: number, out: Outbox): void {
  const slot = node.log.append(entry);
  node.matched = slot;
  node.dirty = true;
  l.pending.add(slot, attempt);
  if (node.peers.length > 0) queueReady(node, l, out);
}

function queueReady(node: PaxosNode, l: Proposer, out: Outbox): void {
  if (l.readyQueued) return;
  l.readyQueued = true;
  out.deferTimer(TIMER_READY);
}

/** Acceptors served per Ready step, as in raft-group: one step is one uninterrupted stretch of CPU. */
const ACCEPTORS_PER_STEP = 8;

export function ready(node: PaxosNode, l: Proposer, out: Outbox): void {
  const n = node.peers.length;
  let served = 0;
  for (let seen = 0; seen < n; seen++) {
    const p = l.readyCursor;
    l.readyCursor = p + 1 === n ? 0 : p + 1;
    if (!hasToSend(node, l, p)) continue;
    sendIfAllowed(node, l, p, out);
    if (++served === ACCEPTORS_PER_STEP) return out.deferTimer(TIMER_READY);
  }
  l.readyQueued = false;
}

function hasToSend(node: PaxosNode, l: Proposer, p: number): boolean {
  return l.progress.hasToSend(p, node.log.lastIndex);
}

function sendIfAllowed(node: PaxosNode, l: Proposer, p: number, out: Outbox): void {
  const pr = l.progress;
  const last = node.log.lastIndex;
  const batch = node.opts.maxBatch;
  for (let to = pr.batchEnd(p, last, batch); to >= 0; to = pr.batchEnd(p, last, batch)) sendAccept(node, l, p, pr.nextOf(p), to, out);
}

function sendAccept(node: PaxosNode, l: Proposer, p: number, from: number, to: number, out: Outbox): void {
  const prev = from - 1;
  let m = l.lastAccept;
  // Acceptors in step get the very same message object: no allocation per acceptor.
  if (m === null || m.prev !== prev || prev + m.entries !== to || m.chosen !== node.chosen) {
    const batch = node.log.slice(from, to);
    m = { type: 'accept', ballot: node.promised, prev, chosen: node.chosen, batch, entries: batch.length, use: CpuUse.Replication };
    l.lastAccept = m;
  }
  l.progress.sent(p, to);
  out.send(node.peers[p], m);
}

/** The leader's own copy counts once it is durable in its ballot. */
export function onSelfDurable(node: PaxosNode, l: Proposer, out: Outbox): void {
  const d = node.disk;
  if (d.promised !== node.promised || d.matched <= l.selfMatch) return;
  l.acks.add(l.selfMatch, d.matched);
  l.selfMatch = d.matched;
  maybeChoose(node, l, out);
}

function maybeChoose(node: PaxosNode, l: Proposer, out: Outbox): void {
  if (l.quorumIndex < node.chosen) l.quorumIndex = node.chosen;
  while (l.acks.count(l.quorumIndex + 1) >= node.q2) l.quorumIndex++;
  if (l.quorumIndex > node.chosen) node.advanceChosen(l.quorumIndex, out);
}

export function onAccepted(node: PaxosNode, from: number, m: Accepted, out: Outbox): void {
  if (m.ballot > node.maxSeen) node.maxSeen = m.ballot;
  const l = node.proposer;
  if (l === null) return;
  if (m.ballot > node.promised) return node.becomeFollower(-1, out); // a higher promise: step down
  const p = node.peerIndex(from);
  if (m.ballot !== node.promised || p < 0) return;
  l.heardAt[p] = node.now;
  if (m.ok) {
    matchedTo(node, l, p, m.index, out);
    if (m.urgent === true) l.progress.heartbeatAnswered(p, node.log.lastIndex); // a heartbeat's answer
  } else {
    // A hole after `rejected`: stale if already matched past it or not about the current probe.
    if (l.progress.staleRejection(p, m.rejected)) return;
    l.progress.rejectedTo(p, Math.min(m.index + 1, m.rejected));
  }
  if (hasToSend(node, l, p)) queueReady(node, l, out);
}

/** Acceptor `p` holds our slots up to `index`, durably. */
function matchedTo(node: PaxosNode, l: Proposer, p: number, index: number, out: Outbox): void {
  const before = l.progress.acked(p, index);
  if (index > before) l.acks.add(before, index);
  maybeChoose(node, l, out);
}

/** Every heartbeat interval: step down without a phase-2 quorum heard within the minimum
 *  election timeout (checkQuorum), else tell every acceptor what is chosen. */
export function heartbeat(node: PaxosNode, l: Proposer, out: Outbox): void {
  const min = node.opts.electionTimeout[0];
  if (node.now - l.since > min) {
    let heard = 1;
    for (let p = 0; p < node.peers.length; p++) if (node.now - l.heardAt[p] <= min) heard++;
    if (heard < node.q2) return node.becomeFollower(-1, out);
  }
  const m = chosen(node.promised, node.chosen);
  for (const peer of node.peers) out.send(peer, m);
  out.setTimer(TIMER_HEARTBEAT, node.opts.heartbeat);
}
