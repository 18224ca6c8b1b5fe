// The messages between a server and the coordinator: a server asks for a lease (a block of
// IDs or tokens); the coordinator grants one once its allocation is committed, or refuses and
// names the coordinator it knows (-1: none, e.g. during an election). None carries log entries.
import type { Message } from '../node.js';

export interface LeaseRequest extends Message {
  readonly type: 'LeaseRequest';
}

/** The IDs [start, start + count) now belong to the receiving server. */
export interface LeaseGrant extends Message {
  readonly type: 'LeaseGrant';
  readonly start: number;
  readonly count: number;
}

export interface LeaseRefused extends Message {
  readonly type: 'LeaseRefused';
  /** The coordinator the refusing node believes in, or -1. */
  readonly leader: number;
}

export type LeaseMessage = LeaseRequest | LeaseGrant | LeaseRefused;

/** Every lease request is alike: one shared immutable object. */
export const LEASE_REQUEST: LeaseRequest = { type: 'LeaseRequest', entries: 0 };

export const leaseGrant = (start: number, count: number): LeaseGrant => ({ type: 'LeaseGrant', start, count, entries: 0 });
export const leaseRefused = (leader: number): LeaseRefused => ({ type: 'LeaseRefused', leader, entries: 0 });

export function isLeaseMessage(msg: Message): msg is LeaseMessage {
  return msg.type === 'LeaseRequest' || msg.type === 'LeaseGrant' || msg.type === 'LeaseRefused';
}
