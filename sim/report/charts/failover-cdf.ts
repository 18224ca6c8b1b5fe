// Distribution of failover times across trials: the CDF shows the typical gap and its tail
// (randomized election timeouts, split votes) that a mean hides. Two panels side by side when
// the measures exist: election time (fault → the serving leader wins; the Raft paper's figure
// 16) and the client-visible outage; else the older fault → first commit measure.

import type { D3 } from 'd3-node';

import type { Cell, RunResult } from '../../metrics/run-result.js';
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
const HEIGHT = 440;

interface Measure {
  column: string;
  title: string;
  axis: string;
}

const ELECTION: Measure = { column: 'election_ms', title: 'Election time', axis: 'Fault → new leader elected (ms)' };
const OUTAGE: Measure = { column: 'outage_ms', title: 'Client-visible outage', axis: 'Longest gap without a success (ms)' };
const FAILOVER: Measure = { column: 'failover_ms', title: 'Failover', axis: 'Fault → first commit (ms)' };

/** A failovers.csv cell by name, so columns added later are read when they exist. */
function cellOf(row: object, column: string): Cell | undefined {
  return (row as Record<string, Cell | undefined>)[column];
}

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

/** A variant's legend entry: n and median per measure (the CDF curves show the rest). */
function legendItem(perMeasure: readonly VariantSamples[], measures: readonly Measure[]): LegendItem {
  const s = perMeasure[0];
  const parts = perMeasure.map((p, m) => {
    const what = measures.length > 1 ? `${measures[m].title.split(' ')[0].toLowerCase()} ` : '';
    return p.sorted.length > 0 ? `${what}p50 ${formatTick(quantile(p.sorted, 0.5))}` : `${what}none`;
  });
  const n = Math.max(...perMeasure.map((p) => p.sorted.length + p.incomplete));
  const unfinished = s.incomplete > 0 ? `, ${s.incomplete} unfinished` : '';
  return { label: s.variant, ...seriesStyle(s.index), detail: `n=${n}${unfinished} · ${parts.join(' · ')} ms` };
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
  const full = mainBox(HEIGHT);
  const gap = 60;
  const width = (full.width - gap * (measures.length - 1)) / measures.length;
  const title = `Failover time distribution — ${input.scenario}`;
  const first = [...byVariant.values()][0][0];
  const point = input.sweepKeys.length > 0 ? ` at ${pointKey(first.sweepPoint, input.sweepKeys)}` : '';
  const y = fitScale(d3, { values: [], domain: [0, 1], range: [full.height, 0] });
  const svg = canvas.draw(CHART_WIDTH, HEIGHT, title, (root) => {
    header(root, title, `Every failover of every trial${point}; a curve further left is a shorter gap`);
    const perMeasure = measures.map((measure) =>
      [...byVariant].map(([variant, runs]) => samplesOf(variant, variants.indexOf(variant), runs, measure.column, input.sweepKeys)),
    );
    measures.forEach((measure, m) => {
      const box = { ...full, left: full.left + m * (width + gap), width, top: full.top + 14, height: full.height - 14 };
      const samples = perMeasure[m];
      const drawn = samples.filter((s) => s.sorted.length > 0);
      const x = fitScale(d3, { values: drawn.flatMap((s) => s.sorted), range: [0, box.width], logAbove: 10, zero: true });
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
      const line = lineOf(d3, x.scale, panelY.scale, x.log);
      for (const s of drawn) seriesPath(plot, line(cdfPoints(s.sorted)), seriesStyle(s.index), s.series);
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

function lineOf(d3: D3, x: (v: number) => number, y: (v: number) => number, log: boolean) {
  return d3
    .line<Point>()
    .defined((pt) => !log || pt.x > 0)
    .x((pt) => x(pt.x))
    .y((pt) => y(pt.p))
    .curve(d3.curveStepAfter);
}
