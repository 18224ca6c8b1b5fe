// Randomness: one root seed, and an independent stream per component named by a stable label
// ('node/3/election', 'net/delay', 'workload/arrivals'). Streams are seeded from (seed, label),
// not drawn from one shared sequence, so adding a node or a fault does not change what any
// other component draws. Built on seedrandom's alea generator: as fast as a hand-written sfc32
// and several times faster than seedrandom's default ARC4.
import seedrandom from 'seedrandom';

/** A uniform source in [0, 1). */
export type Random = () => number;

export function stream(seed: number, label: string): Random {
  return seedrandom.alea(`${seed}|${label}`);
}

/** Seed of trial k: trial 0 runs the scenario's own seed, later trials a seed derived from (seed, k). */
export function trialSeed(seed: number, trial: number): number {
  if (trial === 0) return seed;
  return seedrandom.alea(`${seed}|trial|${trial}`).int32() >>> 0;
}
