// Where clients of a leader-based architecture send a request: to the node they last saw
// succeed or were redirected to, and to a random node when they know of none (the node will
// redirect them). Shared by every architecture with a leader.
import type { Random } from '../core/rng.js';
import { ReplyStatus } from '../protocols/node.js';

export class LeaderHint {
  private leader = -1;
  private readonly members: readonly number[];

  /** `members`: the nodes that may lead (a count n means nodes 0..n-1). */
  constructor(
    members: number | readonly number[],
    private readonly rng: Random,
  ) {
    this.members = typeof members === 'number' ? Array.from({ length: members }, (_, i) => i) : members;
  }

  target(): number {
    return this.leader >= 0 ? this.leader : this.members[Math.floor(this.rng() * this.members.length)];
  }

  /** Learns from how an attempt to `node` ended (status -1: it timed out). */
  update(node: number, status: ReplyStatus | -1, value: number): void {
    if (status === ReplyStatus.Ok || status === ReplyStatus.Busy) this.leader = node;
    else if (status === ReplyStatus.Redirect) this.leader = value;
    else if (node === this.leader) this.leader = -1;
  }
}
