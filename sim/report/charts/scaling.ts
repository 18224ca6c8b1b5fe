// How each architecture scales along a numeric sweep key (usually the node count): small
// multiples — throughput (with the analytic capacity bound of leader kinds as a wide pale line,
// clipped to the axis the measured points set), p99
// latency, failover, and per leader kind what its CPU is spent on, stacked — each point the mean
// over trials. A panel whose metric has no value for any variant is left out, not drawn empty.

import type { D3, Scale, Selection } from 'd3-node';

import type { RunResult } from '../../metrics/run-result.js';
import { cellOf, failoverMean, groupBy, mean, num, numericSweepKey, sweepNumber, variantsOf } from '../aggregate.js';
import {
  BAND,
  MUTED,
  PALETTE,
  drawAxes,
  fitScale,
  formatPercent,
  header,
  legend,
  seriesName,
  seriesPath,
  seriesStyle,
  type AxisSpec,
  type Box,
  type ChartInput,
  type ChartSvg,
  type FittedScale,
  type LegendItem,
  type SvgCanvas,
  panelTitle,
} from './frame.js';
import { SCALING_FILE } from '../files.js';

const WIDTH = 960;
const GRID_WIDTH = 736;
const ROW_HEIGHT = 300;
const TOP = 70;

/** A summary cell by name, so columns added by later versions are drawn once they exist. */
function summaryCell(run: RunResult, column: string): number | null {
  return num(cellOf(run.summary, column));
}
const meanColumn = (column: string) => (runs: readonly RunResult[]) => mean(runs.map((r) => summaryCell(r, column)));
const failoverColumn = (column: string) => (runs: readonly RunResult[]) => failoverMean(runs, column);

interface LineMetric {
  /** `data-panel`: the summary or failovers column the panel draws. */
  name: string;
  title: string;
  label: string;
  aggregate: (runs: readonly RunResult[]) => number | null;
  format?: (v: number) => string;
  logAbove?: number;
  domain?: [number, number];
  /** A second, wide pale line per variant: an analytic bound drawn against the measured one. */
  bound?: (runs: readonly RunResult[]) => number | null;
}

const CPU_PARTS = [
  { column: 'leader_cpu_requests', label: 'client requests', color: PALETTE[0] },
  { column: 'leader_cpu_replication', label: 'replication', color: PALETTE[1] },
  { column: 'leader_cpu_heartbeats', label: 'heartbeats', color: PALETTE[2] },
  { column: 'leader_cpu_elections', label: 'elections', color: PALETTE[4] },
] as const;

const THROUGHPUT: LineMetric = {
  name: 'throughput_ops_s',
  title: 'Throughput (pale band: capacity bound)',
  label: 'Throughput (ops/s)',
  aggregate: meanColumn('throughput_ops_s'),
  logAbove: 100,
  bound: meanColumn('capacity_ops_s'),
};
const LEADER_CPU: LineMetric = {
  name: 'leader_utilization',
  title: 'Busiest leader CPU',
  label: 'CPU busy (%)',
  aggregate: meanColumn('leader_utilization'),
  format: formatPercent,
  domain: [0, 1],
};
const P99: LineMetric = {
  name: 'latency_p99_ms',
  title: 'p99 latency',
  label: 'Latency (ms)',
  aggregate: meanColumn('latency_p99_ms'),
  logAbove: 100,
};
const ELECTION: LineMetric = {
  name: 'election_ms',
  title: 'Mean election time',
  label: 'Election (ms)',
  aggregate: failoverColumn('election_ms'),
};
const OUTAGE: LineMetric = {
  name: 'outage_ms',
  title: 'Mean client-visible outage',
  label: 'Outage (ms)',
  aggregate: failoverColumn('outage_ms'),
};
const FAILOVER: LineMetric = {
  name: 'failover_ms',
  title: 'Mean failover time',
  label: 'Failover (ms)',
  aggregate: failoverColumn('failover_ms'),
};

interface Point {
  x: number;
  y: number | null;
}

/** One variant's runs grouped by sweep value, in increasing x. */
interface VariantRuns {
  variant: string;
  key: string;
  /** The swept values as the scenario wrote them ("150/s"), for data-series. */
  values: string[];
  index: number;
  xs: number[];
  groups: RunResult[][];
}

function variantRuns(results: readonly RunResult[], key: string): VariantRuns[] {
  const variants = variantsOf(results);
  return [...groupBy(results, (r) => r.variant)].map(([variant, runs]) => {
    const x = (g: readonly RunResult[]) => sweepNumber(g[0].sweepPoint[key]) ?? 0;
    const groups = [...groupBy(runs, (r) => String(r.sweepPoint[key])).values()].sort((a, b) => x(a) - x(b));
    return {
      variant,
      key,
      index: variants.indexOf(variant),
      xs: groups.map(x),
      values: groups.map((g) => String(g[0].sweepPoint[key])),
      groups,
    };
  });
}

const pointsOf = (v: VariantRuns, f: (runs: readonly RunResult[]) => number | null): Point[] =>
  v.groups.map((g, i) => ({ x: v.xs[i], y: f(g) }));
const hasValues = (series: readonly VariantRuns[], f: (runs: readonly RunResult[]) => number | null) =>
  series.some((v) => v.groups.some((g) => f(g) !== null));

type Panel = { kind: 'lines'; metric: LineMetric } | { kind: 'cpu'; variant: VariantRuns };

/** The panels that have something to show, in reading order. */
function panelsOf(series: readonly VariantRuns[]): Panel[] {
  const panels: Panel[] = [
    { kind: 'lines', metric: THROUGHPUT },
    { kind: 'lines', metric: P99 },
  ];
  const failover = [ELECTION, OUTAGE].filter((m) => hasValues(series, m.aggregate));
  if (failover.length === 0 && hasValues(series, FAILOVER.aggregate)) failover.push(FAILOVER);
  panels.push(...failover.map((metric) => ({ kind: 'lines' as const, metric })));
  const split = series.filter((v) => CPU_PARTS.some((p) => hasValues([v], meanColumn(p.column))));
  if (split.length > 0) panels.push(...split.map((variant) => ({ kind: 'cpu' as const, variant })));
  else if (hasValues(series, LEADER_CPU.aggregate)) panels.push({ kind: 'lines', metric: LEADER_CPU });
  return panels.filter((p) => p.kind === 'cpu' || hasValues(series, p.metric.aggregate));
}

/** Axis label for a sweep key: the familiar name for node counts, the dotted path otherwise. */
function sweepLabel(key: string): string {
  if (key === 'nodes' || key.endsWith('.nodes')) return `Nodes (${key})`;
  return key.endsWith('.rate') ? `Offered rate per second (${key})` : key;
}

function panelBox(i: number): Box {
  const cellWidth = GRID_WIDTH / 2;
  const left = (i % 2) * cellWidth + 74;
  const top = TOP + Math.floor(i / 2) * ROW_HEIGHT + 30;
  return { left, top, width: cellWidth - 74 - 22, height: ROW_HEIGHT - 30 - 58 };
}

export function scalingChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const key = numericSweepKey(input.results, input.sweepKeys);
  if (key === null) return null;
  const d3 = canvas.d3;
  const series = variantRuns(input.results, key);
  const panels = panelsOf(series);
  const height = TOP + Math.ceil(panels.length / 2) * ROW_HEIGHT + 10;
  const xValues = series.flatMap((s) => s.xs);
  const title = `Scaling — ${input.scenario}`;
  const svg = canvas.draw(WIDTH, height, title, (root) => {
    header(root, title, `Each point: mean over trials, against ${key}; panels without data are left out`);
    panels.forEach((p, i) => {
      const box = panelBox(i);
      const x = fitScale(d3, { values: xValues, range: [0, box.width], logAbove: 10 });
      const xAxis = { fitted: x, label: sweepLabel(key), ticks: 5 };
      if (p.kind === 'lines') linePanel(root, d3, box, p.metric, series, xAxis);
      else cpuPanel(root, d3, box, p.variant, xAxis);
    });
    const items: LegendItem[] = series.map((s) => ({ label: s.variant, ...seriesStyle(s.index) }));
    if (panels.some((p) => p.kind === 'lines' && p.metric.bound && hasValues(series, p.metric.bound)))
      items.push({ label: 'capacity bound (analytic)', color: MUTED, band: true, detail: 'pale band in the variant colour' });
    legend(root, items, GRID_WIDTH + 8, 100, 'Variant');
    if (panels.some((p) => p.kind === 'cpu')) {
      const parts = CPU_PARTS.map((part) => ({ label: part.label, color: part.color, swatch: true }));
      const top = 130 + items.length * 20 + items.filter((item) => item.detail).length * 14;
      legend(root, parts, GRID_WIDTH + 8, top, 'Leader CPU spent on');
      // beside the panels, not inside them: a saturated leader's stack reaches the top
      root
        .append('text')
        .attr('x', GRID_WIDTH + 8)
        .attr('y', top + 20 + parts.length * 20 + 4)
        .attr('font-size', 11)
        .attr('fill', MUTED)
        .text('white above the stack: idle');
    }
  });
  return { file: SCALING_FILE, title, svg };
}

function linePanel(root: Selection, d3: D3, box: Box, metric: LineMetric, series: readonly VariantRuns[], xAxis: AxisSpec): void {
  const measured = series.map((v) => pointsOf(v, metric.aggregate));
  const bounds = series.map((v) => (metric.bound ? pointsOf(v, metric.bound) : []));
  // the measured points set the axis; a bound far above them is cut off, not allowed to squash them
  const valuesOf = (lines: Point[][]) => lines.flat().flatMap((p) => (p.y === null ? [] : [p.y]));
  const values = valuesOf(measured).length > 0 ? valuesOf(measured) : valuesOf(bounds);
  const y = fitScale(d3, { values, range: [box.height, 0], logAbove: metric.logAbove, zero: true, domain: metric.domain });
  const hasBound = bounds.some((b) => b.some((p) => p.y !== null));
  panelTitle(root, box, hasBound ? metric.title : metric.title.replace(/ \(pale band.*\)$/, ''), 12);
  const plot = drawAxes(root, d3, box, xAxis, { fitted: y, label: metric.label, format: metric.format, ticks: 5 }, metric.name);
  const xs = xAxis.fitted.scale;
  const line = d3
    .line<Point>()
    .defined((p) => p.y !== null && (!y.log || p.y > 0))
    .x((p) => xs(p.x))
    .y((p) => y.scale(p.y ?? 0))
    .curve(d3.curveLinear);
  series.forEach((s, i) => {
    const style = seriesStyle(s.index);
    drawBound(plot, bounds[i], xs, y, box, s.variant, style.color);
    seriesPath(plot, line(measured[i]), style, s.variant)?.attr('data-measure', metric.name);
    const dots = measured[i].filter((p) => p.y !== null && (!y.log || p.y > 0));
    plot
      .append('g')
      .attr('fill', style.color)
      .selectAll('circle')
      .data(dots)
      .join('circle')
      .attr('data-series', (p) => seriesName(s.variant, `${s.key}=${s.values[s.xs.indexOf(p.x)]}`))
      .attr('cx', (p) => xs(p.x))
      .attr('cy', (p) => y.scale(p.y ?? 0))
      .attr('r', 3);
  });
}

/**
 * The bound as a wide pale line, cut where it leaves the plot (above the axis the measured
 * points set), with a note where it is cut.
 */
function drawBound(plot: Selection, points: readonly Point[], xs: Scale, y: FittedScale, box: Box, variant: string, color: string): void {
  const screen = points.flatMap((p) => (p.y === null || (y.log && p.y <= 0) ? [] : [[xs(p.x), y.scale(p.y)] as const]));
  if (screen.length === 0) return;
  const pieces = clipVertical(screen, 0, box.height);
  const d = pieces.map((piece) => piece.map(([px, py], j) => `${j === 0 ? 'M' : 'L'}${round(px)},${round(py)}`).join('')).join('');
  if (d)
    plot
      .append('path')
      .attr('data-series', variant)
      .attr('data-measure', 'capacity_ops_s')
      .attr('d', d)
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', BAND.width)
      .attr('stroke-opacity', BAND.opacity)
      .attr('stroke-linecap', 'butt')
      .attr('stroke-linejoin', 'round');
  const above = screen.find(([, py]) => py < 0);
  if (above)
    plot
      .append('text')
      .attr('data-series', variant)
      .attr('data-measure', 'capacity_ops_s')
      .attr('x', Math.max(4, above[0] + 4))
      .attr('y', 12)
      .attr('font-size', 10)
      .attr('fill', MUTED)
      .text('↑ bound above the axis');
}

/** A polyline clipped to top ≤ y ≤ bottom: the pieces inside, with the crossing points added. */
export function clipVertical(points: readonly (readonly [number, number])[], top: number, bottom: number): [number, number][][] {
  const inside = ([, py]: readonly [number, number]) => py >= top && py <= bottom;
  const pieces: [number, number][][] = [];
  let current: [number, number][] = [];
  const flush = () => {
    if (current.length > 1) pieces.push(current);
    current = [];
  };
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (i > 0) {
      const q = points[i - 1];
      // where the segment q→p crosses each edge, in the order it meets them
      const crossings = [top, bottom]
        .map((edge) => (edge - q[1]) / (p[1] - q[1]))
        .filter((t) => Number.isFinite(t) && t > 0 && t < 1)
        .sort((a, b) => a - b);
      for (const t of crossings) {
        const at: [number, number] = [q[0] + t * (p[0] - q[0]), q[1] + t * (p[1] - q[1])];
        if (current.length > 0) {
          current.push(at);
          flush();
        } else current.push(at);
      }
    }
    if (inside(p)) current.push([p[0], p[1]]);
    else flush();
  }
  flush();
  return pieces;
}

/** Stacked areas: what fraction of its time in office the leader spends on each kind of work. */
function cpuPanel(root: Selection, d3: D3, box: Box, variant: VariantRuns, xAxis: AxisSpec): void {
  panelTitle(root, box, `Leader CPU by purpose — ${variant.variant}`, 12);
  const y = fitScale(d3, { values: [], domain: [0, 1], range: [box.height, 0] });
  const plot = drawAxes(
    root,
    d3,
    box,
    xAxis,
    { fitted: y, label: 'Share of time in office', format: formatPercent, ticks: 5 },
    `leader_cpu · ${variant.variant}`,
  );
  const xs = xAxis.fitted.scale;
  const below = variant.xs.map(() => 0);
  for (const part of CPU_PARTS) {
    const values = variant.groups.map((g) => meanColumn(part.column)(g) ?? 0);
    const top = values.map((v, i) => below[i] + v);
    const d = [
      ...top.map((v, i) => `${i === 0 ? 'M' : 'L'}${round(xs(variant.xs[i]))},${round(y.scale(v))}`),
      ...below
        .map((v, i) => [i, v] as const)
        .reverse()
        .map(([i, v]) => `L${round(xs(variant.xs[i]))},${round(y.scale(v))}`),
    ].join('');
    plot
      .append('path')
      .attr('data-series', variant.variant)
      .attr('data-measure', part.column)
      .attr('d', `${d}Z`)
      .attr('fill', part.color)
      .attr('fill-opacity', 0.8)
      .attr('stroke', '#fff')
      .attr('stroke-width', 0.5);
    top.forEach((v, i) => (below[i] = v));
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
