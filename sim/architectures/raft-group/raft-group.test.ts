// The raft-group architecture through the real engine (runOnce), against the published record
// and first principles:
// - Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm" (USENIX ATC 2014),
//   §9.3 and figure 16: a five-node group whose leader crashes; with 150–300 ms election
//   timeouts every new leader is in place well within half a second, with no randomness
//   (150–150 ms) split votes make elections drag on for seconds.
// - A leader pays perMessage and perEntry for every follower: at a fixed load its CPU fills up
//   as the group grows, until it cannot keep up.
// - A group of N tolerates ⌊(N−1)/2⌋ crashes: 4 nodes tolerate one, like 3; 5 tolerate two.
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../engine/run.js';
import type { FailoverRow, RunResult } from '../../metrics/run-result.js';
import type { FaultSpec, RunSpec } from '../../scenario/scenario.js';
import { load, makeRun, raft } from '../../../test/fixtures/scenario.js';

const MS = 1000;
const S = 1_000_000;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor((xs.length - 1) / 2)];
const num = (cell: unknown) => cell as number;

/** Completed ops per second over [fromMs, toMs), from the time series. */
function throughputBetween(r: RunResult, fromMs: number, toMs: number): number {
  const rows = r.timeseries.filter((row) => num(row.t_ms) >= fromMs && num(row.t_ms) < toMs);
  expect(rows.length).toBeGreaterThan(0);
  return rows.reduce((sum, row) => sum + num(row.throughput_ops_s), 0) / rows.length;
}

/** Every run must keep Raft's promises: no invariant broken, no acknowledged write lost. */
function expectSafe(r: RunResult): void {
  expect(r.violations, `seed ${r.seed} trial ${r.trial}`).toEqual([]);
  expect(r.summary.acked_writes_lost, `seed ${r.seed} trial ${r.trial}`).toBe(0);
}

// ---- §9.3, figure 16 ----

const TRIALS = 100;
const CRASH_AT = 2 * S;

/** The paper's experiment (scenarios/raft-election-timeouts.yaml), shortened to 2 s after the crash. */
function paperRun(electionTimeout: [number, number]): RunSpec {
  return makeRun({
    seed: 2014,
    duration: 4 * S,
    warmup: 1 * S,
    bucket: 50 * MS,
    architecture: raft(5, { electionTimeout }),
    network: { delay: { dist: 'lognormal', median: 500, p99: 2 * MS }, loss: 0 },
    disk: { fsync: { dist: 'lognormal', median: 300, p99: 1 * MS } },
    workload: load({ rate: 200, writes: 1, keys: 1000, timeout: 100 * MS, retries: 100, backoff: 10 * MS }),
    faults: [{ type: 'crash', at: CRASH_AT, target: 'leader' }],
  });
}

const memo = new Map<string, RunResult[]>();
/** Trial k = runOnce(run, k), k = 0..99; computed once per timeout range and shared by the tests. */
function paperTrials(electionTimeout: [number, number]): RunResult[] {
  const key = electionTimeout.join('-');
  let results = memo.get(key);
  if (results === undefined) {
    const run = paperRun(electionTimeout);
    results = Array.from({ length: TRIALS }, (_, k) => runOnce(run, k).result);
    memo.set(key, results);
  }
  return results;
}

function onlyFailover(r: RunResult): FailoverRow {
  expect(r.failovers, `trial ${r.trial}: one crash of the leader, one failover`).toHaveLength(1);
  return r.failovers[0];
}

describe('raft-group against Ongaro & Ousterhout 2014, §9.3 (figure 16)', () => {
  it('150–300 ms: every failover completes; a new leader within [100, 500] ms, median failover in [150, 300] ms', () => {
    const rows = paperTrials([150 * MS, 300 * MS]).map(onlyFailover);
    for (const f of rows) {
      expect(f.fault_at_ms).toBe(CRASH_AT / MS);
      expect(f.first_commit_at_ms, `trial ${f.trial}`).not.toBeNull();
      expect(f.failover_ms, `trial ${f.trial}`).not.toBeNull();
    }
    const elected = rows.map((f) => num(f.elected_at_ms) - num(f.fault_at_ms));
    const failover = rows.map((f) => num(f.failover_ms));
    const rounds = rows.map((f) => num(f.election_rounds));
    // Lower bound: a follower times out electionTimeout.min after it last heard the leader, and
    // the leader crashes at any phase of its heartbeat interval, so a new leader can come as
    // early as 150 − 50 = 100 ms after the crash (the paper: "the smallest possible downtime was
    // about half of the minimum election timeout", its heartbeat being half the minimum timeout).
    // Upper bound: the paper's 150–300 ms curve ends well before 500 ms.
    expect(Math.min(...elected)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...elected)).toBeLessThanOrEqual(500);
    expect(Math.max(...failover)).toBeLessThanOrEqual(500);
    expect(median(failover)).toBeGreaterThanOrEqual(150);
    expect(median(failover)).toBeLessThanOrEqual(300);
    // Sharper, from first principles: the four survivors draw timeouts uniform in [150, 300] ms;
    // the first to expire wins nearly always, so detection is the minimum of four draws, whose
    // median solves ((300 − x)/150)^4 = 1/2: x = 173.9 ms. The followers last heard the leader
    // ~2.5 ms before the crash (an AppendEntries every ~5 ms at 200 writes/s) and a vote takes
    // ~1–2 ms: a median of ~173 ms. The sample median of 100 has an sd of ~3 ms; ±15 ms is ~5 sd.
    expect(median(elected)).toBeGreaterThanOrEqual(158);
    expect(median(elected)).toBeLessThanOrEqual(188);
    // Split votes are uncommon with this much spread: most elections take one round.
    expect(rounds.filter((n) => n === 1).length).toBeGreaterThanOrEqual(80);
    console.info(
      `150-300ms: elected after the crash min ${Math.min(...elected).toFixed(1)} median ${median(elected).toFixed(1)} max ${Math.max(...elected).toFixed(1)} ms; ` +
        `failover_ms min ${Math.min(...failover).toFixed(1)} median ${median(failover).toFixed(1)} max ${Math.max(...failover).toFixed(1)}; ` +
        `one-round elections ${rounds.filter((n) => n === 1).length}/${TRIALS}`,
    );
  });

  it('150–150 ms (no randomness): split votes drag failovers on, as in the paper', () => {
    const fixed = paperTrials([150 * MS, 150 * MS]).map(onlyFailover);
    const spread = paperTrials([150 * MS, 300 * MS]).map(onlyFailover);
    // A failover that never completes within the run counts as infinitely long.
    const ms = (f: FailoverRow) => (f.failover_ms === null ? Infinity : num(f.failover_ms));
    const never = fixed.filter((f) => f.failover_ms === null).length;
    const fixedMedian = median(fixed.map(ms));
    const within300 = (rows: FailoverRow[]) => rows.filter((f) => ms(f) <= 300).length;
    // The paper: with 150–150 ms, elections took many seconds in the worst cases; with 150–300 ms
    // all were done in ~300 ms. Here: the median failover exceeds 1 s (over a third of the trials
    // still have no leader 2 s after the crash) against ~180 ms with randomized timeouts.
    expect(fixedMedian).toBeGreaterThan(1000);
    expect(never).toBeGreaterThanOrEqual(TRIALS / 3);
    expect(within300(spread)).toBeGreaterThanOrEqual(95);
    expect(within300(fixed)).toBeLessThanOrEqual(within300(spread) / 2);
    // The survivors time out together: many more election rounds than with spread timeouts.
    const roundsOf = (rows: FailoverRow[]) => rows.reduce((s, f) => s + (f.election_rounds === null ? 0 : num(f.election_rounds)), 0);
    const electionsOf = (results: RunResult[]) => results.reduce((s, r) => s + num(r.summary.elections), 0);
    expect(electionsOf(paperTrials([150 * MS, 150 * MS]))).toBeGreaterThan(3 * electionsOf(paperTrials([150 * MS, 300 * MS])));
    console.info(
      `150-150ms: median failover ${fixedMedian} ms, ${never}/${TRIALS} without a new leader's commit 2 s after the crash, ` +
        `${within300(fixed)} within 300 ms (150-300ms: ${within300(spread)}); rounds of completed elections ${roundsOf(fixed)} vs ${roundsOf(spread)}; ` +
        `elections ${electionsOf(paperTrials([150 * MS, 150 * MS]))} vs ${electionsOf(paperTrials([150 * MS, 300 * MS]))}`,
    );
  });

  it('loses no acknowledged write and breaks no invariant in any of the 200 runs', () => {
    for (const r of [...paperTrials([150 * MS, 300 * MS]), ...paperTrials([150 * MS, 150 * MS])]) {
      expectSafe(r);
      expect(r.summary.stale_reads).toBe(0);
      expect(num(r.summary.completed)).toBeGreaterThan(0);
    }
  });

  it('serves the offered load before the crash', () => {
    const results = paperTrials([150 * MS, 300 * MS]);
    // 100 trials × ~200 writes in [1 s, 2 s): Poisson noise of the total is ~0.7%.
    const before = results.reduce((s, r) => s + throughputBetween(r, 1000, 2000), 0) / results.length;
    const offered = results.reduce((s, r) => s + num(r.summary.offered_ops_s), 0) / results.length;
    expect(Math.abs(before / 200 - 1)).toBeLessThan(0.03);
    expect(Math.abs(before / offered - 1)).toBeLessThan(0.03);
    console.info(`before the crash: ${before.toFixed(1)} ops/s served, ${offered.toFixed(1)} offered (mean of ${TRIALS} trials)`);
  });
});

describe('raft-group: determinism', () => {
  const run = paperRun([150 * MS, 300 * MS]);

  it('the same trial twice gives deep-equal results', () => {
    const a = runOnce(run, 7);
    const b = runOnce(run, 7);
    expect(b.events).toBe(a.events);
    expect(b.result).toStrictEqual(a.result);
  });

  it('different trials draw different seeds and give different runs', () => {
    const a = runOnce(run, 7).result;
    const b = runOnce(run, 8).result;
    expect(a.seed).not.toBe(b.seed);
    const strip = (r: RunResult) => ({
      failovers: r.failovers.map((f) => ({ ...f, trial: 0 })),
      timeseries: r.timeseries.map((row) => ({ ...row, trial: 0 })),
      completed: r.summary.completed,
      latency: r.summary.latency_mean_ms,
    });
    expect(strip(a)).not.toStrictEqual(strip(b));
    expect(a.failovers[0].failover_ms).not.toBe(b.failovers[0].failover_ms);
  });
});

// ---- the leader as the bottleneck ----

describe('raft-group: the leader saturates as the group grows', () => {
  const RATE = 3000; // writes per second
  const SERVICE = 100; // µs of leader CPU per client request (mean)
  const PER_MESSAGE = 10;
  const PER_ENTRY = 2;

  function saturation(nodes: number) {
    const run = makeRun({
      seed: 5,
      duration: 3 * S,
      warmup: 1 * S,
      bucket: 100 * MS,
      architecture: raft(nodes),
      network: { delay: { dist: 'lognormal', median: 500, p99: 2 * MS }, loss: 0 },
      cpu: { service: { dist: 'exponential', mean: SERVICE }, perMessage: PER_MESSAGE, perEntry: PER_ENTRY },
      workload: load({ rate: RATE, writes: 1, keys: 1000, timeout: 1 * S, retries: 0, backoff: 10 * MS }),
    });
    const r = runOnce(run, 0).result;
    expectSafe(r);
    return {
      nodes,
      offered: num(r.summary.offered_ops_s),
      throughput: num(r.summary.throughput_ops_s),
      leader: num(r.summary.leader_utilization),
    };
  }

  it('leader utilization grows with N; at 3 nodes throughput equals offered, at 151 it falls far below', () => {
    const rows = [3, 15, 51, 151].map(saturation);
    console.info(
      'leader saturation at 3000 writes/s: ' +
        rows.map((r) => `N=${r.nodes}: leader ${r.leader.toFixed(3)}, ${r.throughput.toFixed(0)}/${r.offered.toFixed(0)} ops/s`).join('; '),
    );
    const [n3, n15, , n151] = rows;
    // At 3 nodes little queues, so most writes go out alone: per write the leader pays the
    // request, and per follower one AppendEntries sent (perMessage + perEntry) and one answer
    // received (perMessage): ρ ≤ λ·(S + (N−1)·(2·perMessage + perEntry)) = 3000·144 µs = 0.432.
    // Writes that arrive while the leader is busy share a batch, down to the cost of perfect
    // batching, λ·(S + (N−1)·perEntry) = 0.312 (heartbeats add 0.0008).
    const alone = (RATE * (SERVICE + 2 * (2 * PER_MESSAGE + PER_ENTRY))) / S;
    const batched = (RATE * (SERVICE + 2 * PER_ENTRY)) / S;
    expect(n3.leader).toBeLessThan(alone * 1.02);
    expect(n3.leader).toBeGreaterThan(batched);
    expect(n3.leader).toBeGreaterThan(alone * 0.8); // at ρ ≈ 0.4 most writes still go alone
    expect(Math.abs(n3.throughput / n3.offered - 1)).toBeLessThan(0.01);
    // Utilization grows with N until the leader is saturated.
    expect(n15.leader).toBeGreaterThan(n3.leader + 0.3);
    for (let i = 1; i < rows.length; i++) expect(rows[i].leader).toBeGreaterThanOrEqual(rows[i - 1].leader - 0.01);
    expect(n151.leader).toBeGreaterThan(0.95);
    // Even with perfect batching the leader pays perEntry per follower for every write, so it
    // can never commit more than 1/(S + perEntry·(N−1)) = 1/400 µs = 2500 writes/s at N=151.
    const bound151 = S / (SERVICE + PER_ENTRY * (151 - 1));
    expect(n151.throughput).toBeLessThan(bound151);
    expect(n151.throughput).toBeLessThan(0.8 * n151.offered);
  });
});

// ---- quorum sizes: why 3 or 5, not 4 ----

describe('raft-group: what each group size tolerates', () => {
  const LOAD = 500; // writes per second

  function groupRun(nodes: number, faults: FaultSpec[] = []): RunSpec {
    return makeRun({
      seed: 11,
      duration: 4 * S,
      warmup: 1 * S,
      bucket: 100 * MS,
      architecture: raft(nodes),
      network: { delay: { dist: 'lognormal', median: 500, p99: 2 * MS }, loss: 0 },
      workload: load({ rate: LOAD, writes: 1, keys: 1000, timeout: 100 * MS, retries: 3, backoff: 20 * MS }),
      faults,
    });
  }

  /** Crashes two followers of the leader at 1.5 s and 2.5 s (faults do not change what happens before them). */
  function twoFollowersCrash(nodes: number): { result: RunResult; crashed: number[] } {
    const calm = runOnce(groupRun(nodes), 0).result;
    const leaderAt = calm.timeseries.find((row) => row.t_ms === 1400)?.leader;
    expect(typeof leaderAt).toBe('number');
    const followers = Array.from({ length: nodes }, (_, i) => i).filter((i) => i !== leaderAt);
    const crashed = [followers[0], followers[1]];
    const faults: FaultSpec[] = [
      { type: 'crash', at: 1.5 * S, target: crashed[0] },
      { type: 'crash', at: 2.5 * S, target: crashed[1] },
    ];
    const result = runOnce(groupRun(nodes, faults), 0).result;
    expectSafe(result);
    // The leader never changed: the crashes hit followers only.
    for (const row of result.timeseries.filter((row) => num(row.t_ms) >= 1000)) expect(row.leader).toBe(leaderAt);
    return { result, crashed };
  }

  it('4 nodes tolerate one crash but not two: after the second, no write succeeds', () => {
    const { result } = twoFollowersCrash(4);
    const afterFirst = throughputBetween(result, 1600, 2500);
    const last = throughputBetween(result, 3000, 4000);
    console.info(`4 nodes: ${afterFirst.toFixed(0)} ops/s after one crash, ${last} in the last second after two`);
    expect(Math.abs(afterFirst / LOAD - 1)).toBeLessThan(0.15);
    expect(last).toBe(0);
    expect(num(result.summary.failed)).toBeGreaterThan(0);
  });

  it('5 nodes tolerate two crashes', () => {
    const { result } = twoFollowersCrash(5);
    const last = throughputBetween(result, 3000, 4000);
    console.info(`5 nodes: ${last.toFixed(0)} ops/s in the last second after two crashes`);
    expect(Math.abs(last / LOAD - 1)).toBeLessThan(0.15);
    expect(result.summary.failed).toBe(0);
  });
});
