// One node's replica state: per key the highest version it has seen (last writer wins, so a
// write never lowers a key). `memory` is what reads see, writes included the moment they
// arrive; `durable` is what the disk has confirmed, all a crash leaves behind. A write is
// acknowledged only once durable, so the acks waiting on each persist token sit in a flat
// FIFO (one fsync confirms every token at or below it: fsyncs batch under load).

/** Fields per pending write in the FIFO: token, key, version, ack-to node, request id. */
const STRIDE = 5;
/** `ackTo` of a write nobody waits for (a read repair). */
export const NO_ACK = -1;

/** Called for each write that became durable and wants an acknowledgement. */
export type AckSink = (ackTo: number, req: number) => void;

export class ReplicaStore {
  private memory = new Map<number, number>();
  private readonly durable = new Map<number, number>();
  private readonly pending: number[] = [];
  private head = 0;
  /** Tokens only grow, across crashes too, so the disk can compare them. */
  private seq = 0;

  /** What a read of `key` returns now (0: never written). */
  version(key: number): number {
    return this.memory.get(key) ?? 0;
  }

  /** What survives a crash for `key` (0: nothing). */
  durableVersion(key: number): number {
    return this.durable.get(key) ?? 0;
  }

  /** Applies a write in memory and returns the token to hand to `out.persist`. */
  write(key: number, version: number, ackTo: number, req: number): number {
    if (version > this.version(key)) this.memory.set(key, version);
    const token = ++this.seq;
    this.pending.push(token, key, version, ackTo, req);
    return token;
  }

  /** The disk confirmed everything up to `token`: those writes are durable; ack the ones that asked. */
  confirm(token: number, ack: AckSink): void {
    const p = this.pending;
    while (this.head < p.length && p[this.head] <= token) {
      const key = p[this.head + 1];
      const version = p[this.head + 2];
      if (version > this.durableVersion(key)) this.durable.set(key, version);
      if (p[this.head + 3] !== NO_ACK) ack(p[this.head + 3], p[this.head + 4]);
      this.head += STRIDE;
    }
    // under steady load the FIFO may never drain: drop the consumed prefix once it dominates
    if (this.head === p.length || (this.head > 4096 && this.head * 2 > p.length)) {
      p.splice(0, this.head);
      this.head = 0;
    }
  }

  /** A crash: writes not yet on disk are gone, and so are the acks they owed. */
  crash(): void {
    this.memory = new Map(this.durable);
    this.pending.length = 0;
    this.head = 0;
  }
}
