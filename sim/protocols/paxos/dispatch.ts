// Every message goes to the module that handles its type.
import type { Outbox } from '../node.js';
import { onAccept, onChosen } from './acceptor.js';
import type { PaxosMessage } from './messages.js';
import type { PaxosNode } from './paxos-node.js';
import { onPrepare, onPromise } from './phase1.js';
import { onAccepted } from './proposer.js';

export function dispatch(node: PaxosNode, from: number, m: PaxosMessage, out: Outbox): void {
  switch (m.type) {
    case 'prepare':
      return onPrepare(node, from, m, out);
    case 'promise':
      return onPromise(node, from, m, out);
    case 'accept':
      return onAccept(node, from, m, out);
    case 'chosen':
      return onChosen(node, from, m, out);
    case 'accepted':
      return onAccepted(node, from, m, out);
  }
}
