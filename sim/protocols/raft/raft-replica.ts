// One Raft replica of one replication group: a pure state machine in the style of etcd-io/raft.
// Inputs are messages, timers, client requests and disk confirmations; effects go to the Outbox.
// A physical node may host several replicas (sharded-raft): every message carries `group`, and
// timers use ids timerBase + TIMER_ELECTION / TIMER_HEARTBEAT. The protocol is split by concept:
// step.ts (the term rule, routing), election.ts (votes, pre-votes), replication.ts (the leader),
// follower.ts (AppendEntries and heartbeats received), service.ts (clients, apply); this file
// holds the state, role changes, timers and persistence.
// As in etcd, the role changes only in the become* methods below (crash included), and
// everything only a leader has lives in one LeaderState that exists exactly while it leads;
// handlers that only a leader runs receive it as an argument.
// Fields are public for those sibling modules only; other code uses the methods and getters.
import type { RaftOptions } from '../../scenario/scenario.js';
import { ReplyStatus, type ClientRequest, type Outbox, type Role } from '../node.js';
import { AcksOwed } from './acks-owed.js';
import { Durability } from './durability.js';
import { WaitingReads } from './follower-reads.js';
import { Aggregation, collect, onRelayEnvelope, pickRelays, RelayPlan, relayTimer, sendToLeader, type RelayMessage } from './relays.js';
import { campaign, checkElected } from './election.js';
import { LeaderState } from './leader-state.js';
import { RaftLog } from './log.js';
import { appendResponse, voteResponse, type RaftMessage } from './messages.js';
import { onSelfDurable, ready, sendHeartbeats, startTerm } from './replication.js';
import { applyCommitted, serve } from './service.js';
import { State, TIMER_ELECTION, TIMER_HEARTBEAT, TIMER_READY, TIMER_RELAY } from './state.js';
import { dispatch, stepTerm } from './step.js';

export { State } from './state.js';

export interface RaftReplicaConfig {
  id: number;
  /** Node ids of the group, this replica included. */
  members: readonly number[];
  group: number;
  timerBase: number;
  options: RaftOptions;
  /** Deliberate protocol bugs, for proving that the invariant checks can fail. */
  unsafe?: { commitWithoutMajority?: boolean };
  /** The preferred leader (sharded-raft spreads its shards' leaders this way): after a boot its
   *  first election timeout is drawn from [min/2, min), so it usually stands first and wins.
   *  Only timing changes, never safety. */
  preferred?: boolean;
}

export class RaftReplica {
  readonly id: number;
  readonly group: number;
  readonly timerBase: number;
  readonly peers: readonly number[];
  /** The peers that vote (all of them without learners): vote requests go only to these. */
  readonly voterPeers: readonly number[];
  /** Per peer index: 1 when that peer votes, so its acknowledgements count for commit. */
  readonly peerVotes: Uint8Array;
  /** A non-voting member (the last `learners` of the group): it never campaigns nor votes. */
  readonly learner: boolean;
  /** A majority of the voters. */
  readonly quorum: number;
  readonly opts: RaftOptions;
  readonly unsafeCommit: boolean;
  private readonly preferred: boolean;
  private readonly peerPos: Int32Array;
  // Persistent state (what reaches the disk is tracked by `disk`).
  term = 0;
  votedFor = -1;
  readonly log = new RaftLog();
  readonly disk = new Durability();
  // Volatile state.
  private current = State.Down;
  leader = -1;
  commitIndex = 0;
  applied = 0;
  now = 0;
  electionTimeout = 0;
  /** Last time the election timer was reset; the timer re-arms lazily when it fires early. */
  lastReset = 0;
  /** Last message from a leader (boot counts, so a restarted node cannot break a lease). */
  leaderHeardAt = -Infinity;
  /** Votes (or pre-votes) granted by peers in the current round. */
  votes = 0;
  private leading: LeaderState | null = null;
  /** A vote granted but not yet durable: it is sent once term and vote are on disk. */
  pendingVoteFor = -1;
  readonly acks = new AcksOwed();
  /** Reads served here while not leading (followerReads), or null: reads go to the leader. */
  readonly reads: WaitingReads | null;
  /** relays: the member the leader's latest message came through (answers go back that way), or -1. */
  relayVia = -1;
  /** relays: what this member, as a relay, collects for the leader. */
  readonly relaying = new Aggregation();
  /** Client requests admitted and not yet handled (they wait for the CPU). */
  private queued = 0;
  /** Persistent state changed since the last persist request. */
  dirty = false;
  private notedRole: Role | null = null;
  private notedTerm = -1;

  constructor(cfg: RaftReplicaConfig) {
    this.id = cfg.id;
    this.group = cfg.group;
    this.timerBase = cfg.timerBase;
    this.peers = cfg.members.filter((m) => m !== cfg.id);
    const voters = cfg.members.slice(0, cfg.members.length - (cfg.options.learners ?? 0));
    const votes = voters.length === cfg.members.length ? null : new Set(voters);
    this.learner = votes !== null && !votes.has(cfg.id);
    this.voterPeers = votes === null ? this.peers : voters.filter((m) => m !== cfg.id);
    this.peerVotes = Uint8Array.from(this.peers, (m) => (votes === null || votes.has(m) ? 1 : 0));
    this.quorum = Math.floor(voters.length / 2) + 1;
    this.opts = { ...cfg.options, maxBatch: Math.max(1, cfg.options.maxBatch), pipeline: Math.max(1, cfg.options.pipeline) };
    this.unsafeCommit = cfg.unsafe?.commitWithoutMajority === true;
    this.preferred = cfg.preferred === true;
    this.reads = cfg.options.followerReads === undefined ? null : new WaitingReads(cfg.options.followerReads);
    this.peerPos = new Int32Array(Math.max(0, ...cfg.members) + 1).fill(-1);
    this.peers.forEach((node, p) => (this.peerPos[node] = p));
  }

  // ---- inputs ----

  start(now: number, out: Outbox): void {
    this.now = now;
    this.leaderHeardAt = now;
    this.becomeFollower(this.term, -1, out);
    if (this.preferred && !this.learner) {
      const min = this.opts.electionTimeout[0];
      this.electionTimeout = Math.floor(min / 2 + out.random() * (min / 2));
      out.setTimer(this.timerBase + TIMER_ELECTION, this.electionTimeout);
    }
  }

  /** Volatile state is lost; the log falls back to what is durable. */
  crash(): void {
    this.current = State.Down;
    this.log.truncate(this.disk.length);
    this.term = this.disk.term;
    this.votedFor = this.disk.vote;
    this.disk.crash();
    this.leading = null;
    this.leader = -1;
    this.commitIndex = this.applied = 0;
    this.votes = 0;
    this.pendingVoteFor = -1;
    this.queued = 0; // the engine drops what was queued
    this.acks.clear();
    this.reads?.crash();
    this.relayVia = -1;
    this.relaying.reset(-1, -1);
    this.relaying.timerSet = false;
    this.dirty = false;
    this.notedRole = null;
  }

  /**
   * Load shedding (maxPending): a leader that holds maxPending proposals — entries not yet
   * committed, and requests admitted but still queued for its CPU — refuses more at once,
   * instead of queueing work its clients will have given up on by the time it commits.
   */
  admit(write: boolean): boolean {
    const cap = this.opts.maxPending;
    if (cap === 0) return true;
    if (!write && this.opts.leaseReads) return true; // a lease read appends nothing (mostly)
    if (this.leading !== null && this.log.lastIndex - this.commitIndex + this.queued >= cap) return false;
    this.queued++;
    return true;
  }

  request(now: number, req: ClientRequest, out: Outbox): void {
    if (this.queued > 0 && (req.write || !this.opts.leaseReads)) this.queued--; // as admit counted it
    if (this.state === State.Down) return;
    this.now = now;
    serve(this, req, out);
    this.flush(out);
  }

  message(now: number, from: number, msg: RaftMessage | RelayMessage, out: Outbox): void {
    if (this.state === State.Down || msg.group !== this.group) return;
    this.now = now;
    this.receive(from, msg, out);
    this.flush(out);
  }

  /** Unwraps what came through a relay (relays on), as if it came from the leader itself. */
  private receive(from: number, msg: RaftMessage | RelayMessage, out: Outbox, via = -1): void {
    switch (msg.type) {
      case 'Forward':
        return this.receive(msg.leader, msg.inner, out, from);
      case 'Relay':
        return onRelayEnvelope(this, from, msg, out, (inner) => this.receive(from, inner, out, this.id));
      case 'RelayReply':
        return collect(this, from, msg.inner, out);
      case 'RelayAggregate':
        for (let i = 0; i < msg.origins.length; i++) this.receive(msg.origins[i], msg.answers[i], out);
        return;
      default:
        // answers go back the way the leader's message came: through `via`, or straight
        if (msg.type === 'AppendEntries' || msg.type === 'Heartbeat') this.relayVia = via;
        else if (via < 0) this.leading?.relays?.heard(this.peerIndex(from), this.now); // an answer, alone or aggregated
        if (stepTerm(this, from, msg, out)) dispatch(this, from, msg, out);
    }
  }

  timer(now: number, id: number, out: Outbox): void {
    if (this.state === State.Down) return;
    this.now = now;
    const k = id - this.timerBase;
    if (k === TIMER_ELECTION) this.electionTimer(out);
    else if (k === TIMER_HEARTBEAT && this.leading !== null) sendHeartbeats(this, this.leading, out);
    else if (k === TIMER_READY && this.leading !== null) ready(this, this.leading, out);
    else if (k === TIMER_RELAY) relayTimer(this, out);
    this.flush(out);
  }

  persisted(now: number, token: number, out: Outbox): void {
    if (this.state === State.Down) return;
    this.now = now;
    if (!this.disk.confirm(token)) return;
    this.sendPendingVote(out);
    this.sendPendingAck(out);
    if (this.state === State.Candidate) checkElected(this, out);
    else if (this.leading !== null) onSelfDurable(this, this.leading, out);
    this.flush(out);
  }

  // ---- what others may read ----

  get state(): State {
    return this.current;
  }

  /** What only the leader keeps (its followers' Progress, pending replies, reads): non-null
   *  exactly while this replica leads. Not the leader's id, which is `leader`. */
  get leaderState(): LeaderState | null {
    return this.leading;
  }

  get role(): Role {
    if (this.state === State.Down) return 'down';
    if (this.state === State.Leader) return 'leader';
    return this.state === State.Candidate ? 'candidate' : 'follower';
  }

  /** Write ops this replica knows to be committed, in log order. */
  committedOps(): number[] {
    return this.log.writeOps(this.commitIndex);
  }

  peerIndex(node: number): number {
    return node < this.peerPos.length ? this.peerPos[node] : -1;
  }

  /**
   * With checkQuorum or lease reads, a replica that heard from a leader within the minimum
   * election timeout (or is the leader) ignores vote requests: this is what makes a lease safe —
   * no quorum can elect anyone else until a lease its members acknowledged has run out.
   */
  inLease(): boolean {
    if (!this.opts.checkQuorum && !this.opts.leaseReads && this.opts.followerReads !== 'lease') return false;
    return this.state === State.Leader || this.now - this.leaderHeardAt < this.opts.electionTimeout[0];
  }

  // ---- roles and timers ----

  /**
   * `keepTimer`: a higher-term RequestVote that we may well reject must not restart our
   * election timer (Raft's Figure 2 resets it only for the current leader or a granted vote);
   * otherwise a candidate with a stale log, campaigning again and again, keeps the nodes that
   * could win from ever timing out, and failovers drag on for seconds.
   */
  becomeFollower(term: number, leader: number, out: Outbox, keepTimer = false): void {
    const wasLeader = this.leading !== null;
    if (term > this.term) {
      this.term = term;
      this.votedFor = -1;
      this.pendingVoteFor = -1;
      this.dirty = true;
    }
    if (wasLeader) this.stepDown(out);
    this.current = State.Follower;
    this.leader = leader;
    this.votes = 0;
    this.noteRole(out);
    if (!keepTimer || wasLeader) this.resetElectionTimer(out);
  }

  /** A pre-vote round: no term changes, so a node cut off cannot inflate terms (thesis §9.6). */
  becomePreCandidate(out: Outbox): void {
    this.current = State.PreCandidate;
    this.leader = -1;
    this.votes = 0;
    this.noteRole(out);
    this.resetElectionTimer(out);
  }

  /** A real round: a new term and a vote for ourselves (counted once it is durable). */
  becomeCandidate(out: Outbox): void {
    this.term++;
    this.votedFor = this.id;
    this.dirty = true;
    this.current = State.Candidate;
    this.leader = -1;
    this.votes = 0;
    this.pendingVoteFor = -1;
    this.noteRole(out);
    out.electionStarted(this.term, this.group);
    this.resetElectionTimer(out);
  }

  becomeLeader(out: Outbox): void {
    this.current = State.Leader;
    this.leader = this.id;
    this.votes = 0;
    this.noteRole(out);
    out.cancelTimer(this.timerBase + TIMER_ELECTION);
    const l = new LeaderState(this.peers.length, this.opts.pipeline, this.log.lastIndex, this.commitIndex, this.now);
    this.leading = l;
    if (this.opts.relays !== undefined) {
      l.relays = new RelayPlan(this.opts.relays, this.peers, this.now);
      pickRelays(this, l);
    }
    this.reads?.dropWaiting(out);
    startTerm(this, l, out);
  }

  /** A leader leaving office answers every waiting client: its entries may or may not commit. */
  private stepDown(out: Outbox): void {
    const l = this.leading;
    if (l !== null) for (const attempt of l.pending.waiting()) out.reply(attempt, ReplyStatus.Unavailable, -1);
    this.leading = null;
    out.cancelTimer(this.timerBase + TIMER_HEARTBEAT);
  }

  noteRole(out: Outbox): void {
    const role = this.role;
    if (role === this.notedRole && this.term === this.notedTerm) return;
    this.notedRole = role;
    this.notedTerm = this.term;
    out.role(role, this.term, this.group);
  }

  /** Draws a new randomized timeout in [min, max] and restarts the election timer (a learner
   *  never campaigns, so it keeps none). */
  resetElectionTimer(out: Outbox): void {
    if (this.learner) return;
    const [min, max] = this.opts.electionTimeout;
    this.electionTimeout = min + Math.floor(out.random() * (Math.max(min, max) - min + 1));
    this.lastReset = this.now;
    out.setTimer(this.timerBase + TIMER_ELECTION, this.electionTimeout);
  }

  /** Followers do not re-arm the timer on every message; it fires and re-arms if reset since. */
  private electionTimer(out: Outbox): void {
    if (this.state === State.Leader || this.learner) return;
    const deadline = this.lastReset + this.electionTimeout;
    if (this.now < deadline) out.setTimer(this.timerBase + TIMER_ELECTION, deadline - this.now);
    else campaign(this, out);
  }

  // ---- persistence ----

  /** One persist request per handler covers every change it made. */
  private flush(out: Outbox): void {
    if (!this.dirty) return;
    this.dirty = false;
    out.persist(this.disk.request(this.term, this.votedFor, this.log.lastIndex));
  }

  sendPendingVote(out: Outbox): void {
    const c = this.pendingVoteFor;
    if (c < 0 || this.disk.term !== this.term || this.disk.vote !== c) return;
    this.pendingVoteFor = -1;
    out.send(c, voteResponse('RequestVoteResp', this.group, this.term, true));
  }

  /** Acknowledges the durable part of what was accepted; the rest stays owed. */
  sendPendingAck(out: Outbox): void {
    const durable = this.acks.take(this.term, this.disk);
    if (durable >= 0) sendToLeader(this, this.acks.leader, appendResponse(this.group, this.term, true, durable), out);
  }

  truncateLog(lastKept: number): void {
    this.log.truncate(lastKept);
    this.disk.truncated(lastKept);
    // Only a broken protocol (the unsafe flag) truncates committed entries; keep running so
    // the invariant checker sees the damage instead of a crash.
    if (this.commitIndex > lastKept) this.commitIndex = lastKept;
    if (this.applied > lastKept) this.applied = lastKept;
  }

  // ---- commit ----

  advanceCommit(index: number, out: Outbox): void {
    this.commitIndex = index;
    if (this.leading !== null) this.leading.acks.dropBelow(index + 1);
    applyCommitted(this, out);
  }
}
