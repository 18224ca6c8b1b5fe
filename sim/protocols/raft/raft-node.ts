// The node of the `raft-group` architecture: one physical node hosting one replica of the single
// group (group 0, timers 0..1). It adds nothing to the protocol; it adapts the replica to the
// ProtocolNode seam and lets the architecture read what it must measure.
import type { RaftOptions } from '../../scenario/scenario.js';
import type { ClientRequest, Outbox, ProtocolNode, Role } from '../node.js';
import type { RaftMessage } from './messages.js';
import type { RelayMessage } from './relays.js';
import { RaftReplica } from './raft-replica.js';

export interface RaftNodeStatus {
  role: Role;
  term: number;
  /** The leader this node believes in (itself when leading), or -1. */
  leader: number;
  commitIndex: number;
}

export class RaftGroupNode implements ProtocolNode<RaftMessage | RelayMessage> {
  readonly replica: RaftReplica;

  constructor(id: number, members: readonly number[], options: RaftOptions, unsafe?: { commitWithoutMajority?: boolean }) {
    this.replica = new RaftReplica({ id, members, group: 0, timerBase: 0, options, unsafe });
  }

  start(now: number, out: Outbox): void {
    this.replica.start(now, out);
  }
  request(now: number, req: ClientRequest, out: Outbox): void {
    this.replica.request(now, req, out);
  }
  admit(_now: number, _key: number, write: boolean): boolean {
    return this.replica.admit(write);
  }
  message(now: number, from: number, msg: RaftMessage | RelayMessage, out: Outbox): void {
    this.replica.message(now, from, msg, out);
  }
  timer(now: number, id: number, out: Outbox): void {
    this.replica.timer(now, id, out);
  }
  persisted(now: number, token: number, out: Outbox): void {
    this.replica.persisted(now, token, out);
  }
  crash(): void {
    this.replica.crash();
  }

  // Cheap reads for routing every client request.
  get role(): Role {
    return this.replica.role;
  }
  get term(): number {
    return this.replica.term;
  }
  /** The leader this node believes in (itself when leading), or -1. */
  get leaderHint(): number {
    return this.replica.leader;
  }

  status(): RaftNodeStatus {
    const r = this.replica;
    return { role: r.role, term: r.term, leader: r.leader, commitIndex: r.commitIndex };
  }

  /** Write ops this node knows committed, in log order (empty while it is down: that is volatile). */
  committedOps(): number[] {
    return this.replica.committedOps();
  }
}

/** The nodes of one group of `n`, ids 0..n-1. */
export function raftGroupNodes(n: number, options: RaftOptions, unsafe?: { commitWithoutMajority?: boolean }): RaftGroupNode[] {
  const members = Array.from({ length: n }, (_, i) => i);
  return members.map((id) => new RaftGroupNode(id, members, options, unsafe));
}

/**
 * The final committed state of a group, for the durability check. Commit points are volatile
 * and may lag (a leader that acknowledged a write and crashed before telling anyone), so this
 * reads the most up-to-date log (an election would keep it: it holds every committed entry)
 * up to the highest known commit point, extended over entries a quorum of logs holds with the
 * same term — which covers every write a leader acknowledged. Crashed nodes count with their
 * durable logs.
 */
export function committedWrites(nodes: readonly RaftGroupNode[]): Set<number> {
  return committedWritesOf(nodes.map((n) => n.replica));
}

/** The same for the replicas of one group, wherever they live (sharded-raft). */
export function committedWritesOf(replicas: readonly RaftReplica[]): Set<number> {
  if (replicas.length === 0) return new Set();
  let ref = replicas[0];
  let commit = 0;
  for (const r of replicas) {
    if (!r.log.isUpToDate(ref.log.lastIndex, ref.log.lastTerm)) ref = r;
    commit = Math.max(commit, r.commitIndex);
  }
  // Only voters' copies make an entry survive an election (a learner's log elects no one).
  const voters = replicas.filter((r) => !r.learner);
  const quorum = Math.floor(voters.length / 2) + 1;
  let end = Math.min(commit, ref.log.lastIndex);
  while (end < ref.log.lastIndex) {
    const term = ref.log.term(end + 1);
    let holders = 0;
    for (const r of voters) if (r.log.term(end + 1) === term) holders++;
    if (holders < quorum) break;
    end++;
  }
  return new Set(ref.log.writeOps(end));
}
