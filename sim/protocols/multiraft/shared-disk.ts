// One disk shared by the Raft replicas a node hosts. Each replica numbers its own persist
// tokens, but the node's disk orders one stream: every replica request gets a node-wide token,
// and when the disk confirms a node token, each replica learns its own tokens up to it. So an
// fsync on a busy multi-Raft node covers the pending state of every shard at once, as one WAL
// shared by all groups does in multi-Raft systems.

import { RecordFifo } from '../../core/record-fifo.js';
import { grownFloat64, grownInt32 } from '../../core/grow.js';

export class SharedDisk {
  private next = 0;
  /** Pending (node token, replica, replica token), in token order. */
  private readonly pending = new RecordFifo(3);
  // confirm's scratch, kept between calls (a confirm on a busy node covers many requests):
  // the replicas covered, in the order of their first request, and each one's highest token
  private covered = new Int32Array(16);
  private highest = new Float64Array(16);
  private seenAt = new Float64Array(16);
  private confirms = 0;

  /** A replica asked to persist `token`; returns the node token to give the real disk. */
  request(replica: number, token: number): number {
    const nodeToken = ++this.next;
    this.pending.push(nodeToken, replica, token);
    if (replica >= this.highest.length) this.grow(replica);
    return nodeToken;
  }

  /** The disk confirmed `nodeToken`: returns how many replicas it covered; `covered(i)` and
   *  `coveredToken(i)` name each (in the order of its first request) and its highest covered token. */
  confirm(nodeToken: number): number {
    const p = this.pending;
    const d = p.data;
    const stamp = ++this.confirms;
    const covered = this.covered;
    let count = 0;
    for (; !p.empty && d[p.head] <= nodeToken; p.shift()) {
      const replica = d[p.head + 1];
      if (this.seenAt[replica] !== stamp) {
        this.seenAt[replica] = stamp;
        covered[count++] = replica;
      }
      this.highest[replica] = d[p.head + 2];
    }
    return count;
  }

  /** The i-th replica the last `confirm` covered. */
  coveredReplica(i: number): number {
    return this.covered[i];
  }

  /** Its highest token the last `confirm` covered. */
  coveredToken(i: number): number {
    return this.highest[this.covered[i]];
  }

  /** A crash loses the requests in flight. */
  crash(): void {
    this.pending.clear();
  }

  private grow(replica: number): void {
    const length = Math.max(replica + 1, this.highest.length * 2);
    this.highest = grownFloat64(this.highest, length);
    this.seenAt = grownFloat64(this.seenAt, length);
    this.covered = grownInt32(this.covered, length);
  }
}
