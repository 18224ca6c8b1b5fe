// Invariant violations as run, merge and sweep report them: the first few on stderr, each naming
// the run (variant, trial, seed) so it can be replayed; all of them in --json output.
import type { InvariantViolation, RunResult } from '../sim/metrics/run-result.js';

/** At most this many lines on stderr: one broken invariant usually breaks many runs alike. */
const MAX_PRINTED = 10;

export interface RunViolation extends InvariantViolation {
  variant: string;
  trial: number;
  seed: number;
}

/** Every violation of the results, with the run it happened in. */
export function violationsOf(results: readonly RunResult[]): RunViolation[] {
  return results.flatMap((r) => r.violations.map((v) => ({ variant: r.variant, trial: r.trial, seed: r.seed, ...v })));
}

/** Prints the first violations to stderr; `source` names the scenario (a file, or a name for merge). */
export function printViolations(source: string, violations: readonly RunViolation[]): void {
  for (const v of violations.slice(0, MAX_PRINTED)) {
    process.stderr.write(
      `leadsim: INVARIANT VIOLATED in ${source} (variant ${v.variant}, trial ${v.trial}, seed ${v.seed}) at ${v.at_ms} ms: ${v.invariant}: ${v.detail}\n`,
    );
  }
}
