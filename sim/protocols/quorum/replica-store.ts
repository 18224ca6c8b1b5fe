// One node's replica state: per key the highest version it has seen (last writer wins, so a
// write never lowers a key). `memory` is what reads see, writes included the moment they
// arrive; `durable` is what the disk has confirmed, all a crash leaves behind. A write is
// acknowledged only once durable, so the acks waiting on each persist token sit in a flat
// FIFO (one fsync confirms every token at or below it: fsyncs batch under load).
//
// Keys are addressed by the node's dense slot numbers from the ring (Ring.slot), so both
// tables are typed arrays of the size of the node's share of the keys.

import { RecordFifo } from '../../core/record-fifo.js';
import { grownFloat64 } from '../../core/grow.js';

/** Fields per pending write in the FIFO: token, slot, version, ack-to node, request id. */
const STRIDE = 5;
/** `ackTo` of a write nobody waits for (a read repair). */
export const NO_ACK = -1;

/** Called for each write that became durable and wants an acknowledgement, with the caller's
 *  context (its outbox) passed through, so a callback bound once needs no state of the call. */
export type AckSink<C> = (context: C, ackTo: number, req: number) => void;

export class ReplicaStore {
  private memory = new Float64Array(64);
  private durable = new Float64Array(64);
  private readonly pending = new RecordFifo(STRIDE);
  /** Tokens only grow, across crashes too, so the disk can compare them. */
  private seq = 0;

  /** What a read of the key in `slot` returns now (0: never written). */
  version(slot: number): number {
    return slot < this.memory.length ? this.memory[slot] : 0;
  }

  /** What survives a crash for the key in `slot` (0: nothing). */
  durableVersion(slot: number): number {
    return slot < this.durable.length ? this.durable[slot] : 0;
  }

  /** Applies a write in memory and returns the token to hand to `out.persist`. */
  write(slot: number, version: number, ackTo: number, req: number): number {
    if (slot >= this.memory.length) this.grow(slot);
    if (version > this.memory[slot]) this.memory[slot] = version;
    const token = ++this.seq;
    this.pending.push(token, slot, version, ackTo, req);
    return token;
  }

  /** The disk confirmed everything up to `token`: those writes are durable; ack the ones that asked. */
  confirm<C>(token: number, context: C, ack: AckSink<C>): void {
    const p = this.pending;
    const d = p.data;
    for (; !p.empty && d[p.head] <= token; p.shift()) {
      const slot = d[p.head + 1];
      if (d[p.head + 2] > this.durable[slot]) this.durable[slot] = d[p.head + 2];
      if (d[p.head + 3] !== NO_ACK) ack(context, d[p.head + 3], d[p.head + 4]);
    }
  }

  /** A crash: writes not yet on disk are gone, and so are the acks they owed. */
  crash(): void {
    this.memory.set(this.durable);
    this.pending.clear();
  }

  /** Both tables grow together, so a slot in `pending` always has a durable cell. */
  private grow(slot: number): void {
    const capacity = Math.max(slot + 1, this.memory.length * 2);
    this.memory = grownFloat64(this.memory, capacity);
    this.durable = grownFloat64(this.durable, capacity);
  }
}
