// The messages between a server and the coordinator: a server asks for a lease (a block of
// IDs or tokens); the coordinator grants one once its allocation is committed, or refuses and
// names the coordinator it knows (-1: none, e.g. during an election). Answers echo the
// request's `seq`, so the server knows which of its requests is answered. No log entries.
import type { MsgKind } from '../../trace/trace.js';
import type { Message } from '../node.js';

export interface LeaseRequest extends Message {
  readonly type: 'LeaseRequest';
  readonly seq: number;
}

/** The IDs [start, start + count) now belong to the receiving server. */
export interface LeaseGrant extends Message {
  readonly type: 'LeaseGrant';
  readonly seq: number;
  readonly start: number;
  readonly count: number;
}

export interface LeaseRefused extends Message {
  readonly type: 'LeaseRefused';
  readonly seq: number;
  /** The coordinator the refusing node believes in, or -1. */
  readonly leader: number;
}

export type LeaseMessage = LeaseRequest | LeaseGrant | LeaseRefused;

export const leaseRequest = (seq: number): LeaseRequest => ({ type: 'LeaseRequest', seq, entries: 0 });
export const leaseGrant = (seq: number, start: number, count: number): LeaseGrant => ({
  type: 'LeaseGrant',
  seq,
  start,
  count,
  entries: 0,
});
export const leaseRefused = (seq: number, leader: number): LeaseRefused => ({ type: 'LeaseRefused', seq, leader, entries: 0 });

/** How the replay page draws them: all one kind. */
export const LEASE_MESSAGE_KINDS: Readonly<Record<LeaseMessage['type'], MsgKind>> = {
  LeaseRequest: 'lease',
  LeaseGrant: 'lease',
  LeaseRefused: 'lease',
};
