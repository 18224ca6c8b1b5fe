// "How many servers for this much throughput?" — read off a sweep over node count: for each
// variant, the smallest swept N whose mean throughput reaches a target. Targets are round
// powers of ten up to the best throughput any variant reached.
import type { RunResult } from '../metrics/run-result.js';
import { groupBy, meanOf, numericSweepKey } from './aggregate.js';

export interface ServersNeeded {
  key: string;
  targets: number[];
  /** Per variant: the N reaching each target, or null where no swept N did. */
  rows: { variant: string; nodes: (number | null)[]; best: number }[];
}

export function serversNeeded(results: readonly RunResult[], sweepKeys: readonly string[]): ServersNeeded | null {
  const key = numericSweepKey(results, sweepKeys);
  if (key === null || !key.endsWith('nodes')) return null;
  const curves = [...groupBy(results, (r) => r.variant).entries()].map(([variant, runs]) => {
    const points = [...groupBy(runs, (r) => String(r.sweepPoint[key])).values()]
      .map((pointRuns) => ({ n: Number(pointRuns[0].sweepPoint[key]), throughput: meanOf(pointRuns, 'throughput_ops_s') ?? 0 }))
      .sort((a, b) => a.n - b.n);
    return { variant, points };
  });
  const best = Math.max(...curves.flatMap((c) => c.points.map((p) => p.throughput)));
  if (!(best >= 10)) return null;
  const targets: number[] = [];
  for (let t = 10 ** Math.floor(Math.log10(best)); t >= 10 && targets.length < 4; t /= 10) targets.unshift(t);
  const rows = curves.map(({ variant, points }) => ({
    variant,
    nodes: targets.map((t) => points.find((p) => p.throughput >= t)?.n ?? null),
    best: Math.max(...points.map((p) => p.throughput)),
  }));
  return { key, targets, rows };
}
