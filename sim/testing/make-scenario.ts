// Builds normalized scenarios in code for tests and the benchmark, with small fixed defaults
// (no network delay, no faults) so a test states only what it is about.
import type { ArchitectureSpec, ArrivalSpec, FaultSpec, RunSpec, Scenario } from '../scenario/scenario.js';
import { DEFAULT_MAX_PENDING } from '../scenario/schema.js';

type Overrides = Partial<Omit<Scenario, 'architecture'>> & { architecture: ArchitectureSpec };

export function makeScenario(overrides: Overrides): Scenario {
  return {
    name: 'test',
    description: '',
    seed: 1,
    duration: 10_000_000,
    warmup: 1_000_000,
    bucket: 100_000,
    trials: 1,
    network: { delay: { dist: 'constant', value: 0 }, loss: 0 },
    cpu: { service: { dist: 'exponential', mean: 100 }, perMessage: 10, perEntry: 2 },
    workload: {
      arrival: { kind: 'poisson', ratePerSecond: 1000 },
      writes: 0.5,
      keys: { dist: 'uniform', count: 1000 },
      timeout: 10_000_000,
      retries: { max: 0, backoff: 50_000 },
    },
    faults: [],
    ...overrides,
  };
}

export function makeRun(overrides: Overrides, variant = ''): RunSpec {
  return { scenario: makeScenario(overrides), variant, sweepPoint: {} };
}

export function lb(
  nodes: number,
  policy: 'round-robin' | 'random' | 'least-outstanding' | 'power-of-two' = 'round-robin',
): ArchitectureSpec {
  return { kind: 'stateless-lb', nodes, policy, healthCheck: { interval: 1_000_000, unhealthyAfter: 3 } };
}

export type RaftGroupSpec = Extract<ArchitectureSpec, { kind: 'raft-group' }>;

/** A LAN: lognormal delay, median 500 µs, p99 2 ms, no loss. */
export const LAN: Scenario['network'] = { delay: { dist: 'lognormal', median: 500, p99: 2000 }, loss: 0 };

/** A raft-group with the scenario defaults (timeouts 150–300 ms, heartbeat 50 ms, batch 64, pipeline 4). */
export function raft(nodes: number, options: Partial<RaftGroupSpec> = {}): RaftGroupSpec {
  return {
    kind: 'raft-group',
    nodes,
    electionTimeout: [150_000, 300_000],
    heartbeat: 50_000,
    preVote: false,
    checkQuorum: false,
    leaseReads: false,
    maxBatch: 64,
    pipeline: 4,
    maxPending: DEFAULT_MAX_PENDING,
    ...options,
  };
}

export interface LoadSetup {
  arrival: ArrivalSpec;
  network: Scenario['network'];
  faults?: FaultSpec[];
  bucket?: number;
}

/** Four seconds (the first one warmup) of a half-write load with 100 ms timeouts and up to
 *  10 retries 10 ms apart: what the elected-architecture tests run. */
export function loadRun(architecture: ArchitectureSpec, setup: LoadSetup): RunSpec {
  return makeRun({
    architecture,
    duration: 4_000_000,
    warmup: 1_000_000,
    bucket: setup.bucket ?? 100_000,
    faults: setup.faults ?? [],
    network: setup.network,
    workload: {
      arrival: setup.arrival,
      writes: 0.5,
      keys: { dist: 'uniform', count: 1000 },
      timeout: 100_000,
      retries: { max: 10, backoff: 10_000 },
    },
  });
}

/** What the longest stretch without a success looks like when nothing is wrong: successes of a
 *  Poisson stream at `ratePerSecond` over `seconds` leave a longest gap of about
 *  (ln(λT) + γ)/λ; twice that, in ms, bounds it for a test. */
export function noiseGapMs(ratePerSecond: number, seconds: number): number {
  return (2 * (Math.log(ratePerSecond * seconds) + 0.5772) * 1000) / ratePerSecond;
}
