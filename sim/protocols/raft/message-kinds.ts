// How the replay page draws Raft's messages: one colour per kind of message, a message and its
// response alike. Every message type must be listed (the record's type says so).
import type { MsgKind } from '../../trace/trace.js';
import type { RaftMessage } from './messages.js';
import type { RelayMessage } from './relays.js';

export const RAFT_MESSAGE_KINDS: Readonly<Record<RaftMessage['type'], MsgKind>> = {
  RequestVote: 'vote',
  RequestVoteResp: 'vote',
  PreVote: 'vote',
  PreVoteResp: 'vote',
  AppendEntries: 'append',
  AppendEntriesResp: 'append',
  Heartbeat: 'heartbeat',
  HeartbeatResp: 'heartbeat',
  ReadIndex: 'other',
  ReadIndexResp: 'other',
};

/** A relay's envelope, its forwards, the members' answers and its aggregate: one colour, so a
 *  class sees the leader's fan-out move to the relays. */
export const RELAY_MESSAGE_KINDS: Readonly<Record<RelayMessage['type'], MsgKind>> = {
  Relay: 'relay',
  Forward: 'relay',
  RelayReply: 'relay',
  RelayAggregate: 'relay',
};
