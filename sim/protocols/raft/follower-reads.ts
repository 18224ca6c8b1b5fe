// Reads served by any member, not only the leader (followerReads). A read waits at the member
// until it knows an index that every write acknowledged before the read arrived is at or below,
// then is answered once the member has applied that far:
//   read-index  it asks the leader (thesis §6.4): the leader answers with its commit index once a
//               heartbeat round sent after the question is acknowledged by a quorum of voters.
//               One question in flight per member; reads arriving meanwhile share the next.
//   lease       a heartbeat sent (by the leader's clock) after the read arrived (by this member's
//               clock) carries the leader's commit index while the leader holds its lease; so a
//               clock that jumps makes these reads stale, as the model means it to.
//   stale       answered at once from what this member has applied (stale_reads counts them).
// Waiting reads sit in arrival order: the first `assigned` know their index, the rest do not yet.
import { CpuUse } from '../../net/cpu.js';
import { RecordFifo } from '../../core/record-fifo.js';
import type { FollowerReads } from '../../scenario/scenario.js';
import { ReplyStatus, type ClientRequest, type Outbox } from '../node.js';
import type { Heartbeat, ReadIndexRequest, ReadIndexResponse } from './messages.js';
import type { LeaderState } from './leader-state.js';
import type { RaftReplica } from './raft-replica.js';

/** Fields of a waiting read: attempt, key, arrival (local clock), the index it waits for. */
const STRIDE = 4;

export class WaitingReads {
  /** The latest applied write per key: the version a read served here returns. */
  readonly versions = new Map<number, number>();
  private readonly waiting = new RecordFifo(STRIDE);
  /** Waiting reads (from the oldest) whose index is known. */
  private assigned = 0;
  /** read-index: reads (after the assigned ones) the question in flight covers; 0: none in flight. */
  private asked = 0;
  private seq = 0;
  private askedAt = 0;

  constructor(readonly rule: FollowerReads) {}

  /** A read reached this member while it does not lead. */
  arrive(r: RaftReplica, req: ClientRequest, out: Outbox): void {
    if (this.rule === 'stale') return out.reply(req.attempt, ReplyStatus.Ok, this.versions.get(req.key) ?? 0);
    this.waiting.push(req.attempt, req.key, r.now, -1);
    if (this.rule === 'read-index' && this.asked === 0) this.ask(r, out);
  }

  /** Entries up to `index` were applied: the version each written key now has. */
  applied(key: number, index: number): void {
    this.versions.set(key, index);
  }

  /** Answers the waiting reads whose index this member has applied, oldest first. */
  serve(r: RaftReplica, out: Outbox): void {
    const w = this.waiting;
    while (this.assigned > 0 && w.data[w.head + 3] <= r.applied) {
      const key = w.data[w.head + 1];
      out.reply(w.data[w.head], ReplyStatus.Ok, this.versions.get(key) ?? 0);
      w.shift();
      this.assigned--;
    }
  }

  /** A leader was heard: ask again if a question is owed or its answer is overdue (lost, or
   *  sent to a leader that is gone). */
  leaderHeard(r: RaftReplica, out: Outbox): void {
    if (this.rule !== 'read-index' || this.unassigned() === 0) return;
    if (this.asked === 0 || r.now - this.askedAt > r.opts.electionTimeout[1]) this.ask(r, out);
  }

  onHeartbeat(r: RaftReplica, m: Heartbeat, out: Outbox): void {
    if (this.rule !== 'lease' || m.readIndex === undefined || m.readIndex < 0 || m.sentAt === undefined) return;
    const w = this.waiting;
    let at = w.head + this.assigned * STRIDE;
    while (at < w.end && w.data[at + 2] <= m.sentAt) {
      w.data[at + 3] = m.readIndex;
      this.assigned++;
      at += STRIDE;
    }
    this.serve(r, out);
  }

  onReadIndex(r: RaftReplica, m: ReadIndexResponse, out: Outbox): void {
    if (this.asked === 0 || m.seq !== this.seq) return; // an answer to a question asked again since
    const w = this.waiting;
    for (let k = 0, at = w.head + this.assigned * STRIDE; k < this.asked; k++, at += STRIDE) w.data[at + 3] = m.index;
    this.assigned += this.asked;
    this.asked = 0;
    if (this.unassigned() > 0) this.ask(r, out);
    this.serve(r, out);
  }

  /** This member now leads: its waiting reads are answered Unavailable (the client retries). */
  dropWaiting(out: Outbox): void {
    const w = this.waiting;
    for (let at = w.head; at < w.end; at += STRIDE) out.reply(w.data[at], ReplyStatus.Unavailable, -1);
    w.clear();
    this.assigned = this.asked = 0;
  }

  /** A crash: everything here is volatile (versions come back as the log is applied again). */
  crash(): void {
    this.waiting.clear();
    this.versions.clear();
    this.assigned = this.asked = 0;
  }

  private unassigned(): number {
    return this.waiting.size - this.assigned;
  }

  private ask(r: RaftReplica, out: Outbox): void {
    if (r.leader < 0 || r.leader === r.id) return; // asked once a leader is heard
    this.asked = this.unassigned();
    this.askedAt = r.now;
    const m: ReadIndexRequest = { type: 'ReadIndex', group: r.group, term: r.term, seq: ++this.seq, entries: 0, use: CpuUse.Requests };
    out.send(r.leader, m);
  }
}

/** The leader: a member asks for a read index; it is answered after the next quorum round. */
export function onReadIndexRequest(l: LeaderState, from: number, m: ReadIndexRequest): void {
  l.readAsks.push(from, m.seq, l.round + 1);
}

/** The leader: answers the questions a round a quorum acknowledged has confirmed (a round sent
 *  after they arrived), once it has committed an entry of its own term. */
export function answerReadIndex(r: RaftReplica, l: LeaderState, out: Outbox): void {
  const asks = l.readAsks;
  if (asks.length === 0 || r.commitIndex < l.termStart) return;
  let kept = 0;
  for (let i = 0; i < asks.length; i += 3) {
    if (asks[i + 2] > l.quorumRound) {
      asks[kept++] = asks[i];
      asks[kept++] = asks[i + 1];
      asks[kept++] = asks[i + 2];
      continue;
    }
    const m: ReadIndexResponse = {
      type: 'ReadIndexResp',
      group: r.group,
      term: r.term,
      seq: asks[i + 1],
      index: r.commitIndex,
      entries: 0,
      use: CpuUse.Requests,
    };
    out.send(asks[i], m);
  }
  asks.length = kept;
}
