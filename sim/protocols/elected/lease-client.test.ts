// The server side of leasing, scripted: each input, then the effects it must have.
import seedrandom from 'seedrandom';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReplyStatus } from '../node.js';
import { RecordingOutbox } from '../../../test/fixtures/recording-outbox.js';
import { IdPool } from './id-pool.js';
import { LeaseClient, MAX_IN_FLIGHT } from './lease-client.js';
import type { LeaseRequest } from './lease-messages.js';

const TIMER = 7;
const FALLBACK = 9;
const config = { batch: 2, deadline: 100, timeout: 300, hold: 50, timerId: TIMER, fallback: () => FALLBACK };

let out: RecordingOutbox;
let lease: LeaseClient;
beforeEach(() => {
  out = new RecordingOutbox(seedrandom.alea('lease'));
  lease = new LeaseClient(config);
});

const asked = () => out.sent('LeaseRequest').map(({ to, msg }) => ({ to, seq: (msg as LeaseRequest).seq }));
const answers = () => out.of('reply').map((r) => [r.attempt, r.status, r.value]);

describe('LeaseClient', () => {
  it('queues requests while it has no IDs and asks for one block per `batch` of them', () => {
    lease.request(0, 1, out);
    lease.request(0, 2, out);
    expect(asked()).toEqual([{ to: FALLBACK, seq: 0 }]);
    lease.request(0, 3, out);
    expect(asked()).toEqual([
      { to: FALLBACK, seq: 0 },
      { to: FALLBACK, seq: 1 },
    ]);
    expect(answers()).toEqual([]);
    expect(out.of('setTimer')).toContainEqual({ kind: 'setTimer', id: TIMER, delay: 300 });
  });

  it('answers the waiting requests from a grant, oldest first, and later ones from what is left', () => {
    lease.request(0, 1, out);
    lease.granted(5, 4, 0, 100, 3, out);
    lease.request(6, 2, out);
    lease.request(7, 3, out);
    expect(answers()).toEqual([
      [1, ReplyStatus.Ok, 100],
      [2, ReplyStatus.Ok, 101],
      [3, ReplyStatus.Ok, 102],
    ]);
    expect(asked()).toHaveLength(1);
    // the pool is used up: the next request asks the coordinator that granted the last block
    lease.request(8, 4, out);
    expect(asked()[1]).toEqual({ to: 4, seq: 1 });
  });

  it('follows a redirect at once, and waits `hold` after a refusal that names no coordinator', () => {
    lease.request(0, 1, out);
    lease.refused(1, FALLBACK, 0, 3, out);
    expect(asked()).toEqual([
      { to: FALLBACK, seq: 0 },
      { to: 3, seq: 1 },
    ]);
    lease.refused(2, 3, 1, -1, out);
    expect(asked()).toHaveLength(2);
    expect(out.of('setTimer').at(-1)).toEqual({ kind: 'setTimer', id: TIMER, delay: 50 });
    lease.timer(52, out);
    expect(asked()[2]).toEqual({ to: FALLBACK, seq: 2 });
  });

  it('gives up a request unanswered within `timeout` and asks elsewhere; a late grant is still used', () => {
    lease.request(0, 1, out);
    lease.granted(10, 4, 0, 0, 2, out); // the coordinator is node 4
    lease.request(20, 2, out);
    lease.request(20, 3, out);
    lease.request(20, 4, out);
    expect(asked().slice(1)).toEqual([{ to: 4, seq: 1 }]);
    lease.request(250, 5, out); // attempts 3 and 4 have expired by now
    lease.timer(319, out); // not yet
    expect(asked()).toHaveLength(2);
    lease.timer(320, out);
    expect(asked()[2]).toEqual({ to: FALLBACK, seq: 2 });
    lease.granted(330, 4, 1, 50, 2, out); // the late answer still serves attempt 5
    expect(answers().at(-1)).toEqual([5, ReplyStatus.Ok, 50]);
  });

  it('drops requests whose clients gave up (their deadline passed) instead of answering them', () => {
    lease.request(0, 1, out);
    lease.request(60, 2, out);
    lease.granted(120, 4, 0, 0, 2, out);
    expect(answers()).toEqual([[2, ReplyStatus.Ok, 0]]);
  });

  it('sends what it asked of an old coordinator to the new one as soon as it learns of it', () => {
    lease.request(0, 1, out);
    lease.coordinatorChanged(5, 3, out);
    expect(asked()).toEqual([
      { to: FALLBACK, seq: 0 },
      { to: 3, seq: 1 },
    ]);
    lease.coordinatorChanged(6, 3, out);
    expect(asked()).toHaveLength(2);
  });

  it('ends a hold when it learns of a coordinator: the hold only waits for one to exist', () => {
    lease.request(0, 1, out);
    lease.refused(1, FALLBACK, 0, -1, out); // no coordinator known: hold until 51
    expect(asked()).toHaveLength(1);
    lease.coordinatorChanged(10, 3, out);
    expect(asked()[1]).toEqual({ to: 3, seq: 1 });
  });

  it(`keeps at most ${MAX_IN_FLIGHT} lease requests in flight`, () => {
    const one = new LeaseClient({ ...config, batch: 1 });
    for (let a = 0; a < 3 * MAX_IN_FLIGHT; a++) one.request(0, a, out);
    expect(asked()).toHaveLength(MAX_IN_FLIGHT);
    one.granted(1, 4, 0, 1000, 1, out);
    expect(asked()).toHaveLength(MAX_IN_FLIGHT + 1);
  });

  it('forgets everything in a crash', () => {
    lease.request(0, 1, out);
    lease.granted(1, 4, 0, 0, 10, out);
    lease.crash();
    out.take();
    lease.request(2, 2, out);
    expect(answers()).toEqual([]);
    expect(asked()).toEqual([{ to: FALLBACK, seq: 1 }]);
  });
});

describe('IdPool', () => {
  it('hands out the blocks in the order granted, then -1', () => {
    const pool = new IdPool();
    pool.add(10, 2);
    pool.add(0, 1);
    expect([pool.take(), pool.take(), pool.take(), pool.take()]).toEqual([10, 11, 0, -1]);
  });
});
