// The frame both time-based charts (throughput, latency) share: simulated time on x, fault
// bands and labels under the data, one step line per series (a bucket's value holds for the
// whole bucket), legend on the right.

import type { D3 } from 'd3-node';

import type { RunResult, TimeseriesRow } from '../../metrics/run-result.js';
import { num, pointKey, timeExtentMs } from '../aggregate.js';
import { drawFaults, faultNote, uniqueFaults } from './faults.js';
import {
  CHART_WIDTH,
  drawAxes,
  fitScale,
  formatSeconds,
  header,
  legend,
  legendOrigin,
  mainBox,
  seriesPath,
  type ChartSvg,
  type LegendItem,
  type SeriesStyle,
  type SvgCanvas,
} from './frame.js';

export type SeriesColumn = 'throughput_ops_s' | 'latency_p50_ms' | 'latency_p99_ms';

export interface TimeLine {
  run: RunResult;
  column: SeriesColumn;
  style: SeriesStyle;
  width?: number;
}

export interface TimeChartSpec {
  file: string;
  title: string;
  subtitle: string;
  yLabel: string;
  lines: readonly TimeLine[];
  legend: readonly LegendItem[];
  legendHeading?: string;
  /** Switch to a log y-axis when the data spans more than this ratio. */
  logAbove?: number;
  zero?: boolean;
}

interface Point {
  t: number;
  v: number | null;
}

const HEIGHT = 440;

/** A run's column as points, plus one closing point so the last bucket is drawn full width. */
export function seriesPoints(rows: readonly TimeseriesRow[], column: SeriesColumn): Point[] {
  const points: Point[] = [];
  for (const row of rows) {
    const t = num(row.t_ms);
    if (t !== null) points.push({ t, v: num(row[column]) });
  }
  if (points.length >= 2) {
    const last = points[points.length - 1];
    points.push({ t: last.t + (last.t - points[points.length - 2].t), v: last.v });
  }
  return points;
}

export function timeChart(canvas: SvgCanvas, spec: TimeChartSpec): ChartSvg {
  const d3 = canvas.d3;
  const box = mainBox(HEIGHT);
  const runs = [...new Set(spec.lines.map((l) => l.run))];
  const faults = uniqueFaults(runs);
  const points = spec.lines.map((l) => seriesPoints(l.run.timeseries, l.column));
  const x = fitScale(d3, { values: [], domain: [0, timeExtentMs(runs)], range: [0, box.width] });
  const y = fitScale(d3, {
    values: points.flat().flatMap((p) => (p.v === null ? [] : [p.v])),
    range: [box.height, 0],
    logAbove: spec.logAbove,
    zero: spec.zero,
    headroom: faults.length > 0 ? 0.15 : 0,
  });
  const svg = canvas.draw(CHART_WIDTH, HEIGHT, spec.title, (root) => {
    const plot = drawAxes(
      root,
      d3,
      box,
      { fitted: x, label: 'Simulated time (s)', format: formatSeconds },
      { fitted: y, label: spec.yLabel },
    );
    const layer = drawFaults(plot, x.scale, box, faults);
    const line = lineOf(d3, x.scale, y.scale, y.log);
    spec.lines.forEach((l, i) => seriesPath(plot, line(points[i]), l.style, l.width));
    const note = faultNote(layer, faults.length);
    header(root, spec.title, note ? `${spec.subtitle} · ${note}` : spec.subtitle);
    const at = legendOrigin(box);
    legend(root, spec.legend, at.x, at.y, spec.legendHeading);
  });
  return { file: spec.file, title: spec.title, svg };
}

function lineOf(d3: D3, x: (v: number) => number, y: (v: number) => number, log: boolean) {
  return d3
    .line<Point>()
    .defined((p) => p.v !== null && (!log || p.v > 0))
    .x((p) => x(p.t))
    .y((p) => y(p.v ?? 0))
    .curve(d3.curveStepAfter);
}

/** What the time charts show, in words: which trial, and which sweep point if any. */
export function firstRunsNote(runs: readonly RunResult[], sweepKeys: readonly string[]): string {
  const trials = [...new Set(runs.map((r) => r.trial))];
  const which = trials.length === 1 ? `trial ${trials[0]}` : 'first trial';
  const point = sweepKeys.length > 0 && runs.length > 0 ? ` at ${pointKey(runs[0].sweepPoint, sweepKeys)}` : '';
  return `${which} of each variant${point}`;
}
