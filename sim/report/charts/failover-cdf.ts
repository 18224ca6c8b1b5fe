// Distribution of failover times across trials: the CDF shows the typical gap and its tail
// (randomized election timeouts, split votes) that a mean hides. Two panels side by side when
// the measures exist: election time (fault → the serving leader wins; the Raft paper's figure
// 16) and the client-visible outage; else the older fault → first commit measure.

import type { D3, Selection } from 'd3-node';

import type { RunResult } from '../../metrics/run-result.js';
import { cellOf, firstPointRuns, num, pointKey, variantsOf } from '../aggregate.js';
import {
  CHART_WIDTH,
  INK,
  drawAxes,
  fitScale,
  formatPercent,
  formatTick,
  header,
  legend,
  legendOrigin,
  mainBox,
  seriesName,
  seriesPath,
  seriesStyle,
  type ChartInput,
  type ChartSvg,
  type LegendItem,
  type SvgCanvas,
} from './frame.js';
import { FAILOVER_CDF_FILE } from '../files.js';

/** More points than pixels gains nothing; thousands of trials are thinned to quantiles. */
const MAX_POINTS = 500;
/** Where 0 sits on a log x-axis, and where the log part starts. */
const ZERO_AT = 10;
const ZERO_GAP = 26;
const HEIGHT = 440;

interface Measure {
  column: string;
  title: string;
  axis: string;
}

const ELECTION: Measure = { column: 'election_ms', title: 'Election time', axis: 'Fault → new leader elected (ms)' };
const OUTAGE: Measure = { column: 'outage_ms', title: 'Client-visible outage', axis: 'Longest gap without a success (ms)' };
const FAILOVER: Measure = { column: 'failover_ms', title: 'Failover', axis: 'Fault → first commit (ms)' };

interface Point {
  x: number;
  p: number;
}

interface VariantSamples {
  variant: string;
  /** `data-series`: the variant at the sweep point the chart shows. */
  series: string;
  index: number;
  sorted: number[];
  incomplete: number;
}

function samplesOf(
  variant: string,
  index: number,
  runs: readonly RunResult[],
  column: string,
  sweepKeys: readonly string[],
): VariantSamples {
  const values: number[] = [];
  let incomplete = 0;
  for (const run of runs) {
    for (const row of run.failovers) {
      const v = num(cellOf(row, column));
      if (v === null) incomplete++;
      else values.push(v);
    }
  }
  const series = seriesName(variant, runs.length > 0 ? pointKey(runs[0].sweepPoint, sweepKeys) : '');
  return { variant, series, index, sorted: values.sort((a, b) => a - b), incomplete };
}

/**
 * Empirical CDF points (x, fraction ≤ x), thinned to at most MAX_POINTS steps. Fractions are of
 * `total` failovers: when some never finished (no leader elected) the curve ends below 100%.
 * It runs on flat to `end`, so a curve whose every value is the same (all 0 ms) still shows.
 */
export function cdfPoints(sorted: readonly number[], total = sorted.length, end = sorted[sorted.length - 1]): Point[] {
  const n = sorted.length;
  if (n === 0) return [];
  const points: Point[] = [{ x: sorted[0], p: 0 }];
  const steps = Math.min(n, MAX_POINTS);
  for (let k = 0; k < steps; k++) {
    const i = steps === n ? k : Math.round((k * (n - 1)) / (steps - 1));
    points.push({ x: sorted[i], p: (i + 1) / total });
  }
  if (end > sorted[n - 1]) points.push({ x: end, p: n / total });
  return points;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** What a measure is called in the legend, short enough for the legend column. */
const SHORT: Record<string, string> = { election_ms: 'election', outage_ms: 'outage', failover_ms: 'failover' };

/**
 * A variant's legend entry: n, and per measure its median, "none" for a kind that has no such
 * thing (no election in a leaderless kind — not a failure), or how many never finished.
 */
function legendItem(perMeasure: readonly VariantSamples[], measures: readonly Measure[]): LegendItem {
  const s = perMeasure[0];
  const n = Math.max(...perMeasure.map((p) => p.sorted.length + p.incomplete));
  const lines = perMeasure.map((p, m) => {
    const what = SHORT[measures[m].column] ?? measures[m].column;
    if (p.sorted.length === 0) return what === 'election' ? 'no leader to elect' : `${what}: none`;
    const unfinished = p.incomplete > 0 ? `, ${p.incomplete} unfinished` : '';
    return `${what} p50 ${formatTick(quantile(p.sorted, 0.5))} ms${unfinished}`;
  });
  lines[0] = `n=${n} · ${lines[0]}`;
  return { label: s.variant, ...seriesStyle(s.index), detail: lines.join('\n') };
}

/** The measures to draw: election and outage where any failover has them, else failover time. */
function measuresOf(runs: readonly RunResult[]): Measure[] {
  const has = (m: Measure) => runs.some((r) => r.failovers.some((row) => num(cellOf(row, m.column)) !== null));
  const modern = [ELECTION, OUTAGE].filter(has);
  return modern.length > 0 ? modern : has(FAILOVER) ? [FAILOVER] : [];
}

export function failoverCdfChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const variants = variantsOf(input.results);
  const byVariant = firstPointRuns(input.results, input.sweepKeys);
  const measures = measuresOf([...byVariant.values()].flat());
  if (measures.length === 0) return null;
  const d3 = canvas.d3;
  // tall enough for the legend column: a heading, then per variant its name and a line per measure
  const height = Math.max(HEIGHT, mainBox(HEIGHT).top + 40 + byVariant.size * (20 + 14 * measures.length));
  const full = mainBox(height);
  const gap = 60;
  const width = (full.width - gap * (measures.length - 1)) / measures.length;
  const title = `Failover time distribution — ${input.scenario}`;
  const first = [...byVariant.values()][0][0];
  const point = input.sweepKeys.length > 0 ? ` at ${pointKey(first.sweepPoint, input.sweepKeys)}` : '';
  const y = fitScale(d3, { values: [], domain: [0, 1], range: [full.height, 0] });
  const svg = canvas.draw(CHART_WIDTH, height, title, (root) => {
    header(root, title, `Every failover of every trial${point}; a curve further left is a shorter gap`);
    const perMeasure = measures.map((measure) =>
      [...byVariant].map(([variant, runs]) => samplesOf(variant, variants.indexOf(variant), runs, measure.column, input.sweepKeys)),
    );
    measures.forEach((measure, m) => {
      const box = { ...full, left: full.left + m * (width + gap), width, top: full.top + 14, height: full.height - 14 };
      const samples = perMeasure[m];
      const drawn = samples.filter((s) => s.sorted.length > 0);
      const values = drawn.flatMap((s) => s.sorted);
      let x = fitScale(d3, { values, range: [0, box.width], logAbove: 10, zero: true });
      // a log axis has no place for 0: zeros get their own tick left of the log part
      const zeros = x.log && values.some((v) => v <= 0);
      if (zeros) x = fitScale(d3, { values, range: [ZERO_GAP, box.width], logAbove: 10, zero: true });
      const panelY = { ...y, scale: y.scale.copy().range([box.height, 0]) };
      const yLabel = m === 0 ? 'Failovers completed within x' : '';
      const plot = drawAxes(
        root,
        d3,
        box,
        { fitted: x, label: measure.axis, ticks: 5 },
        { fitted: panelY, label: yLabel, format: formatPercent },
        measure.column,
      );
      root
        .append('text')
        .attr('x', box.left)
        .attr('y', box.top - 8)
        .attr('font-size', 13)
        .attr('font-weight', 600)
        .text(measure.title);
      const xAt = (v: number) => (zeros && v <= 0 ? ZERO_AT : x.scale(v));
      if (zeros) zeroTick(plot, box.height);
      const end = x.scale.domain()[1];
      const line = lineOf(d3, xAt, panelY.scale);
      for (const s of drawn)
        seriesPath(plot, line(cdfPoints(s.sorted, s.sorted.length + s.incomplete, end)), seriesStyle(s.index), s.series);
    });
    const at = legendOrigin(full);
    const items = perMeasure[0].map((_, v) =>
      legendItem(
        perMeasure.map((samples) => samples[v]),
        measures,
      ),
    );
    legend(root, items, at.x, at.y, 'Variant');
  });
  return { file: FAILOVER_CDF_FILE, title, svg };
}

/** The tick of 0 left of a log axis, with a small break where the log part starts. */
function zeroTick(plot: Selection, height: number): void {
  const axis = plot.append('g').attr('transform', `translate(0,${height})`);
  axis.append('line').attr('x1', ZERO_AT).attr('x2', ZERO_AT).attr('y1', 0).attr('y2', 6).attr('stroke', INK);
  axis.append('text').attr('x', ZERO_AT).attr('y', 18).attr('text-anchor', 'middle').attr('font-size', 11).attr('fill', INK).text('0');
  axis
    .append('path')
    .attr('d', `M${ZERO_GAP - 7} 4l4 -8m2 8l4 -8`)
    .attr('stroke', INK)
    .attr('fill', 'none');
}

function lineOf(d3: D3, x: (v: number) => number, y: (v: number) => number) {
  return d3
    .line<Point>()
    .x((pt) => x(pt.x))
    .y((pt) => y(pt.p))
    .curve(d3.curveStepAfter);
}
