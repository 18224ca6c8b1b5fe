// What the checks across fields share: how they report a problem, and the checks every
// distribution gets wherever it appears.
import type { DistSpec } from './scenario.js';
import { formatDuration as fmt } from './units.js';

export type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;

export function checkDist(path: Path, d: DistSpec, report: Report): void {
  if (d.dist === 'uniform' && d.min > d.max) report([...path, 'max'], `must be at least min (${fmt(d.min)}) (got ${fmt(d.max)})`);
  if (d.dist === 'lognormal' && d.p99 < d.median)
    report([...path, 'p99'], `must be at least the median (${fmt(d.median)}) (got ${fmt(d.p99)})`);
}
