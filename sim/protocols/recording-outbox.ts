// An Outbox that records every effect as plain data, for scripted protocol tests: feed a node
// one input, then compare what it did with what it should have done. Randomness comes from the
// source the test passes in (seeded), so a script replays exactly.
import type { Micros } from '../scenario/scenario.js';
import type { Message, Outbox, ReplyStatus, Role } from './node.js';

export type Effect =
  | { kind: 'send'; to: number; msg: Message }
  | { kind: 'setTimer'; id: number; delay: Micros }
  | { kind: 'cancelTimer'; id: number }
  | { kind: 'deferTimer'; id: number }
  | { kind: 'reply'; attempt: number; status: ReplyStatus; value: number }
  | { kind: 'persist'; token: number }
  | { kind: 'role'; role: Role; term: number; group: number }
  | { kind: 'commit'; index: number; term: number; op: number; group: number }
  | { kind: 'election'; term: number; group: number }
  | { kind: 'served'; term: number; group: number };

export type EffectKind = Effect['kind'];
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>;

export class RecordingOutbox implements Outbox {
  effects: Effect[] = [];
  /** The last persist token requested (kept across `take`), or -1. */
  lastToken = -1;
  /** Timers deferred and not yet taken by `takeDeferred` (kept across `take`). */
  private deferred: number[] = [];

  /**
   * @param rand uniform [0, 1) source, e.g. `seedrandom.alea('seed')`
   * @param onPersist called after a persist is recorded — e.g. to confirm it synchronously
   */
  constructor(
    private readonly rand: () => number,
    private readonly onPersist?: (token: number) => void,
  ) {}

  send(to: number, msg: Message): void {
    this.effects.push({ kind: 'send', to, msg });
  }
  setTimer(id: number, delay: Micros): void {
    this.effects.push({ kind: 'setTimer', id, delay });
  }
  cancelTimer(id: number): void {
    this.effects.push({ kind: 'cancelTimer', id });
  }
  deferTimer(id: number): void {
    this.effects.push({ kind: 'deferTimer', id });
    this.deferred.push(id);
  }

  /** The deferred timers not taken yet, in order; the script fires them when it chooses. */
  takeDeferred(): number[] {
    const taken = this.deferred;
    this.deferred = [];
    return taken;
  }
  reply(attempt: number, status: ReplyStatus, value: number): void {
    this.effects.push({ kind: 'reply', attempt, status, value });
  }
  persist(token: number): void {
    this.effects.push({ kind: 'persist', token });
    this.lastToken = token;
    this.onPersist?.(token);
  }
  random(): number {
    return this.rand();
  }
  role(role: Role, term: number, group = 0): void {
    this.effects.push({ kind: 'role', role, term, group });
  }
  commit(index: number, term: number, op: number, group = 0): void {
    this.effects.push({ kind: 'commit', index, term, op, group });
  }
  electionStarted(term: number, group = 0): void {
    this.effects.push({ kind: 'election', term, group });
  }
  served(term: number, group = 0): void {
    this.effects.push({ kind: 'served', term, group });
  }

  /** Returns the effects recorded so far and starts a fresh list. */
  take(): Effect[] {
    const taken = this.effects;
    this.effects = [];
    return taken;
  }

  /** The recorded effects of one kind, in order. */
  of<K extends EffectKind>(kind: K): EffectOf<K>[] {
    return this.effects.filter((e): e is EffectOf<K> => e.kind === kind);
  }

  /** Messages sent, as (to, msg) pairs; with `type`, only messages of that type. */
  sent(type?: string): { to: number; msg: Message }[] {
    return this.of('send')
      .filter((e) => type === undefined || e.msg.type === type)
      .map((e) => ({ to: e.to, msg: e.msg }));
  }
}
