// Property tests: random crash, restart and partition schedules over 3- and 5-node groups with
// random protocol options; the checks must hold for every schedule. And the same property
// must fail for the deliberately broken protocol — proof that it can.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../test/raft/cluster.js';
import { TestClients } from '../../../test/raft/clients.js';
import { schedule, violationsUnder } from '../../../test/fault-schedule.js';

const scenario = fc.record({
  nodes: fc.constantFrom(3, 5),
  seed: fc.nat(),
  schedule,
  preVote: fc.boolean(),
  checkQuorum: fc.boolean(),
  leaseReads: fc.boolean(),
  pipeline: fc.integer({ min: 1, max: 4 }),
  maxBatch: fc.integer({ min: 1, max: 8 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Runs one schedule under load (test/fault-schedule.ts); returns the violations. */
function violations(s: Scenario, unsafe: boolean): string[] {
  const { nodes, seed, schedule: faults, ...options } = s;
  const c = new Cluster({ nodes, seed: String(seed), options, unsafe: { commitWithoutMajority: unsafe }, loss: 0.01 });
  return violationsUnder(c, new TestClients(c, String(seed)), faults);
}

describe('raft under random fault schedules', () => {
  it('keeps every invariant', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(violations(s, false)).toEqual([]);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('finds a schedule that breaks the unsafe protocol', () => {
    const result = fc.check(
      fc.property(scenario, (s) => violations(s, true).length === 0),
      { numRuns: 60, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });
});
