// The quorum protocol's messages between a coordinator and the replicas of one key. `req` is
// the coordinator's id for the request being coordinated, echoed back so answers find it.
// `entries` is 1 for a message that carries a value (a write, a read's answer) and 0 for a
// bare request or acknowledgement: the engine charges perEntry for the value at both ends.
//
// All four kinds are one object shape — the same fields in the same order, 0 where a kind has
// no use for one — so the handler and the engine read them from one hidden class (monomorphic
// property loads) instead of four.
import type { MsgKind } from '../../trace/trace.js';
import type { Message } from '../node.js';

export interface QuorumMessage extends Message {
  /** QWrite: store `version` for `key` (last writer wins; `req` -1 is a read repair, no ack
   *  wanted). QWriteAck: the replica has the write on disk. QRead: which version of `key` do you
   *  have. QReadResp: the replica's current `version` of the key (0: never written). */
  readonly type: 'QWrite' | 'QWriteAck' | 'QRead' | 'QReadResp';
  readonly key: number;
  readonly version: number;
  readonly req: number;
}

const message = (type: QuorumMessage['type'], key: number, version: number, req: number, entries: number): QuorumMessage => ({
  type,
  key,
  version,
  req,
  entries,
});

export const writeMsg = (key: number, version: number, req: number): QuorumMessage => message('QWrite', key, version, req, 1);
export const writeAck = (req: number): QuorumMessage => message('QWriteAck', 0, 0, req, 0);
export const readMsg = (key: number, req: number): QuorumMessage => message('QRead', key, 0, req, 0);
export const readResp = (req: number, version: number): QuorumMessage => message('QReadResp', 0, version, req, 1);

/** How the replay page draws them: a request and its answer alike. */
export const QUORUM_MESSAGE_KINDS: Readonly<Record<QuorumMessage['type'], MsgKind>> = {
  QWrite: 'qwrite',
  QWriteAck: 'qwrite',
  QRead: 'qread',
  QReadResp: 'qread',
};
