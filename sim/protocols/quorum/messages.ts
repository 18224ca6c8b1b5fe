// The quorum protocol's messages between a coordinator and the replicas of one key. `req` is
// the coordinator's id for the request being coordinated, echoed back so answers find it.
// `entries` is 1 for a message that carries a value (a write, a read's answer) and 0 for a
// bare request or acknowledgement: the engine charges perEntry for the value at both ends.
import type { Message } from '../node.js';

/** Stores `version` for `key` (last writer wins). `req` -1 is a read repair: no ack wanted. */
export interface QuorumWrite extends Message {
  readonly type: 'QWrite';
  readonly key: number;
  readonly version: number;
  readonly req: number;
}

/** The replica has the write on disk. */
export interface QuorumWriteAck extends Message {
  readonly type: 'QWriteAck';
  readonly req: number;
}

export interface QuorumRead extends Message {
  readonly type: 'QRead';
  readonly key: number;
  readonly req: number;
}

/** The replica's current version of the key (0: never written). */
export interface QuorumReadResp extends Message {
  readonly type: 'QReadResp';
  readonly req: number;
  readonly version: number;
}

export type QuorumMessage = QuorumWrite | QuorumWriteAck | QuorumRead | QuorumReadResp;

export const writeMsg = (key: number, version: number, req: number): QuorumWrite => ({ type: 'QWrite', key, version, req, entries: 1 });
export const writeAck = (req: number): QuorumWriteAck => ({ type: 'QWriteAck', req, entries: 0 });
export const readMsg = (key: number, req: number): QuorumRead => ({ type: 'QRead', key, req, entries: 0 });
export const readResp = (req: number, version: number): QuorumReadResp => ({ type: 'QReadResp', req, version, entries: 1 });
