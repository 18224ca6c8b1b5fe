// Property tests through the real engine: random fault schedules (crashes with and without
// recovery, of a node, a random node or the leader; partitions, healed or not; message loss)
// over raft groups of 3, 5 and 7 with random protocol options and seeds. Every run must keep
// Raft's safety promises as the run's own checker sees them: no invariant violation (one leader
// per term, committed entries never change, acknowledged writes durable), no acknowledged write
// missing from the final committed state, no stale read. The same checker must then catch the
// deliberately broken protocol (commitWithoutMajority) — proof that it can fail.
//
// A failure names the simulation seed and the whole scenario (fast-check adds its own seed and
// path). FC_SEED=<n> searches with another fast-check seed, FC_RUNS=<n> tries more schedules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../engine/run.js';
import type { RunResult } from '../metrics/run-result.js';
import type { ArchitectureSpec, CrashTarget, FaultSpec, PartitionMember, RunSpec } from '../scenario/scenario.js';
import { load, makeRun } from '../../test/fixtures/scenario.js';
import { buildRaftGroup } from './raft-group/raft-group.js';

const MS = 1000;
const S = 1_000_000;
const DURATION = 3.5 * S;
const FC_SEED = Number(process.env.FC_SEED ?? 2014);
const RUNS_PER_SIZE = Number(process.env.FC_RUNS ?? 25);

type RaftSpec = Extract<ArchitectureSpec, { kind: 'raft-group' }>;

interface Case {
  nodes: number;
  seed: number;
  loss: number;
  writes: number;
  preVote: boolean;
  checkQuorum: boolean;
  leaseReads: boolean;
  pipeline: number;
  maxBatch: number;
  maxPending: number;
  disk: boolean;
  faults: FaultSpec[];
  /** The last nodes that never vote (absent: all vote). */
  learners?: number;
  /** Followers reached through this many relays (absent: none). */
  relays?: number;
}

const at = fc.integer({ min: 300 * MS, max: 3 * S });
const after = fc.option(fc.integer({ min: 20 * MS, max: 2 * S }), { nil: undefined });

function crash(nodes: number): fc.Arbitrary<FaultSpec> {
  const target: fc.Arbitrary<CrashTarget> = fc.oneof(fc.nat(nodes - 1), fc.constant('leader' as const), fc.constant('random' as const));
  return fc.record({ type: fc.constant('crash' as const), at, target, recoverAfter: after });
}

/** Each node on one of up to three sides, or the current leader cut off alone. */
function partition(nodes: number): fc.Arbitrary<FaultSpec> {
  const bySide = fc.array(fc.nat(2), { minLength: nodes, maxLength: nodes }).map((side) => {
    const groups: PartitionMember[][] = [[], [], []];
    side.forEach((s, node) => groups[s].push(node));
    return groups.filter((g) => g.length > 0);
  });
  const isolateLeader = fc.constant<PartitionMember[][]>([['leader']]);
  return fc.record({ type: fc.constant('partition' as const), at, groups: fc.oneof(bySide, isolateLeader), healAfter: after });
}

function cases(nodes: number): fc.Arbitrary<Case> {
  return fc.record({
    nodes: fc.constant(nodes),
    seed: fc.nat(),
    loss: fc.integer({ min: 0, max: 50 }).map((perMille) => perMille / 1000),
    writes: fc.constantFrom(1, 0.7, 0.4),
    preVote: fc.boolean(),
    checkQuorum: fc.boolean(),
    leaseReads: fc.boolean(),
    pipeline: fc.integer({ min: 1, max: 4 }),
    maxBatch: fc.constantFrom(1, 4, 64),
    maxPending: fc.constantFrom(0, 3, 128),
    disk: fc.boolean(),
    faults: fc.array(fc.oneof(crash(nodes), partition(nodes)), { maxLength: 6 }),
  });
}

function scenarioOf(c: Case): RunSpec {
  const architecture: RaftSpec = {
    kind: 'raft-group',
    nodes: c.nodes,
    electionTimeout: [150 * MS, 300 * MS],
    heartbeat: 50 * MS,
    preVote: c.preVote,
    checkQuorum: c.checkQuorum,
    leaseReads: c.leaseReads,
    maxBatch: c.maxBatch,
    pipeline: c.pipeline,
    maxPending: c.maxPending,
    ...(c.learners === undefined ? {} : { learners: c.learners }),
    ...(c.relays === undefined ? {} : { relays: c.relays }),
  };
  return makeRun({
    seed: c.seed,
    duration: DURATION,
    warmup: 500 * MS,
    bucket: 100 * MS,
    architecture,
    network: { delay: { dist: 'lognormal', median: 500, p99: 2 * MS }, loss: c.loss },
    disk: c.disk ? { fsync: { dist: 'lognormal', median: 500, p99: 2 * MS } } : undefined,
    workload: load({ rate: 300, writes: c.writes, keys: 50, timeout: 100 * MS, retries: 3, backoff: 20 * MS }),
    faults: c.faults,
  });
}

/** The checker: what a run broke, as readable lines (empty when it kept every promise). */
function problems(r: RunResult): string[] {
  const found = r.violations.map((v) => `${v.invariant} at ${v.at_ms} ms: ${v.detail}`);
  if (r.summary.acked_writes_lost !== 0) found.push(`acked_writes_lost = ${r.summary.acked_writes_lost}`);
  if (r.summary.stale_reads !== 0) found.push(`stale_reads = ${r.summary.stale_reads}`);
  return found;
}

const describeCase = (c: Case) => `seed ${c.seed}, reproduce with runOnce(scenarioOf(${JSON.stringify(c)}), 0)`;

function checkSafe(c: Case, build?: 'unsafe'): string[] {
  const run = scenarioOf(c);
  const hooks = build === 'unsafe' ? { build: unsafeBuild(run) } : {};
  return problems(runOnce(run, 0, hooks).result);
}

function unsafeBuild(run: RunSpec) {
  return (ctx: Parameters<typeof buildRaftGroup>[1]) =>
    buildRaftGroup(run.scenario.architecture as RaftSpec, ctx, { commitWithoutMajority: true });
}

describe('raft-group keeps its invariants under random fault schedules', () => {
  for (const nodes of [3, 5, 7]) {
    it(`${nodes} nodes: ${RUNS_PER_SIZE} random schedules, no violation, no acknowledged write lost, no stale read`, () => {
      let faults = 0;
      fc.assert(
        fc.property(cases(nodes), (c) => {
          faults += c.faults.length;
          const found = checkSafe(c);
          expect(found, `${describeCase(c)}\n${found.join('\n')}`).toEqual([]);
        }),
        { numRuns: RUNS_PER_SIZE, seed: FC_SEED + nodes },
      );
      expect(faults).toBeGreaterThan(RUNS_PER_SIZE); // the schedules did inject faults
    });
  }
});

describe('raft-group with learners keeps its invariants under random fault schedules', () => {
  for (const [nodes, learners] of [
    [5, 2],
    [7, 4],
  ]) {
    it(`${nodes - learners} voters + ${learners} learners: random schedules, no violation, no acknowledged write lost, no stale read`, () => {
      fc.assert(
        fc.property(
          cases(nodes).map((c) => ({ ...c, learners })),
          (c) => {
            const found = checkSafe(c);
            expect(found, `${describeCase(c)}\n${found.join('\n')}`).toEqual([]);
          },
        ),
        { numRuns: Math.ceil(RUNS_PER_SIZE / 2), seed: FC_SEED + 100 + nodes },
      );
    });
  }
});

describe('raft-group with relays keeps its invariants under random fault schedules (relays crash too)', () => {
  for (const [nodes, relays, learners] of [
    [7, 2, 0],
    [9, 3, 4],
  ]) {
    it(`${nodes} nodes, ${relays} relay groups, ${learners} learners: no violation, no acknowledged write lost, no stale read`, () => {
      fc.assert(
        fc.property(
          cases(nodes).map((c) => ({ ...c, relays, ...(learners > 0 ? { learners } : {}) })),
          (c) => {
            const found = checkSafe(c);
            expect(found, `${describeCase(c)}\n${found.join('\n')}`).toEqual([]);
          },
        ),
        { numRuns: Math.ceil(RUNS_PER_SIZE / 2), seed: FC_SEED + 200 + nodes },
      );
    });
  }
});

describe('the same checker catches a deliberately broken protocol', () => {
  // The leader is cut off at 1.5 s and the partition heals at 2.5 s. Clients keep writing to it
  // (they reach every live node): a correct leader cannot commit anything without a majority,
  // but one that commits without a majority acknowledges writes that the majority's new leader
  // overwrites at the same log indices.
  const isolated: Case = {
    nodes: 5,
    seed: 3,
    loss: 0,
    writes: 1,
    preVote: false,
    checkQuorum: false,
    leaseReads: false,
    pipeline: 4,
    maxBatch: 64,
    maxPending: 128,
    disk: false,
    faults: [{ type: 'partition', at: 1.5 * S, groups: [['leader']], healAfter: 1 * S }],
  };

  it('a correct group passes the isolated-leader schedule', () => {
    expect(checkSafe(isolated)).toEqual([]);
  });

  it('commitWithoutMajority breaks committed-entries-never-change and acked-writes-durable', () => {
    const run = scenarioOf(isolated);
    const r = runOnce(run, 0, { build: unsafeBuild(run) }).result;
    const found = problems(r);
    console.info(`unsafe protocol, isolated leader: ${found.length} problems, first: ${found[0]}`);
    expect(found.length).toBeGreaterThan(0);
    const kinds = new Set(r.violations.map((v) => v.invariant));
    expect(kinds.has('committed-entries-never-change') || kinds.has('acked-writes-durable')).toBe(true);
    expect(r.summary.acked_writes_lost as number).toBeGreaterThan(0);
  });

  it('the random-schedule property fails for the broken protocol', () => {
    const result = fc.check(
      fc.property(cases(5), (c) => checkSafe(c, 'unsafe').length === 0),
      { numRuns: RUNS_PER_SIZE, seed: FC_SEED },
    );
    expect(result.failed).toBe(true);
    console.info(`unsafe protocol: the property failed after ${result.numRuns} runs (${result.counterexample?.[0].faults.length} faults)`);
  });
});
