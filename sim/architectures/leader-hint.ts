// Where clients of a leader-based architecture send a request: to the node they last saw
// succeed or were redirected to, and to a random node when they know of none (the node will
// redirect them). Shared by every architecture with a leader.
import type { Random } from '../core/rng.js';
import { ReplyStatus } from '../protocols/node.js';
import type { Architecture } from './architecture.js';

class LeaderHint {
  private leader = -1;

  /** `members`: the nodes that may lead. */
  constructor(
    private readonly members: readonly number[],
    private readonly rng: Random,
  ) {}

  target(): number {
    return this.leader >= 0 ? this.leader : this.members[Math.floor(this.rng() * this.members.length)];
  }

  /** Learns from how an attempt to `node` ended (TimedOut included). */
  update(node: number, status: ReplyStatus, value: number): void {
    if (status === ReplyStatus.Ok || status === ReplyStatus.Busy) this.leader = node;
    else if (status === ReplyStatus.Redirect) this.leader = value;
    else if (node === this.leader) this.leader = -1;
  }
}

/** Follower reads: each read goes to a member of its key's group drawn from `rng` (a retry
 *  draws again, so a member that is down costs one timeout), writes to the leader. */
export interface ReadsAnywhere {
  members: readonly (readonly number[])[];
  rng: Random;
}

/** The members of each group that may lead: all but the last `learners`. */
export function votersOf(groups: readonly (readonly number[])[], learners = 0): readonly (readonly number[])[] {
  return learners === 0 ? groups : groups.map((members) => members.slice(0, members.length - learners));
}

/**
 * Routing to the leader of each group: one hint per group and client session (a connection
 * learns who leads on its own, as a real client library does); `groupOf` picks a key's group.
 * Session 0's hints exist from the start; the others' are made when a session first uses a group,
 * so many shards × sessions cost only what is used.
 */
export function leaderRouting(
  groups: readonly (readonly number[])[],
  rng: Random,
  groupOf: (key: number) => number = () => 0,
  readsAnywhere?: ReadsAnywhere,
): Pick<Architecture, 'route' | 'attemptEnded'> {
  const shared = groups.map((members) => new LeaderHint(members, rng));
  const perSession = new Map<number, LeaderHint>();
  const hintFor = (session: number, key: number): LeaderHint => {
    const group = groupOf(key);
    if (session === 0) return shared[group];
    const id = session * groups.length + group;
    let hint = perSession.get(id);
    if (!hint) perSession.set(id, (hint = new LeaderHint(groups[group], rng)));
    return hint;
  };
  if (readsAnywhere === undefined)
    return {
      route: (_now, attempt) => hintFor(attempt.session, attempt.key).target(),
      attemptEnded: (_now, node, status, value, key, session) => hintFor(session, key).update(node, status, value),
    };
  const { members, rng: pick } = readsAnywhere;
  return {
    route: (_now, attempt) => {
      if (attempt.write) return hintFor(attempt.session, attempt.key).target();
      const group = members[groupOf(attempt.key)];
      return group[Math.floor(pick() * group.length)];
    },
    // where a read was answered says nothing about who leads
    attemptEnded: (_now, node, status, value, key, session, write) => write && hintFor(session, key).update(node, status, value),
  };
}
