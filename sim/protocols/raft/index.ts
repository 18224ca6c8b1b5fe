// The front door of the Raft folder: what the rest of leadsim may use. A replica and the nodes
// that host it, its messages and how the replay page draws them, the read-only state the
// tracer probes, and the building blocks Multi-Paxos shares (the log, the leader's per-follower
// Progress, its ack counter and pending replies). Everything else in the folder is the
// protocol's own business; eslint (no-restricted-imports) keeps importers outside it to this file.
export { RaftReplica, type RaftReplicaConfig } from './raft-replica.js';
export { State, TIMER_ELECTION, TIMER_HEARTBEAT, TIMER_READY, TIMERS_PER_REPLICA } from './state.js';
export { RaftGroupNode, raftGroupNodes, committedWrites, committedWritesOf, type RaftNodeStatus } from './raft-node.js';
export type {
  AppendEntries,
  AppendResponse,
  Heartbeat,
  HeartbeatResponse,
  RaftMessage,
  ReadIndexRequest,
  ReadIndexResponse,
  VoteRequest,
  VoteResponse,
} from './messages.js';
export { isVoteResponse } from './messages.js';
export type { RelayMessage } from './relays.js';
export { RAFT_MESSAGE_KINDS, RELAY_MESSAGE_KINDS } from './message-kinds.js';
export { EntryKind, NO_ENTRIES, RaftLog, type LogEntry } from './log.js';
export { AckCounter } from './ack-counter.js';
export { PendingReplies } from './leader-state.js';
export { Progress } from './progress.js';
export { answerApplied } from './service.js';
