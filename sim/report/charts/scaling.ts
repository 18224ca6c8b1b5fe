// How each architecture scales along a numeric sweep key (usually the node count): four small
// multiples — throughput, busiest-leader utilization, p99 latency, failover time — with one
// line per variant, each point the mean over trials.

import type { D3, Selection } from 'd3-node';

import type { RunResult, SummaryColumn } from '../../metrics/run-result.js';
import { groupBy, meanOf, numericSweepKey, pooledFailoverMean, variantsOf } from '../aggregate.js';
import {
  INK,
  drawAxes,
  emptyNote,
  fitScale,
  formatPercent,
  header,
  legend,
  seriesPath,
  seriesStyle,
  type AxisSpec,
  type Box,
  type ChartInput,
  type ChartSvg,
  type SvgCanvas,
} from './frame.js';

export const SCALING_FILE = 'scaling.svg';
const WIDTH = 960;
const HEIGHT = 660;
const GRID_WIDTH = 736;

interface Metric {
  column: SummaryColumn;
  title: string;
  label: string;
  aggregate: (runs: readonly RunResult[]) => number | null;
  format?: (v: number) => string;
  logAbove?: number;
  domain?: [number, number];
}

const METRICS: readonly Metric[] = [
  {
    column: 'throughput_ops_s',
    title: 'Throughput',
    label: 'Throughput (ops/s)',
    aggregate: (r) => meanOf(r, 'throughput_ops_s'),
    logAbove: 100,
  },
  {
    column: 'leader_utilization',
    title: 'Busiest leader CPU',
    label: 'CPU busy (%)',
    aggregate: (r) => meanOf(r, 'leader_utilization'),
    format: formatPercent,
    domain: [0, 1],
  },
  { column: 'latency_p99_ms', title: 'p99 latency', label: 'Latency (ms)', aggregate: (r) => meanOf(r, 'latency_p99_ms'), logAbove: 100 },
  { column: 'failover_mean_ms', title: 'Mean failover time', label: 'Failover (ms)', aggregate: pooledFailoverMean },
];

interface Point {
  x: number;
  y: number | null;
}

interface Series {
  variant: string;
  index: number;
  /** Per metric, points sorted by x. */
  points: Point[][];
}

function seriesOf(results: readonly RunResult[], key: string): Series[] {
  const variants = variantsOf(results);
  return [...groupBy(results, (r) => r.variant)].map(([variant, runs]) => {
    const byX = [...groupBy(runs, (r) => String(r.sweepPoint[key])).values()];
    const xs = byX.map((group) => Number(group[0].sweepPoint[key]));
    const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    const points = METRICS.map((m) => order.map((i) => ({ x: xs[i], y: m.aggregate(byX[i]) })));
    return { variant, index: variants.indexOf(variant), points };
  });
}

/** Axis label for a sweep key: the familiar name for node counts, the dotted path otherwise. */
export function sweepLabel(key: string): string {
  return key === 'nodes' || key.endsWith('.nodes') ? `Nodes (${key})` : key;
}

function panelBox(i: number): Box {
  const cellWidth = GRID_WIDTH / 2;
  const cellHeight = (HEIGHT - 70) / 2;
  const left = (i % 2) * cellWidth + 74;
  const top = 70 + Math.floor(i / 2) * cellHeight + 30;
  return { left, top, width: cellWidth - 74 - 22, height: cellHeight - 30 - 58 };
}

export function scalingChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const key = numericSweepKey(input.results, input.sweepKeys);
  if (key === null) return null;
  const d3 = canvas.d3;
  const series = seriesOf(input.results, key);
  const xValues = series.flatMap((s) => s.points[0].map((p) => p.x));
  const title = `Scaling — ${input.scenario}`;
  const svg = canvas.draw(WIDTH, HEIGHT, title, (root) => {
    header(root, title, `Each point: mean over trials, against ${key}`);
    METRICS.forEach((metric, m) => {
      const box = panelBox(m);
      const x = fitScale(d3, { values: xValues, range: [0, box.width], logAbove: 10 });
      panel(root, d3, box, metric, series, m, { fitted: x, label: sweepLabel(key) });
    });
    const items = series.map((s) => ({ label: s.variant, ...seriesStyle(s.index) }));
    legend(root, items, GRID_WIDTH + 8, 100, 'Variant');
  });
  return { file: SCALING_FILE, title, svg };
}

function panel(root: Selection, d3: D3, box: Box, metric: Metric, series: readonly Series[], m: number, xAxis: AxisSpec): void {
  const values = series.flatMap((s) => s.points[m].flatMap((p) => (p.y === null ? [] : [p.y])));
  const y = fitScale(d3, { values, range: [box.height, 0], logAbove: metric.logAbove, zero: true, domain: metric.domain });
  const yAxis = { fitted: y, label: metric.label, format: metric.format, ticks: 5 };
  root
    .append('text')
    .attr('x', box.left)
    .attr('y', box.top - 12)
    .attr('font-size', 13)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .text(metric.title);
  const plot = drawAxes(root, d3, box, { ...xAxis, ticks: 5 }, yAxis);
  if (values.length === 0) {
    emptyNote(plot, box, 'does not apply to these variants');
    return;
  }
  const xs = xAxis.fitted.scale;
  const line = d3
    .line<Point>()
    .defined((p) => p.y !== null && (!y.log || p.y > 0))
    .x((p) => xs(p.x))
    .y((p) => y.scale(p.y ?? 0))
    .curve(d3.curveLinear);
  for (const s of series) {
    const style = seriesStyle(s.index);
    seriesPath(plot, line(s.points[m]), style);
    const dots = s.points[m].filter((p) => p.y !== null && (!y.log || p.y > 0));
    plot
      .append('g')
      .attr('fill', style.color)
      .selectAll('circle')
      .data(dots)
      .join('circle')
      .attr('cx', (p) => xs(p.x))
      .attr('cy', (p) => y.scale(p.y ?? 0))
      .attr('r', 3);
  }
}
