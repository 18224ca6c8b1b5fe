// The frame both time-based charts (throughput, latency) share: simulated time on x, one step
// line per series (a bucket's value holds for the whole bucket), faults under the data. With
// several variants each gets its own panel on shared axes (small multiples), so no line can
// hide another — "3 and 4 replicas both stop" must be visible, not buried under a third line.

import type { D3, Selection } from 'd3-node';

import type { RunResult, TimeseriesRow } from '../../metrics/run-result.js';
import { num, pointKey, timeExtentMs } from '../aggregate.js';
import { alertLegend, drawAlerts, firingRules } from './alerts.js';
import { drawFaults, faultLegend, faultNote, uniqueFaults } from './faults.js';
import {
  CHART_WIDTH,
  INK,
  drawAxes,
  fitScale,
  formatSeconds,
  header,
  legend,
  legendOrigin,
  mainBox,
  seriesPath,
  type Box,
  type ChartSvg,
  type FittedScale,
  type LegendItem,
  type SeriesStyle,
  type SvgCanvas,
  panelTitle,
} from './frame.js';

type SeriesColumn = 'throughput_ops_s' | 'latency_p50_ms' | 'latency_p99_ms' | 'failed';

interface TimeLine {
  run: RunResult;
  /** `data-series` of the line: its variant (and sweep point); the column goes in `data-measure`. */
  series: string;
  column: SeriesColumn;
  style: SeriesStyle;
  width?: number;
  /** Drawn as a filled step area from zero (failed requests) instead of a line. */
  area?: boolean;
  /** Divide by the bucket length in seconds (a count per bucket becomes a rate). */
  perSecond?: boolean;
}

/** One panel: its title and the lines in it; faults come from the panel's own runs. */
export interface TimePanel {
  label: string;
  lines: readonly TimeLine[];
}

export interface TimeChartSpec {
  file: string;
  title: string;
  subtitle: string;
  yLabel: string;
  panels: readonly TimePanel[];
  legend: readonly LegendItem[];
  legendHeading?: string;
  /** Switch to a log y-axis when the data spans more than this ratio. */
  logAbove?: number;
  zero?: boolean;
  /** Give each panel its own y axis when the panels' peaks differ by more than this ratio
   *  (3 nodes beside 1000 would be flat at zero on a shared 0–1M axis). */
  ownAxesAbove?: number;
}

interface Point {
  t: number;
  v: number | null;
}

const SINGLE_HEIGHT = 440;
const PANEL_GAP = 44;

/** A run's column as points, plus one closing point so the last bucket is drawn full width. */
function seriesPoints(rows: readonly TimeseriesRow[], column: SeriesColumn, perSecond = false): Point[] {
  const points: Point[] = [];
  for (const row of rows) {
    const t = num(row.t_ms);
    if (t !== null) points.push({ t, v: num(row[column]) });
  }
  if (points.length >= 2) {
    const last = points[points.length - 1];
    points.push({ t: last.t + (last.t - points[points.length - 2].t), v: last.v });
    if (perSecond) {
      const seconds = (points[1].t - points[0].t) / 1000;
      for (const p of points) if (p.v !== null) p.v /= seconds;
    }
  }
  return points;
}

/** Panel boxes stacked top to bottom; taller panels when there are few. */
function panelBoxes(count: number): { boxes: Box[]; height: number } {
  if (count <= 1) return { boxes: [mainBox(SINGLE_HEIGHT)], height: SINGLE_HEIGHT };
  const inner = count <= 3 ? 150 : count <= 6 ? 112 : 92;
  const first = mainBox(SINGLE_HEIGHT);
  const boxes = Array.from({ length: count }, (_, i) => ({ ...first, top: first.top + 18 + i * (inner + PANEL_GAP), height: inner }));
  const last = boxes[count - 1];
  return { boxes, height: last.top + last.height + 58 };
}

export function timeChart(canvas: SvgCanvas, spec: TimeChartSpec): ChartSvg {
  const d3 = canvas.d3;
  const { boxes, height } = panelBoxes(spec.panels.length);
  const allRuns = [...new Set(spec.panels.flatMap((p) => p.lines.map((l) => l.run)))];
  const allFaults = uniqueFaults(allRuns);
  const rules = firingRules(allRuns);
  const points = spec.panels.map((panel) => panel.lines.map((l) => seriesPoints(l.run.timeseries, l.column, l.perSecond)));
  const x = fitScale(d3, { values: [], domain: [0, timeExtentMs(allRuns)], range: [0, boxes[0].width] });
  const valuesOf = (panel: Point[][]) => panel.flat().flatMap((p) => (p.v === null ? [] : [p.v]));
  const fit = (values: number[]) =>
    fitScale(d3, {
      values,
      range: [boxes[0].height, 0],
      logAbove: spec.logAbove,
      zero: spec.zero,
      headroom: allFaults.length > 0 ? 0.15 : 0,
    });
  const own = ownAxes(points.map(valuesOf), spec.ownAxesAbove);
  const shared = fit(points.flatMap(valuesOf));
  const ys = points.map((panel) => (own ? fit(valuesOf(panel)) : shared));
  const svg = canvas.draw(CHART_WIDTH, height, spec.title, (root) => {
    let unlabeled = 0;
    spec.panels.forEach((panel, i) => {
      const box = boxes[i];
      const last = i === spec.panels.length - 1;
      const panelY = { ...ys[i], scale: ys[i].scale.copy().range([box.height, 0]) };
      const plot = drawAxes(
        root,
        d3,
        box,
        { fitted: x, label: last ? 'Simulated time (s)' : '', format: formatSeconds },
        { fitted: panelY, label: spec.panels.length > 1 ? '' : spec.yLabel, ticks: box.height < 120 ? 3 : 5 },
        panel.lines[0]?.series ?? panel.label,
      );
      if (spec.panels.length > 1) panelTitle(root, box, panel.label, 7);
      const panelRuns = [...new Set(panel.lines.map((l) => l.run))];
      const faults = drawFaults(plot, x.scale, box, uniqueFaults(panelRuns));
      unlabeled += faults.unlabeled;
      // filled areas, then the downtime strips over them (never hidden), then the lines on top
      drawLines(plot, d3, x, panelY, panel.lines, points[i], 'areas');
      faults.strips.raise();
      drawLines(plot, d3, x, panelY, panel.lines, points[i], 'lines');
      drawAlerts(
        plot,
        x.scale,
        box,
        panelRuns.flatMap((r) => r.alerts ?? []),
        rules,
        x.scale.domain()[1],
        faults.stripLanes,
      );
    });
    if (spec.panels.length > 1) sharedYLabel(root, boxes, spec.yLabel, own);
    const note = faultNote({ unlabeled }, allFaults.length * spec.panels.length);
    header(root, spec.title, spec.subtitle);
    const at = legendOrigin(boxes[0]);
    legend(root, [...spec.legend, ...faultLegend(allFaults, note), ...alertLegend(rules)], at.x, at.y, spec.legendHeading);
  });
  return { file: spec.file, title: spec.title, svg };
}

function drawLines(
  plot: Selection,
  d3: D3,
  x: FittedScale,
  y: FittedScale,
  lines: readonly TimeLine[],
  points: Point[][],
  which: 'areas' | 'lines',
): void {
  const defined = (p: Point) => p.v !== null && (!y.log || p.v > 0);
  const line = d3
    .line<Point>()
    .defined(defined)
    .x((p) => x.scale(p.t))
    .y((p) => y.scale(p.v ?? 0))
    .curve(d3.curveStepAfter);
  const area = d3
    .area<Point>()
    .defined(defined)
    .x((p) => x.scale(p.t))
    .y0(y.scale(y.scale.domain()[0]))
    .y1((p) => y.scale(p.v ?? 0))
    .curve(d3.curveStepAfter);
  lines.forEach((l, i) => {
    if ((which === 'areas') !== (l.area === true)) return;
    if (!l.area) return void seriesPath(plot, line(points[i]), l.style, l.series, l.width)?.attr('data-measure', l.column);
    const d = area(points[i]);
    if (d)
      plot
        .append('path')
        .attr('data-series', l.series)
        .attr('data-measure', l.column)
        .attr('d', d)
        .attr('fill', l.style.color)
        .attr('stroke', 'none');
  });
}

/** One y-axis title for a column of panels, centred on the whole stack. */
function sharedYLabel(root: Selection, boxes: readonly Box[], text: string, own: boolean): void {
  const top = boxes[0].top;
  const bottom = boxes[boxes.length - 1].top + boxes[boxes.length - 1].height;
  root
    .append('text')
    .attr('transform', `translate(${boxes[0].left - 56},${(top + bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', INK)
    .text(`${text} — ${own ? 'each panel on its own scale' : 'same scale in every panel'}`);
}

/** Whether the panels' peaks differ by more than `ratio` (then each gets its own y axis). */
function ownAxes(panels: readonly (readonly number[])[], ratio: number | undefined): boolean {
  if (ratio === undefined || panels.length < 2) return false;
  const peaks = panels.map((values) => values.reduce((a, b) => (b > a ? b : a), 0)).filter((peak) => peak > 0);
  if (peaks.length < 2) return false;
  return Math.max(...peaks) / Math.min(...peaks) > ratio;
}

/** What the time charts show, in words: which trial, and which sweep point if any. */
export function firstRunsNote(runs: readonly RunResult[], sweepKeys: readonly string[]): string {
  const trials = [...new Set(runs.map((r) => r.trial))];
  const which = trials.length === 1 ? `trial ${trials[0]}` : 'first trial';
  const points = new Set(runs.map((r) => pointKey(r.sweepPoint, sweepKeys)));
  const point = sweepKeys.length > 0 && runs.length > 0 && points.size === 1 ? ` at ${pointKey(runs[0].sweepPoint, sweepKeys)}` : '';
  return `${which} of each variant${point}`;
}
