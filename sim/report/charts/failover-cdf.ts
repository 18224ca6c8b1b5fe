// Distribution of failover times across trials: the CDF shows the typical gap and its tail
// (randomized election timeouts, split votes) that a mean hides.

import type { D3 } from 'd3-node';

import type { RunResult } from '../../metrics/run-result.js';
import { firstPointRuns, num, pointKey, variantsOf } from '../aggregate.js';
import {
  CHART_WIDTH,
  drawAxes,
  fitScale,
  formatPercent,
  formatTick,
  header,
  legend,
  legendOrigin,
  mainBox,
  seriesPath,
  seriesStyle,
  type ChartInput,
  type ChartSvg,
  type LegendItem,
  type SvgCanvas,
} from './frame.js';

export const FAILOVER_CDF_FILE = 'failover-cdf.svg';
/** More points than pixels gains nothing; thousands of trials are thinned to quantiles. */
const MAX_POINTS = 500;
const HEIGHT = 440;

interface Point {
  x: number;
  p: number;
}

interface VariantSamples {
  variant: string;
  index: number;
  sorted: number[];
  incomplete: number;
}

function samplesOf(variant: string, index: number, runs: readonly RunResult[]): VariantSamples {
  const values: number[] = [];
  let incomplete = 0;
  for (const run of runs) {
    for (const row of run.failovers) {
      const v = num(row.failover_ms);
      if (v === null) incomplete++;
      else values.push(v);
    }
  }
  return { variant, index, sorted: values.sort((a, b) => a - b), incomplete };
}

/** Empirical CDF points (x, fraction ≤ x), thinned to at most MAX_POINTS steps. */
export function cdfPoints(sorted: readonly number[]): Point[] {
  const n = sorted.length;
  if (n === 0) return [];
  const points: Point[] = [{ x: sorted[0], p: 0 }];
  const steps = Math.min(n, MAX_POINTS);
  for (let k = 0; k < steps; k++) {
    const i = steps === n ? k : Math.round((k * (n - 1)) / (steps - 1));
    points.push({ x: sorted[i], p: (i + 1) / n });
  }
  return points;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function legendItem(s: VariantSamples): LegendItem {
  const n = s.sorted.length;
  const stats = n > 0 ? `n=${n} · p50 ${formatTick(quantile(s.sorted, 0.5))} · max ${formatTick(s.sorted[n - 1])} ms` : 'none completed';
  const detail = s.incomplete > 0 ? `${stats}; ${s.incomplete} unfinished` : stats;
  return { label: s.variant, ...seriesStyle(s.index), detail };
}

export function failoverCdfChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const variants = variantsOf(input.results);
  const byVariant = firstPointRuns(input.results, input.sweepKeys);
  const samples = [...byVariant].map(([variant, runs]) => samplesOf(variant, variants.indexOf(variant), runs));
  const drawn = samples.filter((s) => s.sorted.length > 0);
  if (drawn.length === 0) return null;
  const d3 = canvas.d3;
  const box = mainBox(HEIGHT);
  const x = fitScale(d3, { values: drawn.flatMap((s) => s.sorted), range: [0, box.width], logAbove: 10, zero: true });
  const y = fitScale(d3, { values: [], domain: [0, 1], range: [box.height, 0] });
  const title = `Failover time distribution — ${input.scenario}`;
  const first = [...byVariant.values()][0][0];
  const point = input.sweepKeys.length > 0 ? ` at ${pointKey(first.sweepPoint, input.sweepKeys)}` : '';
  const svg = canvas.draw(CHART_WIDTH, HEIGHT, title, (root) => {
    header(
      root,
      title,
      `From the fault to the first write committed by a new leader (leaderless: first success after the fault), all trials${point}`,
    );
    const plot = drawAxes(
      root,
      d3,
      box,
      { fitted: x, label: 'Failover time (ms)' },
      { fitted: y, label: 'Failovers completed within x', format: formatPercent },
    );
    const line = lineOf(d3, x.scale, y.scale, x.log);
    for (const s of drawn) seriesPath(plot, line(cdfPoints(s.sorted)), seriesStyle(s.index));
    const at = legendOrigin(box);
    legend(root, samples.map(legendItem), at.x, at.y, 'Variant');
  });
  return { file: FAILOVER_CDF_FILE, title, svg };
}

function lineOf(d3: D3, x: (v: number) => number, y: (v: number) => number, log: boolean) {
  return d3
    .line<Point>()
    .defined((pt) => !log || pt.x > 0)
    .x((pt) => x(pt.x))
    .y((pt) => y(pt.p))
    .curve(d3.curveStepAfter);
}
