// Property tests: random crash, restart and partition schedules over groups of 3 to 7 with
// random intersecting (Flexible Paxos) quorums; every check must hold for every schedule. The
// same property must fail for quorums that do not intersect (phase1 + phase2 ≤ nodes): two
// leaders then choose different values for one slot — proof that the checks can catch it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paxosWorld } from '../../../test/paxos/protocol.js';
import { schedule, violationsUnder } from '../../../test/fault-schedule.js';

const scenario = fc.record({
  nodes: fc.constantFrom(3, 5, 7),
  /** phase 1's share of the nodes; phase 2 takes the rest plus one (or, broken, exactly the rest). */
  split: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.nat(),
  schedule,
  pipeline: fc.integer({ min: 1, max: 4 }),
  maxBatch: fc.integer({ min: 1, max: 8 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Quorum sizes in 1..n: intersecting (phase1 + phase2 = n + 1), or broken (= n). */
function quorums(n: number, split: number, broken: boolean): { phase1: number; phase2: number } {
  const phase1 = Math.min(n, 1 + Math.floor(split * n));
  const phase2 = Math.max(1, n + (broken ? 0 : 1) - phase1);
  return { phase1, phase2 };
}

/** Runs one schedule under load (test/fault-schedule.ts); returns the violations. */
function violations(s: Scenario, broken: boolean): string[] {
  const { nodes, seed, split, pipeline, maxBatch } = s;
  const { c, clients } = paxosWorld(
    { nodes, seed: String(seed), loss: 0.01 },
    { quorums: quorums(nodes, split, broken), pipeline, maxBatch },
  );
  return violationsUnder(c, clients, s.schedule);
}

describe('multi-paxos under random fault schedules', () => {
  it('keeps every invariant with intersecting quorums', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(violations(s, false)).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('finds a schedule that breaks quorums that do not intersect', () => {
    const result = fc.check(
      fc.property(scenario, (s) => violations(s, true).length === 0),
      { numRuns: 60, seed: 7 },
    );
    expect(result.failed).toBe(true);
    const found = result.counterexample === null ? [] : violations(result.counterexample[0], true);
    expect(found.some((v) => v.startsWith('committed-entries-never-change'))).toBe(true); // two values in one slot
  });
});
