// Relays (PigPaxos, Charapko, Ailijiang, Demirbas, SIGMOD 2021): the leader splits the other
// members into `relays` fixed groups (peer p in group p mod G) and, each heartbeat round, picks one
// member of each group at random as its relay. What the leader would send to the members of a
// group (AppendEntries, heartbeats) goes to the relay in one envelope; the relay forwards each
// member its message, and the members answer the relay, which sends the leader one aggregate
// once all have answered or RELAY_TIMEOUT_FRACTION of a heartbeat interval has passed. A relay
// that crashed silences its group for one round; the next round picks another.
// The leader then pays per group, not per member: one envelope out (perMessage + perEntry × the
// entries it carries once) and one aggregate in (perMessage + perEntry × its distinct answers).
import { CpuUse } from '../../net/cpu.js';
import type { Message, Outbox } from '../node.js';
import type { LeaderState } from './leader-state.js';
import type { RaftMessage } from './messages.js';
import type { RaftReplica } from './raft-replica.js';
import { TIMER_RELAY } from './state.js';

/** How long a relay waits for its group, as a fraction of the heartbeat interval. */
const RELAY_TIMEOUT_FRACTION = 0.5;

/** Leader → relay: each target's message (the relay may be one of the targets). */
export interface RelayEnvelope extends Message {
  readonly type: 'Relay';
  readonly group: number;
  readonly term: number;
  readonly targets: readonly number[];
  readonly msgs: readonly RaftMessage[];
}

/** Relay → member: the leader's message, to be answered through the relay. */
interface Forwarded extends Message {
  readonly type: 'Forward';
  readonly group: number;
  readonly term: number;
  readonly leader: number;
  readonly inner: RaftMessage;
}

/** Member → relay: its answer to the leader. */
interface RelayReply extends Message {
  readonly type: 'RelayReply';
  readonly group: number;
  readonly term: number;
  readonly inner: RaftMessage;
}

/** Relay → leader: the answers of its group (origins[i] sent answers[i]). */
interface RelayAggregate extends Message {
  readonly type: 'RelayAggregate';
  readonly group: number;
  readonly term: number;
  readonly origins: readonly number[];
  readonly answers: readonly RaftMessage[];
}

export type RelayMessage = RelayEnvelope | Forwarded | RelayReply | RelayAggregate;

/** The leader's side: the current relay of each group and the envelopes being filled. */
export class RelayPlan {
  readonly relayOf: Int32Array;
  /** By peer index: when the leader last heard it (in an aggregate), when it was last picked as a
   *  relay, and whether it stayed silent as one (then it is passed over until it is heard). */
  private readonly heardAt: Float64Array;
  private readonly pickedAt: Float64Array;
  private readonly suspect: Uint8Array;
  private readonly relayIndex: Int32Array;
  /** Groups sent to directly this round: none of their members was heard lately. */
  private readonly direct: Uint8Array;
  private readonly targets: number[][];
  private readonly msgs: RaftMessage[][];

  constructor(
    private readonly groups: number,
    private readonly peers: readonly number[],
    now: number,
  ) {
    this.relayOf = new Int32Array(groups);
    this.relayIndex = new Int32Array(groups).fill(-1);
    this.heardAt = new Float64Array(peers.length).fill(now);
    this.pickedAt = new Float64Array(peers.length).fill(-Infinity);
    this.suspect = new Uint8Array(peers.length);
    this.direct = new Uint8Array(groups);
    this.targets = Array.from({ length: groups }, () => []);
    this.msgs = Array.from({ length: groups }, () => []);
  }

  /** A new round: one member per group, drawn from a stream of its own (a hash of who leads,
   *  the term and the round), so relays never move the node's other draws. A relay of the last
   *  round that was not heard since is suspect and passed over (a silent relay is replaced), as
   *  is any member not heard within `recent`; a group with no member left to pick is sent to
   *  directly for the round, which tells the leader who in it is alive. */
  pick(id: number, term: number, round: number, now: number, recent: number): void {
    for (let g = 0; g < this.groups; g++) {
      const last = this.relayIndex[g];
      if (last >= 0 && this.heardAt[last] < this.pickedAt[last]) this.suspect[last] = 1;
      const size = Math.ceil((this.peers.length - g) / this.groups);
      const first = Math.floor(hashUnit(id, term, round, g) * size);
      let p = -1;
      for (let j = 0; j < size && p < 0; j++) {
        const q = g + ((first + j) % size) * this.groups;
        if (this.suspect[q] === 0 && now - this.heardAt[q] <= recent) p = q;
      }
      this.direct[g] = p < 0 ? 1 : 0;
      this.relayIndex[g] = p;
      if (p < 0) continue;
      this.pickedAt[p] = now;
      this.relayOf[g] = this.peers[p];
    }
  }

  /** Whether peer index p's group goes without a relay this round. */
  isDirect(p: number): boolean {
    return this.direct[p % this.groups] === 1;
  }

  /** The leader heard peer index p (its answer came in an aggregate). */
  heard(p: number, now: number): void {
    if (p < 0) return;
    this.heardAt[p] = now;
    this.suspect[p] = 0;
  }

  /** Queues `msg` for peer index p (its group has a relay this round). */
  add(p: number, msg: RaftMessage): void {
    const g = p % this.groups;
    this.targets[g].push(this.peers[p]);
    this.msgs[g].push(msg);
  }

  /** Sends each group's envelope to its relay. */
  flush(r: RaftReplica, out: Outbox): void {
    for (let g = 0; g < this.groups; g++) {
      const msgs = this.msgs[g];
      if (msgs.length === 0) continue;
      let entries = 0;
      for (let i = 0; i < msgs.length; i++) if (i === 0 || msgs[i] !== msgs[i - 1]) entries += msgs[i].entries;
      const envelope: RelayEnvelope = {
        type: 'Relay',
        group: r.group,
        term: r.term,
        targets: this.targets[g],
        msgs,
        entries,
        use: msgs[0].use,
      };
      out.send(this.relayOf[g], envelope);
      this.targets[g] = [];
      this.msgs[g] = [];
    }
  }
}

/** A relay: forwards each member its message; its own is handled here, answered into its aggregate. */
export function onRelayEnvelope(r: RaftReplica, from: number, m: RelayEnvelope, out: Outbox, handle: (inner: RaftMessage) => void): void {
  const agg = r.relaying;
  if (agg.leader !== from || agg.term !== m.term) agg.reset(from, m.term);
  for (let i = 0; i < m.targets.length; i++) {
    agg.expected++;
    const inner = m.msgs[i];
    if (m.targets[i] === r.id) {
      handle(inner);
    } else {
      const f: Forwarded = { type: 'Forward', group: r.group, term: m.term, leader: from, inner, entries: inner.entries, use: inner.use };
      out.send(m.targets[i], f);
    }
  }
  if (!agg.timerSet) {
    agg.timerSet = true;
    out.setTimer(r.timerBase + TIMER_RELAY, Math.max(1, Math.floor(r.opts.heartbeat * RELAY_TIMEOUT_FRACTION)));
  }
  flushIfComplete(r, out);
}

/** An answer for the leader: through the relay its message came by, else straight. */
export function sendToLeader(r: RaftReplica, leader: number, msg: RaftMessage, out: Outbox): void {
  if (r.relayVia < 0 || leader !== r.leader) return out.send(leader, msg);
  if (r.relayVia === r.id) return collect(r, r.id, msg, out);
  const reply: RelayReply = { type: 'RelayReply', group: r.group, term: r.term, inner: msg, entries: 0, use: msg.use };
  out.send(r.relayVia, reply);
}

/** A relay received a member's answer. */
export function collect(r: RaftReplica, origin: number, answer: RaftMessage, out: Outbox): void {
  const agg = r.relaying;
  if (agg.leader < 0) return out.send(r.leader >= 0 ? r.leader : origin, answer); // not relaying (any more)
  agg.origins.push(origin);
  agg.answers.push(answer);
  flushIfComplete(r, out);
}

function flushIfComplete(r: RaftReplica, out: Outbox): void {
  if (r.relaying.answers.length >= r.relaying.expected) flushAggregate(r, out);
}

/** Sends what the group answered (the relay's timer, or everyone answered). */
function flushAggregate(r: RaftReplica, out: Outbox): void {
  const agg = r.relaying;
  if (agg.answers.length > 0) {
    const m: RelayAggregate = {
      type: 'RelayAggregate',
      group: r.group,
      term: agg.term,
      origins: agg.origins,
      answers: agg.answers,
      entries: distinctAnswers(agg.answers),
      use: agg.answers[0].use ?? CpuUse.Replication,
    };
    out.send(agg.leader, m);
  }
  agg.origins = [];
  agg.answers = [];
  agg.expected = 0;
}

/** The aggregate says "these members acknowledged index i" once per distinct answer (a list of
 *  members per answer, as PigPaxos aggregates votes): its size, for the CPU model, counts the
 *  distinct answers in a row, which in a group that keeps up is one or two. */
function distinctAnswers(answers: readonly RaftMessage[]): number {
  let distinct = 0;
  let last = '';
  for (const a of answers) {
    const key = answerKey(a);
    if (key !== last) distinct++;
    last = key;
  }
  return distinct;
}

function answerKey(a: RaftMessage): string {
  if (a.type === 'AppendEntriesResp') return `a${a.term}/${a.success ? a.index : -a.rejected}`;
  if (a.type === 'HeartbeatResp') return `h${a.term}/${a.round}/${a.match}`;
  return a.type;
}

/** What a relay is collecting for the leader. */
export class Aggregation {
  leader = -1;
  term = -1;
  expected = 0;
  timerSet = false;
  origins: number[] = [];
  answers: RaftMessage[] = [];

  reset(leader: number, term: number): void {
    this.leader = leader;
    this.term = term;
    this.expected = 0;
    this.origins = [];
    this.answers = [];
  }
}

/** The relay timer fired: send what arrived. */
export function relayTimer(r: RaftReplica, out: Outbox): void {
  r.relaying.timerSet = false;
  flushAggregate(r, out);
}

/** Leader: starts a round's relays (on election and every heartbeat). */
export function pickRelays(r: RaftReplica, l: LeaderState): void {
  l.relays?.pick(r.id, r.term, l.round, r.now, 2 * r.opts.heartbeat);
}

/** A uniform number in [0, 1) from four integers (a mix of murmur3's finalizer). */
function hashUnit(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(d + 1, 0x27d4eb2f), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
