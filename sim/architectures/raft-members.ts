// The check raft-group and sharded-raft share on a group's members.
import type { RaftOptions } from '../scenario/scenario.js';

/** `voters: V` is `learners: members − V` (learners given too are kept, and checked below). */
export function withVoters<T extends RaftOptions>(spec: T, members: number): T {
  return spec.voters === undefined || spec.learners !== undefined ? spec : { ...spec, learners: Math.max(0, members - spec.voters) };
}

/** Learners and relays must leave a group that can elect a leader and has followers to relay to. */
export function checkGroupMembers(a: RaftOptions, members: number, report: (key: string, message: string) => void): void {
  if (a.voters !== undefined && a.voters > members) report('voters', `must be at most the ${members} members of a group (got ${a.voters})`);
  else if (a.voters !== undefined && a.learners !== members - a.voters)
    report(
      'voters',
      `give voters or learners, not both: ${a.voters} voters of ${members} members leave ${members - a.voters} learners, not ${a.learners}`,
    );
  if (a.learners !== undefined && a.learners >= members)
    report('learners', `must be fewer than the ${members} members of a group: a group needs at least one voter (got ${a.learners})`);
  if (a.relays !== undefined && a.relays > members - 1)
    report('relays', `must be at most the ${members - 1} other members of a group: each relay group needs a member (got ${a.relays})`);
}
