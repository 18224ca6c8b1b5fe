// Phase 1, run once per leadership for every slot not known chosen: the candidate asks every
// acceptor to promise its ballot and report what it accepted from the first slot the candidate
// does not know chosen; with a phase-1 quorum of promises (its own counting once durable) it
// takes, per slot, the value accepted in the highest ballot, fills gaps with no-ops, and leads.
import { EntryKind, type LogEntry, State } from '../raft/index.js';
import type { Outbox } from '../node.js';
import { prepare, promise, type Prepare, type Promise } from './messages.js';
import { nextBallot } from './ballot.js';
import type { PaxosNode } from './paxos-node.js';
import { Proposer } from './proposer.js';

const NOOP_KEY = -1;

/** A candidacy: the ballot, who promised, and the best value reported per slot. */
export class Phase1 {
  private readonly granted: Uint8Array;
  promises = 0;
  /** best[k]: the highest-ballot entry reported for slot from + k (undefined: none yet). */
  private readonly best: (LogEntry | undefined)[] = [];

  constructor(
    readonly ballot: number,
    readonly from: number,
    peers: number,
  ) {
    this.granted = new Uint8Array(peers);
  }

  /** Peer `p` promised, reporting `batch` from slot `first` on; false if it had already. */
  grant(p: number, first: number, batch: readonly LogEntry[]): boolean {
    if (this.granted[p] === 1) return false;
    this.granted[p] = 1;
    this.promises++;
    this.offer(first, batch);
    return true;
  }

  offer(first: number, batch: readonly LogEntry[]): void {
    for (let k = 0; k < batch.length; k++) {
      const slot = first + k - this.from;
      if (slot < 0) continue;
      const known = this.best[slot];
      if (known === undefined || batch[k].term > known.term) this.best[slot] = batch[k];
    }
  }

  /** What the new leader proposes for slots from.., in its own ballot. */
  proposals(): LogEntry[] {
    const ballot = this.ballot;
    const noop: LogEntry = { term: ballot, op: -1, key: NOOP_KEY, kind: EntryKind.Noop };
    return Array.from(this.best, (e) => (e === undefined ? noop : { term: ballot, op: e.op, key: e.key, kind: e.kind }));
  }
}

/** The election timer ran out without word from a leader: phase 1 with a higher ballot. */
export function campaign(node: PaxosNode, out: Outbox): void {
  const ballot = nextBallot(node.maxSeen, node.id, node.n);
  node.promise(ballot);
  const c = new Phase1(ballot, node.chosen + 1, node.peers.length);
  node.becomeCandidate(c, out);
  const msg = prepare(ballot, c.from);
  for (const peer of node.peers) out.send(peer, msg);
}

/** Promises a higher ballot (once durable, the promise leaves); refuses a lower one. */
export function onPrepare(node: PaxosNode, from: number, m: Prepare, out: Outbox): void {
  if (m.ballot < node.promised) return out.send(from, promise(node.promised, false));
  if (m.ballot > node.promised) {
    node.promise(m.ballot);
    if (node.state !== State.Follower || node.leader !== -1) node.becomeFollower(-1, out);
  }
  node.lastReset = node.now;
  node.pendingPromiseTo = from;
  node.pendingPromiseFrom = m.from;
  sendPendingPromise(node, out);
}

/** The promise leaves once the ballot is on disk, reporting the slots accepted so far. */
export function sendPendingPromise(node: PaxosNode, out: Outbox): void {
  const to = node.pendingPromiseTo;
  if (to < 0 || node.disk.promised !== node.promised) return;
  node.pendingPromiseTo = -1;
  const from = node.pendingPromiseFrom;
  out.send(to, promise(node.promised, true, from, node.log.slice(from, node.log.lastIndex)));
}

export function onPromise(node: PaxosNode, from: number, m: Promise, out: Outbox): void {
  if (m.ballot > node.maxSeen) node.maxSeen = m.ballot;
  const c = node.phase1;
  if (!m.granted) {
    // A higher promise elsewhere: this candidacy cannot win; wait for the next timeout.
    if (c !== null && m.ballot > c.ballot) node.becomeFollower(-1, out);
    return;
  }
  const p = node.peerIndex(from);
  if (c === null || m.ballot !== c.ballot || p < 0) return;
  if (c.grant(p, m.from, m.batch)) checkPhase1(node, out);
}

/** A phase-1 quorum, our own promise counting once durable, makes us the leader. */
export function checkPhase1(node: PaxosNode, out: Outbox): void {
  const c = node.phase1;
  if (node.state !== State.Candidate || c === null) return;
  const self = node.disk.promised === c.ballot ? 1 : 0;
  if (c.promises + self < node.q1) return;
  c.offer(c.from, node.log.slice(c.from, node.log.lastIndex)); // what we accepted ourselves
  const log = node.log;
  const proposals = c.proposals();
  for (let k = 0; k < proposals.length; k++) {
    const slot = c.from + k;
    if (slot > log.lastIndex) log.append(proposals[k]);
    else if (!log.holds(slot, proposals[k])) {
      node.disk.overwriting(log, slot);
      log.set(slot, proposals[k]);
    }
  }
  node.matched = log.lastIndex;
  node.dirty = true;
  node.becomeLeader(new Proposer(node.peers.length, node.opts.pipeline, c.from, node.chosen, node.now), out);
}
