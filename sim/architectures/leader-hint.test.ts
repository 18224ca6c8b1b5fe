import { describe, expect, it } from 'vitest';
import { stream } from '../core/rng.js';
import { ReplyStatus } from '../protocols/node.js';
import { leaderRouting } from './leader-hint.js';

const attempt = (session: number, key = 0) => ({ op: 0, key, write: false, session });

describe('leaderRouting', () => {
  it('each session learns who leads on its own', () => {
    const routing = leaderRouting([[0, 1, 2, 3, 4]], stream(1, 'test'));
    routing.attemptEnded(0, 2, ReplyStatus.Ok, 0, 0, 1, true);
    expect(routing.route(0, attempt(1))).toBe(2);
    routing.attemptEnded(0, 4, ReplyStatus.Redirect, 3, 0, 0, true);
    expect(routing.route(0, attempt(0))).toBe(3);
    expect(routing.route(0, attempt(1))).toBe(2); // session 1 has not heard of the redirect
    routing.attemptEnded(0, 2, -1, 0, 0, 1, true); // its leader went silent: it forgets it
    const picks = new Set(Array.from({ length: 50 }, () => routing.route(0, attempt(1))));
    expect(picks.size).toBeGreaterThan(1);
    expect(routing.route(0, attempt(0))).toBe(3);
  });

  it('keeps one hint per group within a session', () => {
    const routing = leaderRouting(
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
      stream(1, 'test'),
      (key) => key % 2,
    );
    routing.attemptEnded(0, 1, ReplyStatus.Ok, 0, 0, 7, true);
    routing.attemptEnded(0, 5, ReplyStatus.Ok, 0, 1, 7, true);
    expect(routing.route(0, attempt(7, 2))).toBe(1);
    expect(routing.route(0, attempt(7, 3))).toBe(5);
  });

  it('with follower reads: reads go to members drawn at random and teach nothing, writes go to the leader', () => {
    const members = [[0, 1, 2, 3, 4, 5, 6]];
    const routing = leaderRouting([[0, 1, 2]], stream(1, 'test'), undefined, { members, rng: stream(1, 'reads') });
    routing.attemptEnded(0, 1, ReplyStatus.Ok, 0, 0, 0, true);
    routing.attemptEnded(0, 6, ReplyStatus.Ok, 0, 0, 0, false); // a learner answered a read
    expect(routing.route(0, { op: 0, key: 0, write: true, session: 0 })).toBe(1);
    const reads = Array.from({ length: 700 }, () => routing.route(0, attempt(0)));
    for (let node = 0; node < 7; node++) expect(reads.filter((n) => n === node).length).toBeGreaterThan(60); // ~100 each
  });
});
