// One node of a `multi-paxos` group: acceptor, learner and — while it leads — the distinguished
// proposer of Multi-Paxos, as a pure state machine (inputs in, effects to the Outbox). A node
// that hears no leader for its election timeout runs phase 1 (phase1.ts) with a ballot above any
// it has seen; the winner re-proposes what phase 1 returned and then runs phase 2 per batch of
// client writes (proposer.ts); acceptors accept, acknowledge once durable and learn what is
// chosen from the leader's next message (acceptor.ts). Quorums are Flexible Paxos's: any
// phase-1 and phase-2 sizes that intersect (phase1 + phase2 > nodes).
// The log of accepted slots is Raft's packed log (an entry's `term` is the ballot the slot was
// accepted in); the leader's pipeline, acknowledgement counting and waiting clients are Raft's
// too. Fields are public for the sibling modules only.
import type { PaxosOptions } from './options.js';
import { ReplyStatus, type ClientRequest, type CommittedLog, type Outbox, type ProtocolNode, type Role } from '../node.js';
import { answerApplied, EntryKind, RaftLog, State, TIMER_ELECTION, TIMER_HEARTBEAT, TIMER_READY } from '../raft/index.js';
import { sendAck } from './acceptor.js';
import { AcceptorDisk } from './acceptor-disk.js';
import type { PaxosMessage } from './messages.js';
import { dispatch } from './dispatch.js';
import { campaign, checkPhase1, sendPendingPromise, type Phase1 } from './phase1.js';
import { heartbeat, onSelfDurable, propose, ready, startBallot, Proposer } from './proposer.js';

export class PaxosNode implements ProtocolNode<PaxosMessage> {
  readonly id: number;
  readonly n: number;
  readonly peers: readonly number[];
  readonly q1: number;
  readonly q2: number;
  readonly opts: PaxosOptions;
  private readonly peerPos: Int32Array;
  // Acceptor state (what reaches the disk is tracked by `disk`).
  promised = 0;
  readonly log = new RaftLog();
  readonly disk = new AcceptorDisk();
  /** Slots 1..matched hold what the proposer of ballot `promised` sent (or are chosen). */
  matched = 0;
  chosen = 0;
  // Volatile state.
  /** The highest ballot seen anywhere: a new campaign goes above it. */
  maxSeen = 0;
  private current = State.Down;
  leader = -1;
  applied = 0;
  now = 0;
  electionTimeout = 0;
  /** Last time the election timer was reset; the timer re-arms lazily when it fires early. */
  lastReset = 0;
  phase1: Phase1 | null = null;
  private leading: Proposer | null = null;
  /** A promise granted but not yet durable: to whom, and from which slot it reports. */
  pendingPromiseTo = -1;
  pendingPromiseFrom = 0;
  /** What was last acknowledged, and in which ballot. */
  ackedIndex = -1;
  ackedBallot = -1;
  /** Client requests admitted and not yet handled (they wait for the CPU). */
  private queued = 0;
  /** Persistent state changed since the last persist request. */
  dirty = false;
  private notedRole: Role | null = null;
  private notedTerm = -1;
  /** Commit notes compare values by the command alone: a chosen slot keeps its value while
   *  later ballots accept it again, so the ballot it is held in is no part of its identity. */
  private readonly committedView: CommittedLog = { term: () => 0, writeOp: (i) => this.log.writeOp(i) };

  constructor(id: number, members: readonly number[], options: PaxosOptions) {
    this.id = id;
    this.n = members.length;
    this.peers = members.filter((m) => m !== id);
    this.q1 = options.quorums.phase1;
    this.q2 = options.quorums.phase2;
    this.opts = { ...options, maxBatch: Math.max(1, options.maxBatch), pipeline: Math.max(1, options.pipeline) };
    this.peerPos = new Int32Array(Math.max(0, ...members) + 1).fill(-1);
    this.peers.forEach((node, p) => (this.peerPos[node] = p));
  }

  // ---- inputs ----

  start(now: number, out: Outbox): void {
    this.now = now;
    this.becomeFollower(-1, out);
    this.applyChosen(out); // a restarted node applies what it knows chosen again
  }

  crash(): void {
    this.current = State.Down;
    this.disk.crash(this.log);
    this.promised = this.maxSeen = this.disk.promised;
    this.matched = this.disk.matched;
    this.chosen = this.disk.chosen;
    this.applied = 0;
    this.leading = null;
    this.phase1 = null;
    this.leader = -1;
    this.pendingPromiseTo = -1;
    this.ackedIndex = this.ackedBallot = -1;
    this.queued = 0; // the engine drops what was queued
    this.dirty = false;
    this.notedRole = null;
  }

  /** Load shedding (maxPending), as raft-group sheds it: a leader holding maxPending
   *  unchosen slots and queued requests refuses more at once. */
  admit(_now: number, _key: number, _write: boolean): boolean {
    const cap = this.opts.maxPending;
    if (cap === 0) return true;
    if (this.leading !== null && this.log.lastIndex - this.chosen + this.queued >= cap) return false;
    this.queued++;
    return true;
  }

  request(now: number, req: ClientRequest, out: Outbox): void {
    if (this.queued > 0) this.queued--;
    if (this.state === State.Down) return;
    this.now = now;
    const l = this.leading;
    if (l === null) return out.reply(req.attempt, ReplyStatus.Redirect, this.leader);
    const kind = req.write ? EntryKind.Write : EntryKind.Read; // reads are linearized through a slot
    propose(this, l, { term: this.promised, op: req.op, key: req.key, kind }, req.attempt, out);
    this.flush(out);
  }

  message(now: number, from: number, msg: PaxosMessage, out: Outbox): void {
    if (this.state === State.Down) return;
    this.now = now;
    dispatch(this, from, msg, out);
    this.flush(out);
  }

  timer(now: number, id: number, out: Outbox): void {
    if (this.state === State.Down) return;
    this.now = now;
    if (id === TIMER_ELECTION) this.electionTimer(out);
    else if (id === TIMER_HEARTBEAT && this.leading !== null) heartbeat(this, this.leading, out);
    else if (id === TIMER_READY && this.leading !== null) ready(this, this.leading, out);
    this.flush(out);
  }

  persisted(now: number, token: number, out: Outbox): void {
    if (this.state === State.Down) return;
    this.now = now;
    if (!this.disk.confirm(token)) return;
    sendPendingPromise(this, out);
    sendAck(this, out, false);
    if (this.state === State.Candidate) checkPhase1(this, out);
    else if (this.leading !== null) onSelfDurable(this, this.leading, out);
    this.flush(out);
  }

  // ---- what others may read ----

  get state(): State {
    return this.current;
  }

  /** This node's proposer while it leads (phase 2), else null. Not the leader's id, which is `leaderHint`. */
  get proposer(): Proposer | null {
    return this.leading;
  }

  get role(): Role {
    if (this.state === State.Down) return 'down';
    if (this.state === State.Leader) return 'leader';
    return this.state === State.Candidate ? 'candidate' : 'follower';
  }

  get term(): number {
    return this.promised;
  }

  /** The leader this node believes in (itself when leading), or -1. */
  get leaderHint(): number {
    return this.leader;
  }

  status(): { role: Role; term: number; leader: number; chosen: number } {
    return { role: this.role, term: this.promised, leader: this.leader, chosen: this.chosen };
  }

  peerIndex(node: number): number {
    return node < this.peerPos.length ? this.peerPos[node] : -1;
  }

  /** Write ops this node knows chosen, in slot order. */
  committedOps(): number[] {
    return this.log.writeOps(this.chosen);
  }

  // ---- ballots and roles ----

  /** Promises `ballot` (above any promised so far): slots matched in the old ballot no longer are. */
  promise(ballot: number): void {
    this.promised = ballot;
    if (ballot > this.maxSeen) this.maxSeen = ballot;
    this.matched = this.chosen;
    this.dirty = true;
  }

  becomeFollower(leader: number, out: Outbox): void {
    const wasLeader = this.leading !== null;
    if (wasLeader) this.stepDown(out);
    this.current = State.Follower;
    this.leader = leader;
    this.phase1 = null;
    this.noteRole(out);
    this.resetElectionTimer(out);
  }

  becomeCandidate(phase1: Phase1, out: Outbox): void {
    this.current = State.Candidate;
    this.leader = -1;
    this.phase1 = phase1;
    this.noteRole(out);
    out.electionStarted(phase1.ballot);
    this.resetElectionTimer(out);
  }

  becomeLeader(proposer: Proposer, out: Outbox): void {
    this.current = State.Leader;
    this.leader = this.id;
    this.phase1 = null;
    this.leading = proposer;
    this.noteRole(out);
    out.cancelTimer(TIMER_ELECTION);
    startBallot(this, proposer, out);
  }

  /** A leader leaving office answers every waiting client: their slots may or may not be chosen. */
  private stepDown(out: Outbox): void {
    const l = this.leading;
    if (l !== null) for (const attempt of l.pending.waiting()) out.reply(attempt, ReplyStatus.Unavailable, -1);
    this.leading = null;
    out.cancelTimer(TIMER_HEARTBEAT);
  }

  private noteRole(out: Outbox): void {
    const role = this.role;
    if (role === this.notedRole && this.promised === this.notedTerm) return;
    this.notedRole = role;
    this.notedTerm = this.promised;
    out.role(role, this.promised);
  }

  /** Draws a new randomized timeout in [min, max] and restarts the election timer. */
  resetElectionTimer(out: Outbox): void {
    const [min, max] = this.opts.electionTimeout;
    this.electionTimeout = min + Math.floor(out.random() * (Math.max(min, max) - min + 1));
    this.lastReset = this.now;
    out.setTimer(TIMER_ELECTION, this.electionTimeout);
  }

  private electionTimer(out: Outbox): void {
    if (this.state === State.Leader) return;
    const deadline = this.lastReset + this.electionTimeout;
    if (this.now < deadline) out.setTimer(TIMER_ELECTION, deadline - this.now);
    else campaign(this, out);
  }

  // ---- chosen slots ----

  advanceChosen(index: number, out: Outbox): void {
    this.chosen = index;
    if (this.leading !== null) this.leading.acks.dropBelow(index + 1);
    this.applyChosen(out);
  }

  private applyChosen(out: Outbox): void {
    if (this.applied >= this.chosen) return;
    const first = this.applied + 1;
    this.applied = this.chosen;
    out.commit(first, this.applied, this.committedView);
    const l = this.leading;
    if (l === null) return;
    answerApplied(l, this.log, first, this.applied, out);
    if (!l.served) this.noteServed(l, first, out);
  }

  /** The leader's first client write chosen in its ballot ends the failover that elected it. */
  private noteServed(l: Proposer, first: number, out: Outbox): void {
    for (let i = Math.max(first, l.ownFrom); i <= this.applied; i++) {
      if (this.log.writeOp(i) < 0) continue;
      l.served = true;
      out.served(this.promised);
      return;
    }
  }

  // ---- persistence ----

  /** One persist request per handler covers every change it made. */
  private flush(out: Outbox): void {
    if (!this.dirty) return;
    this.dirty = false;
    out.persist(this.disk.request(this.promised, this.matched, this.chosen, this.log.lastIndex));
  }
}

/** The nodes of one group of `n`, ids 0..n-1. */
export function paxosNodes(n: number, options: PaxosOptions): PaxosNode[] {
  const members = Array.from({ length: n }, (_, i) => i);
  return members.map((id) => new PaxosNode(id, members, options));
}
