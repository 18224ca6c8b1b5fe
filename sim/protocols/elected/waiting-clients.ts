// Client requests a server holds until it has an ID for them, oldest first. Clients send their
// deadline along (as gRPC does): a request still waiting when its client has given up is
// dropped, not answered — otherwise, after a stall, IDs would go to attempts nobody waits for
// while their retries queue up behind them, and the backlog would never drain.
import type { Micros } from '../../scenario/scenario.js';
import { Fifo } from './fifo.js';

export class WaitingClients {
  private readonly attempts = new Fifo();
  private readonly since = new Fifo();

  constructor(private readonly deadline: Micros) {}

  get length(): number {
    return this.attempts.length;
  }

  push(now: Micros, attempt: number): void {
    this.attempts.push(attempt);
    this.since.push(now);
  }

  /** The oldest attempt (check `length` first). */
  shift(): number {
    this.since.shift();
    return this.attempts.shift();
  }

  /** Forgets the attempts whose clients have given up by `now`. */
  dropExpired(now: Micros): void {
    while (this.attempts.length > 0 && this.since.peek() + this.deadline <= now) this.shift();
  }

  clear(): void {
    this.attempts.clear();
    this.since.clear();
  }
}
