// Everything only a leader keeps, for one term: created on election, dropped on stepping down
// or crashing (all of it is volatile).
import { RecordFifo } from '../../core/record-fifo.js';
import { AckCounter } from './ack-counter.js';
import type { AppendEntries, Heartbeat } from './messages.js';
import { Progress } from './progress.js';
import type { RelayPlan } from './relays.js';

/** Heartbeat rounds remembered for the lease: older answers are too late to matter. */
const ROUNDS = 16;

export class LeaderState {
  readonly progress: Progress;
  readonly acks: AckCounter;
  /** Highest index held by a quorum; only ≥ termStart may be committed by counting (§5.4.2). */
  quorumIndex: number;
  /** Index of this term's no-op: the first entry of the leader's own term. */
  termStart = 0;
  /** How much of its own log the leader has on disk (its own acknowledgement). */
  selfMatch = 0;
  /** Client attempts waiting for their entry to commit, by log index. */
  readonly pending = new PendingReplies();
  /** Index of the latest applied write per key: the version a read returns. */
  readonly lastWrite = new Map<number, number>();
  // Heartbeat rounds: when each was sent and how many replicas (self included) answered.
  round = 0;
  private readonly roundSentAt = new Float64Array(ROUNDS);
  private readonly roundAcks = new Int32Array(ROUNDS);
  /** Send time of the latest round a quorum answered: followers heard us no earlier than this. */
  quorumHeardAt = -Infinity;
  /** The latest round a quorum answered (read-index questions wait for one sent after them). */
  quorumRound = 0;
  /** Read-index questions waiting for a round: (member, its question's seq, the round needed). */
  readonly readAsks: number[] = [];
  /** A Ready step is queued (Outbox.deferTimer): sends wait for it. */
  readyQueued = false;
  /** The follower the next Ready step looks at first. */
  readyCursor = 0;
  /** Last AppendEntries / Heartbeat built, reused while the next one would be identical. */
  lastAppend: AppendEntries | null = null;
  lastHeartbeat: Heartbeat | null = null;
  /** relays: this round's relays and the envelopes being filled; null without relays. */
  relays: RelayPlan | null = null;

  constructor(
    peers: number,
    window: number,
    lastIndex: number,
    commitIndex: number,
    readonly since: number,
  ) {
    this.progress = new Progress(peers, window, lastIndex + 1);
    this.acks = new AckCounter(commitIndex + 1);
    this.quorumIndex = commitIndex;
  }

  /** Starts a heartbeat round at `now`; the leader counts as its first answer. */
  startRound(now: number, quorum: number): number {
    const r = ++this.round;
    this.roundSentAt[r % ROUNDS] = now;
    this.roundAcks[r % ROUNDS] = 1;
    if (quorum <= 1) {
      this.quorumHeardAt = now;
      this.quorumRound = r;
    }
    return r;
  }

  /** A follower answered heartbeat round `r`. */
  roundAnswered(r: number, quorum: number): void {
    if (r <= 0 || r > this.round || this.round - r >= ROUNDS) return;
    const slot = r % ROUNDS;
    if (++this.roundAcks[slot] >= quorum) {
      if (this.roundSentAt[slot] > this.quorumHeardAt) this.quorumHeardAt = this.roundSentAt[slot];
      if (r > this.quorumRound) this.quorumRound = r;
    }
  }

  /** For checkQuorum: when did a quorum last hear from us (the election counts as contact). */
  lastQuorumContact(): number {
    return Math.max(this.quorumHeardAt, this.since);
  }
}

/**
 * The attempts a leader owes an answer, in log order. A leader appends at lastIndex + 1, above
 * anything applied, and applies every index in turn, so the entry it applies next is always
 * the oldest one waiting here: a FIFO, not a map (one of these per shard leader, every write).
 */
export class PendingReplies {
  /** (log index, attempt) records. */
  private readonly fifo = new RecordFifo(2);

  get size(): number {
    return this.fifo.size;
  }

  add(index: number, attempt: number): void {
    this.fifo.push(index, attempt);
  }

  /** Removes and returns the attempt waiting for entry `index`, or -1 when none waits for it. */
  take(index: number): number {
    const f = this.fifo;
    if (f.empty || f.data[f.head] !== index) return -1;
    const attempt = f.data[f.head + 1];
    f.shift();
    return attempt;
  }

  /** Every attempt still waiting, oldest entry first. */
  waiting(): number[] {
    const { data, head, end } = this.fifo;
    const attempts: number[] = [];
    for (let i = head; i < end; i += 2) attempts.push(data[i + 1]);
    return attempts;
  }
}
