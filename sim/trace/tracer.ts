// Records a run's time window for the replay page. It follows roles, liveness and election
// timers from the start (so the window opens on the true state), and records events only
// inside [from, to]. Busy traffic is thinned to stay within a few MB whatever the cluster size:
// votes, roles, faults and crashes are always kept; appends, heartbeats and client traffic keep
// one in `every` (doubling as needed); log and timer changes are kept at most once per quantum
// per node, so a 1000-node group costs no more than a 5-node one.
import type { TraceHooks } from '../engine/trace-hooks.js';
import type { FaultMarker } from '../metrics/run-result.js';
import type { Message, ProtocolNode, Role } from '../protocols/node.js';
import type { Micros } from '../scenario/scenario.js';
import { isVoteResponse, type RaftReplica, type VoteResponse } from '../protocols/raft/index.js';
import { electionDeadline, logOf } from './probe.js';
import { LEARNER_INDEX, LEARNER_ROLE_NAMES, MSG_KINDS, REC, ROLE_NAMES, type MsgKind, type Trace } from './trace.js';
import { ThinnedRecords } from './thinned.js';

const voteRecord = (from: number, to: number, msg: VoteResponse, departAt: Micros, flight: Micros): number[] => [
  departAt,
  flight,
  from,
  to,
  msg.group,
  msg.term,
  msg.granted ? 1 : 0,
  msg.type === 'PreVoteResp' ? 1 : 0,
];

export interface TraceTarget {
  scenario: string;
  variant: string;
  kind: string;
  seed: number;
  trial: number;
  point: string;
  hasLeader: boolean;
  from: Micros;
  to: Micros;
}

/** What the tracer may read of the running simulation (read-only). */
export interface TracedRun {
  nodes: readonly ProtocolNode[];
  /** The Raft replicas a node hosts, by group (none for nodes without a log). */
  replicasOf(node: number): readonly (RaftReplica | undefined)[];
  /** What kind a message type is, for its colour. */
  messageKind(type: string): MsgKind;
  connected(from: number, to: number): boolean;
  /** The node's clock reading at true time t (protocol timers run on it). */
  local(node: number, t: Micros): Micros;
  faults(): readonly FaultMarker[];
}

const MAX_MSGS = 40_000;
const MAX_CLIENTS = 12_000;
/** Log and timer records per window, whatever the number of nodes. */
const STATE_BUDGET = 40_000;

export class Tracer implements TraceHooks {
  private readonly n: number;
  private readonly groups: number;
  private readonly quantum: Micros;
  private readonly roleOf = new Map<number, [number, number]>();
  /** Election deadline shown per (node, group); -1 none (leading, down). */
  private readonly deadline: Float64Array;
  private readonly up: Uint8Array;
  private opened = false;
  private readonly init: Trace['init'] = { up: [], roles: [], logs: [], timers: [], cuts: [] };
  private readonly roles: number[] = [];
  private readonly elections: number[] = [];
  private readonly timers: number[] = [];
  private readonly logs: number[] = [];
  private readonly logShown: Int32Array;
  private readonly probedAt: Float64Array;
  private readonly msgs = new ThinnedRecords(REC.msg, MAX_MSGS);
  private readonly clients = new ThinnedRecords(REC.client, MAX_CLIENTS);
  private readonly updown: number[] = [];
  private readonly votes: number[] = [];
  /** Vote answers from before the window: per candidate and group, those of its latest term. */
  private readonly earlyVotes = new Map<number, number[]>();
  private readonly ejections: number[] = [];
  private readonly faults: Trace['faults'] = [];
  private readonly cuts: Trace['cuts'] = [];
  private faultsSeen = 0;
  private lastCuts = '';
  private readonly msgTypes: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly voteTypes = new Set<number>();
  /** (node, group) keys of learner replicas: their follower state is drawn as `learner`. */
  private readonly learners = new Set<number>();

  constructor(
    private readonly target: TraceTarget,
    private readonly run: TracedRun,
  ) {
    this.n = run.nodes.length;
    this.groups = Math.max(target.hasLeader ? 1 : 0, ...run.nodes.map((_, node) => run.replicasOf(node).length));
    this.up = new Uint8Array(this.n);
    this.logShown = new Int32Array(this.n * 2).fill(-1);
    this.probedAt = new Float64Array(this.n).fill(-Infinity);
    this.deadline = new Float64Array(this.n * Math.max(1, this.groups)).fill(-2);
    this.quantum = Math.max(1, Math.floor(((target.to - target.from) * this.n) / STATE_BUDGET));
    this.msgs.keepAlways = (data, at) => this.voteTypes.has(data[at + 4]);
    run.nodes.forEach((_, id) => run.replicasOf(id).forEach((r, group) => r?.learner && this.learners.add(this.key(id, group))));
  }

  private inWindow(now: Micros): boolean {
    if (now < this.target.from) return false;
    if (!this.opened) this.open();
    return now <= this.target.to;
  }

  /** The state at `from`, taken at the first event at or after it. */
  private open(): void {
    this.opened = true;
    const init = this.init;
    for (let node = 0; node < this.n; node++) {
      init.up.push(this.up[node]);
      this.probe(this.target.from, node, this.run.local(node, this.target.from), init.logs, init.timers);
    }
    for (const [key, [role, term]] of [...this.roleOf].sort((a, b) => a[0] - b[0]))
      init.roles.push(this.nodeOf(key), this.groupOf(key), role, term);
    init.cuts = this.cutPairs();
    this.lastCuts = init.cuts.join(',');
  }

  private key(node: number, group: number): number {
    return node * Math.max(1, this.groups) + group;
  }
  private nodeOf(key: number): number {
    return Math.floor(key / Math.max(1, this.groups));
  }
  private groupOf(key: number): number {
    return key % Math.max(1, this.groups);
  }

  message(from: number, to: number, msg: Message, departAt: Micros, arriveAt: Micros): void {
    if (departAt < this.target.from && isVoteResponse(msg) && msg.type === 'RequestVoteResp')
      this.earlyVote(from, to, msg, departAt, arriveAt);
    if (!this.inWindow(departAt)) return;
    const type = this.typeOf(msg.type);
    const flight = arriveAt < 0 ? -1 : arriveAt - departAt;
    this.msgs.add(departAt, flight, from, to, type);
    if (isVoteResponse(msg)) this.votes.push(...voteRecord(from, to, msg, departAt, flight));
  }

  /** Before the window, only the answers of each candidate's latest term are kept: they give a
   *  leader elected before the window its tally. */
  private earlyVote(from: number, to: number, msg: VoteResponse, departAt: Micros, arriveAt: Micros): void {
    const key = this.key(to, msg.group);
    const kept = this.earlyVotes.get(key);
    const record = voteRecord(from, to, msg, departAt, arriveAt < 0 ? -1 : arriveAt - departAt);
    if (kept === undefined || kept[5] < msg.term) this.earlyVotes.set(key, record);
    else if (kept[5] === msg.term) kept.push(...record);
  }

  ejected(now: Micros, node: number): void {
    if (this.inWindow(now)) this.ejections.push(now, node);
  }

  clientRequest(departAt: Micros, arriveAt: Micros, node: number): void {
    if (this.inWindow(arriveAt)) this.clients.add(departAt, arriveAt - departAt, node, 0, 0);
  }

  clientReply(departAt: Micros, arriveAt: Micros, node: number, status: number): void {
    if (this.inWindow(departAt)) this.clients.add(departAt, arriveAt - departAt, node, 1, status);
  }

  handled(now: Micros, node: number, local: Micros): void {
    if (!this.inWindow(now) || now - this.probedAt[node] < this.quantum) return;
    this.probedAt[node] = now;
    this.probe(now, node, local, this.logs, this.timers);
  }

  /** Records what changed in a node's log and election deadlines (into the window or its start). */
  private probe(now: Micros, node: number, local: Micros, logs: number[], timers: number[]): void {
    const [last, commit] = logOf(this.run.replicasOf(node));
    if (last !== this.logShown[2 * node] || commit !== this.logShown[2 * node + 1]) {
      this.logShown[2 * node] = last;
      this.logShown[2 * node + 1] = commit;
      logs.push(now, node, last, commit);
    }
    this.run.replicasOf(node).forEach((replica, group) => {
      // the replica keeps its deadline on its own clock: shown in true time (drift over one timeout is negligible)
      const [start, end] = replica === undefined ? [-1, -1] : electionDeadline(replica, now - local);
      const key = this.key(node, group);
      if (this.deadline[key] === end) return;
      this.deadline[key] = end;
      timers.push(now, node, group, start, end);
    });
  }

  role(now: Micros, node: number, group: number, role: Role, term: number): void {
    const key = this.key(node, group);
    const index = role === 'follower' && this.learners.has(key) ? LEARNER_INDEX : ROLE_NAMES.indexOf(role);
    this.roleOf.set(key, [index, term]);
    if (this.inWindow(now)) this.roles.push(now, node, group, index, term);
  }

  election(now: Micros, node: number, group: number, term: number): void {
    if (this.inWindow(now)) this.elections.push(now, node, group, term);
  }

  nodeUp(now: Micros, node: number, up: boolean): void {
    this.up[node] = up ? 1 : 0;
    if (!this.inWindow(now)) return;
    this.updown.push(now, node, up ? 1 : 0);
    this.probedAt[node] = -Infinity;
    this.handled(now, node, this.run.local(node, now)); // a crash loses the volatile commit point and the timers
  }

  faultFired(now: Micros): void {
    const markers = this.run.faults();
    const fresh = markers.slice(this.faultsSeen);
    this.faultsSeen = markers.length;
    if (!this.inWindow(now)) return;
    for (const f of fresh) this.faults.push({ t: now, label: f.label });
    const pairs = this.cutPairs();
    if (pairs.join(',') !== this.lastCuts) this.cuts.push({ t: now, pairs });
    this.lastCuts = pairs.join(',');
  }

  private cutPairs(): number[] {
    const pairs: number[] = [];
    for (let a = 0; a < this.n; a++) for (let b = a + 1; b < this.n; b++) if (!this.run.connected(a, b)) pairs.push(a, b);
    return pairs;
  }

  private allVotes(): number[] {
    const early: number[][] = [];
    for (const kept of this.earlyVotes.values()) for (let i = 0; i < kept.length; i += REC.vote) early.push(kept.slice(i, i + REC.vote));
    early.sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[3] - b[3]);
    return [...early.flat(), ...this.votes];
  }

  /** Votes a candidate needs in each group, read from the first node that hosts the group. */
  private quorums(): number[] {
    const quorums: number[] = [];
    this.run.nodes.forEach((_, node) =>
      this.run.replicasOf(node).forEach((replica, group) => {
        if (replica !== undefined) quorums[group] ??= replica.quorum;
      }),
    );
    return Array.from(quorums, (q) => q ?? 0);
  }

  private typeOf(name: string): number {
    let index = this.typeIndex.get(name);
    if (index === undefined) {
      index = this.msgTypes.length;
      this.msgTypes.push(name);
      this.typeIndex.set(name, index);
      if (this.run.messageKind(name) === 'vote') this.voteTypes.add(index);
    }
    return index;
  }

  finish(): Trace {
    if (!this.opened) this.open();
    const t = this.target;
    return {
      version: 1,
      scenario: t.scenario,
      variant: t.variant,
      kind: t.kind,
      nodes: this.n,
      groups: this.groups,
      seed: t.seed,
      trial: t.trial,
      point: t.point,
      from: t.from,
      to: t.to,
      hasLeader: t.hasLeader,
      hasLog: this.run.nodes.some((_, node) => this.run.replicasOf(node).length > 0),
      roleNames: this.learners.size > 0 ? LEARNER_ROLE_NAMES : ROLE_NAMES,
      msgKinds: MSG_KINDS,
      msgTypes: this.msgTypes,
      typeKind: this.msgTypes.map((name) => MSG_KINDS.indexOf(this.run.messageKind(name))),
      init: this.init,
      roles: this.roles,
      elections: this.elections,
      timers: this.timers,
      logs: this.logs,
      msgs: this.msgs.sortedBy(0),
      clients: this.clients.sortedBy(0),
      updown: this.updown,
      votes: this.allVotes(),
      quorums: this.quorums(),
      ejections: this.ejections,
      faults: this.faults,
      cuts: this.cuts,
      thinned: { msgEvery: this.msgs.every, clientEvery: this.clients.every, msgsSeen: this.msgs.seen, clientsSeen: this.clients.seen },
    };
  }
}
