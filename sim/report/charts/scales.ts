// Scales and tick labels shared by the charts: linear or log chosen from the data, log ticks
// thinned to what fits, and number formats that never print exponents.

import type { D3, Scale } from 'd3-node';

/** Tick labels: SI suffixes for big numbers, up to 3 significant digits for small ones. */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

export const formatPercent = (value: number): string => `${trim(value * 100)}%`;
export const formatSeconds = (ms: number): string => trim(ms / 1000);

export interface ScaleSpec {
  values: readonly number[];
  range: [number, number];
  /** Log scale when the positive values span more than this ratio (never for a zero-based axis). */
  logAbove?: number;
  /** Include 0 in a linear domain (rates and counts should start at zero). */
  zero?: boolean;
  /** Fixed domain instead of one fitted to the values. */
  domain?: [number, number];
  /** Extra room above the data, as a fraction of the span (keeps fault labels off the lines). */
  headroom?: number;
}

export interface FittedScale {
  scale: Scale;
  log: boolean;
}

// Loops, not Math.min(...values): a spread of a few hundred thousand values overflows the stack.
const least = (values: readonly number[]) => values.reduce((a, b) => (b < a ? b : a));
const greatest = (values: readonly number[]) => values.reduce((a, b) => (b > a ? b : a));

/** A linear or log scale fitted to the values. On a log scale values ≤ 0 must be left out. */
export function fitScale(d3: D3, spec: ScaleSpec): FittedScale {
  const finite = spec.values.filter((v) => Number.isFinite(v));
  const positive = finite.filter((v) => v > 0);
  const lo = positive.length > 0 ? least(positive) : 1;
  const hi = positive.length > 0 ? greatest(positive) : 1;
  if (!spec.domain && spec.logAbove !== undefined && positive.length > 1 && hi / lo > spec.logAbove) {
    // Hug the data with a little margin rather than round to whole decades, which can
    // waste most of the plot (3…1000 nodes would start at 1).
    const domain = [lo / 1.25, hi * 1.25 * 10 ** (spec.headroom ?? 0)];
    return { scale: d3.scaleLog().domain(domain).range(spec.range), log: true };
  }
  let domain = spec.domain ?? [finite.length ? least(finite) : 0, finite.length ? greatest(finite) : 1];
  if (spec.zero) domain = [Math.min(0, domain[0]), Math.max(0, domain[1])];
  if (spec.headroom) domain = [domain[0], domain[1] + (domain[1] - domain[0]) * spec.headroom];
  if (domain[0] === domain[1]) domain = [domain[0] - 1, domain[1] + 1];
  const scale = d3.scaleLinear().domain(domain).range(spec.range);
  return { scale: spec.domain ? scale : scale.nice(), log: false };
}

/** Log-scale ticks: 1-2-5 per decade when there is room for their labels, else powers of ten. */
export function logTicks(scale: Scale): number[] {
  const [lo, hi] = scale.domain();
  const [r0, r1] = scale.range();
  const perDecade = Math.abs(r1 - r0) / Math.log10(hi / lo);
  const keep = perDecade >= 150 ? [1, 2, 5] : [1];
  return scale.ticks().filter((t) => keep.includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9))));
}
