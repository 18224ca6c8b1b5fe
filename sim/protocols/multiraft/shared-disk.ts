// One disk shared by the Raft replicas a node hosts. Each replica numbers its own persist
// tokens, but the node's disk orders one stream: every replica request gets a node-wide token,
// and when the disk confirms a node token, each replica learns its own tokens up to it. So an
// fsync on a busy multi-Raft node covers the pending state of every shard at once, as one WAL
// shared by all groups does in multi-Raft systems.

export class SharedDisk {
  private next = 0;
  /** Pending (node token, replica, replica token), in token order. */
  private readonly pending: number[] = [];
  private head = 0;

  /** A replica asked to persist `token`; returns the node token to give the real disk. */
  request(replica: number, token: number): number {
    const nodeToken = ++this.next;
    this.pending.push(nodeToken, replica, token);
    return nodeToken;
  }

  /** The disk confirmed `nodeToken`: calls back each replica with its highest covered token. */
  confirm(nodeToken: number, persisted: (replica: number, token: number) => void): void {
    const p = this.pending;
    const highest = new Map<number, number>();
    while (this.head < p.length && p[this.head] <= nodeToken) {
      highest.set(p[this.head + 1], p[this.head + 2]);
      this.head += 3;
    }
    if (this.head === p.length) {
      p.length = 0;
      this.head = 0;
    }
    for (const [replica, token] of highest) persisted(replica, token);
  }

  /** A crash loses the requests in flight. */
  crash(): void {
    this.pending.length = 0;
    this.head = 0;
  }
}
