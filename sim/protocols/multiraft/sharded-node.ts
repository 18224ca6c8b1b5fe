// A physical node of `sharded-raft`: it hosts one Raft replica for each shard placed on it,
// and shares one CPU (the engine's) and one disk among them, as multi-Raft systems do. It
// routes each input to the replica of its group: messages by `group`, timers by id range,
// client requests by the shard their key hashes to.
import { ForwardingOutbox } from '../forwarding-outbox.js';
import { ReplyStatus, type ClientRequest, type Outbox, type ProtocolNode } from '../node.js';
import { type RaftMessage, RaftReplica, TIMERS_PER_REPLICA } from '../raft/index.js';
import type { RaftOptions } from '../../scenario/scenario.js';
import { SharedDisk } from './shared-disk.js';

export class ShardedRaftNode implements ProtocolNode<RaftMessage> {
  /** Replica of shard s, or undefined where this node holds none. */
  readonly replicas: (RaftReplica | undefined)[];
  private readonly disk = new SharedDisk();
  private readonly view = new ReplicaOutbox(this.disk);

  constructor(
    id: number,
    placement: readonly (readonly number[])[],
    options: RaftOptions,
    private readonly shardOf: (key: number) => number,
  ) {
    this.replicas = placement.map((members, shard) =>
      members.includes(id)
        ? new RaftReplica({ id, members, group: shard, timerBase: shard * TIMERS_PER_REPLICA, options, preferred: members[0] === id })
        : undefined,
    );
  }

  start(now: number, out: Outbox): void {
    this.replicas.forEach((r, shard) => r?.start(now, this.view.of(out, shard)));
  }

  request(now: number, req: ClientRequest, out: Outbox): void {
    const shard = this.shardOf(req.key);
    const replica = this.replicas[shard];
    if (replica === undefined) return out.reply(req.attempt, ReplyStatus.Redirect, -1);
    replica.request(now, req, this.view.of(out, shard));
  }

  admit(_now: number, key: number, write: boolean): boolean {
    return this.replicas[this.shardOf(key)]?.admit(write) ?? true;
  }

  message(now: number, from: number, msg: RaftMessage, out: Outbox): void {
    this.replicas[msg.group]?.message(now, from, msg, this.view.of(out, msg.group));
  }

  timer(now: number, id: number, out: Outbox): void {
    const shard = Math.floor(id / TIMERS_PER_REPLICA);
    this.replicas[shard]?.timer(now, id, this.view.of(out, shard));
  }

  persisted(now: number, token: number, out: Outbox): void {
    const covered = this.disk.confirm(token);
    // the disk answers through the engine's event queue, never from inside its own loop
    for (let i = 0; i < covered; i++) {
      const shard = this.disk.coveredReplica(i);
      this.replicas[shard]?.persisted(now, this.disk.coveredToken(i), this.view.of(out, shard));
    }
  }

  crash(): void {
    this.disk.crash();
    for (const r of this.replicas) r?.crash();
  }
}

/** The node's outbox as one replica sees it: everything passes through, but persist tokens are
 *  translated to the node's shared disk. One instance, re-aimed per call: no allocation. */
class ReplicaOutbox extends ForwardingOutbox {
  private shard = 0;
  constructor(private readonly disk: SharedDisk) {
    super();
  }

  of(out: Outbox, shard: number): this {
    this.shard = shard;
    return this.over(out);
  }
  override persist(token: number): void {
    this.inner.persist(this.disk.request(this.shard, token));
  }
}
