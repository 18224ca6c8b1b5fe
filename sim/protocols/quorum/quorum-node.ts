// A leaderless (Dynamo/Cassandra-style) node: every node is a replica for the keys the ring
// gives it and a coordinator for whatever client request reaches it. Nobody is elected.
//
// Write: the coordinator stamps a version, sends it to every replica of the key (its own copy
// is applied without a message), and answers Ok with the version after W replicas have it on
// disk. Read: the coordinator answers from its own copy when that alone is a quorum (R = 1 at
// a replica); otherwise it asks every other replica — all of them, so one dead replica does not
// stall the read — and answers with the highest version among the first R answers, sending that
// version back to any of those R that had an older one (read repair; late answers are ignored).
// A coordination short of its quorum at the timeout answers Unavailable. No hinted handoff and
// no anti-entropy: a replica that missed writes stays behind until a write or a repair reaches it.
import type { ClientRequest, Outbox, ProtocolNode } from '../node.js';
import { ReplyStatus } from '../node.js';
import type { Micros } from '../../scenario/scenario.js';
import { Coordinations, type ReadCoordination } from './coordinator.js';
import { readMsg, readResp, writeAck, writeMsg, type QuorumMessage } from './messages.js';
import { NO_ACK, ReplicaStore } from './replica-store.js';
import type { Ring } from './ring.js';

/** Versions are now × VERSION_SLOTS + node id: unique per node and ordered by time (LWW). */
export const VERSION_SLOTS = 1024;

export interface QuorumOptions {
  writeQuorum: number;
  readQuorum: number;
  /** How long a coordinator waits for its quorum before answering Unavailable. */
  coordinatorTimeout: Micros;
  /** Called when a write is acknowledged to its client (for the final durability count). */
  onWriteAcked?: (op: number, key: number, version: number) => void;
}

export class QuorumNode implements ProtocolNode<QuorumMessage> {
  private readonly store = new ReplicaStore();
  private readonly coordinating: Coordinations;
  private lastVersion = 0;

  constructor(
    readonly id: number,
    private readonly ring: Ring,
    private readonly opt: QuorumOptions,
  ) {
    if (ring.nodes > VERSION_SLOTS) throw new Error(`quorum: at most ${VERSION_SLOTS} nodes (got ${ring.nodes})`);
    this.coordinating = new Coordinations(opt.coordinatorTimeout);
  }

  /** Coordinations in progress (for tests). */
  get coordinations(): number {
    return this.coordinating.size;
  }

  start(_now: Micros, out: Outbox): void {
    out.role('serving', 0);
  }

  request(now: Micros, req: ClientRequest, out: Outbox): void {
    if (req.write) this.coordinateWrite(now, req, out);
    else this.coordinateRead(now, req, out);
  }

  message(_now: Micros, from: number, m: QuorumMessage, out: Outbox): void {
    switch (m.type) {
      case 'QWrite': {
        const slot = this.slotOf(m.key);
        if (slot >= 0) out.persist(this.store.write(slot, m.version, m.req < 0 ? NO_ACK : from, m.req));
        return;
      }
      case 'QWriteAck':
        return this.writeAcked(m.req, out);
      case 'QRead':
        return out.send(from, readResp(m.req, this.versionOf(m.key)));
      case 'QReadResp': {
        const c = this.coordinating.get(m.req);
        if (c !== undefined && !c.write) this.readAnswered(c, from, m.version, out);
        return;
      }
    }
  }

  timer(now: Micros, _id: number, out: Outbox): void {
    this.coordinating.sweep(now, out);
  }

  persisted(_now: Micros, token: number, out: Outbox): void {
    this.store.confirm(token, out, this.ackDurable);
  }

  /** What this node's replica of `key` holds now (0: nothing, or not a replica). */
  versionOf(key: number): number {
    const slot = this.slotOf(key);
    return slot < 0 ? 0 : this.store.version(slot);
  }

  /** What this node has on disk for `key` (0: nothing, or not a replica). */
  durableVersionOf(key: number): number {
    const slot = this.slotOf(key);
    return slot < 0 ? 0 : this.store.durableVersion(slot);
  }

  crash(): void {
    this.store.crash();
    this.coordinating.crash();
    // volatile too: time has moved on by the recovery, so new versions still exceed the old
    this.lastVersion = 0;
  }

  /** Where this node stores `key`, or -1 when it is not one of the key's replicas. */
  private slotOf(key: number): number {
    return this.ring.slotOn(key, this.id);
  }

  /** Bound once: no closure per `persisted` call. */
  private readonly ackDurable = (out: Outbox, ackTo: number, req: number): void => {
    if (ackTo === this.id) this.writeAcked(req, out);
    else out.send(ackTo, writeAck(req));
  };

  /** A version no earlier write of this node has, and above any it stamped before (same µs included). */
  private nextVersion(now: Micros): number {
    this.lastVersion = Math.max(now * VERSION_SLOTS + this.id, this.lastVersion + VERSION_SLOTS);
    return this.lastVersion;
  }

  private coordinateWrite(now: Micros, req: ClientRequest, out: Outbox): void {
    const c = this.coordinating.beginWrite(now, out, req, this.opt.writeQuorum);
    c.version = this.nextVersion(now);
    for (let i = 0; i < this.ring.replicas; i++) {
      const node = this.ring.replica(req.key, i);
      if (node === this.id) out.persist(this.store.write(this.ring.slot(req.key, i), c.version, this.id, c.req));
      else out.send(node, writeMsg(req.key, c.version, c.req));
    }
  }

  private writeAcked(req: number, out: Outbox): void {
    const c = this.coordinating.get(req);
    if (c === undefined || !c.write || --c.missing > 0) return;
    this.coordinating.finish(c);
    out.reply(c.attempt, ReplyStatus.Ok, c.version);
    this.opt.onWriteAcked?.(c.op, c.key, c.version);
  }

  private coordinateRead(now: Micros, req: ClientRequest, out: Outbox): void {
    const c = this.coordinating.beginRead(now, out, req, this.opt.readQuorum);
    if (this.ring.holds(req.key, this.id)) {
      this.readAnswered(c, this.id, this.versionOf(req.key), out);
      if (c.missing === 0) return;
    }
    const msg = readMsg(req.key, c.req);
    for (let i = 0; i < this.ring.replicas; i++) {
      const node = this.ring.replica(req.key, i);
      if (node !== this.id) out.send(node, msg);
    }
  }

  private readAnswered(c: ReadCoordination, from: number, version: number, out: Outbox): void {
    c.from.push(from);
    c.versions.push(version);
    if (version > c.version) c.version = version;
    if (--c.missing > 0) return;
    this.coordinating.finish(c);
    out.reply(c.attempt, ReplyStatus.Ok, c.version);
    this.repair(c, out);
  }

  /** Sends the newest version to the answering replicas that returned an older one. */
  private repair(c: ReadCoordination, out: Outbox): void {
    const { from, versions } = c;
    for (let i = 0; i < from.length; i++) {
      if (versions[i] >= c.version) continue;
      if (from[i] === this.id) out.persist(this.store.write(this.slotOf(c.key), c.version, NO_ACK, -1));
      else out.send(from[i], writeMsg(c.key, c.version, -1));
    }
  }
}
