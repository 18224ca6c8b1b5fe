// Names shared by the replica's modules: its states and the timers it uses (as offsets from the
// replica's timerBase, so a node hosting several replicas gives each its own range).

export const TIMER_ELECTION = 0;
export const TIMER_HEARTBEAT = 1;
/** A leader's Ready step (Outbox.deferTimer): appended entries leave, one message per follower. */
export const TIMER_READY = 2;
/** A relay's wait for its group's answers (relays: raft-group only, whose one replica has the
 *  ids from 0, so this id is free). */
export const TIMER_RELAY = 3;
/** Timer ids a replica uses: timerBase .. timerBase + TIMERS_PER_REPLICA - 1. */
export const TIMERS_PER_REPLICA = 3;

export const enum State {
  Down,
  Follower,
  /** Pre-vote round (§9.6 of Ongaro's thesis): still a follower to the outside world. */
  PreCandidate,
  Candidate,
  Leader,
}
