// The failover up close: ±1 s around each fault, every request as a dot at the moment it was
// sent, at the height of how long it waited — from exact event times, not buckets. Requests
// that failed are crosses; the fault, the first election, the new leader's win and its first
// commit are vertical marks from failovers.csv. One row per variant, one column per fault.

import type { D3, Selection } from 'd3-node';

import type { FailoverRow, RunResult } from '../../metrics/run-result.js';
import { cellOf, firstTrialRuns, num, pointKey, variantsOf } from '../aggregate.js';
import { FAULT_COLOR, faultWords } from './faults.js';
import {
  CHART_WIDTH,
  INK,
  MUTED,
  PALETTE,
  drawAxes,
  fitScale,
  header,
  legend,
  seriesName,
  type Box,
  type ChartInput,
  type ChartSvg,
  type FittedScale,
  type LegendItem,
  type SvgCanvas,
} from './frame.js';
import { FAILOVER_ZOOM_FILE } from '../files.js';

const HALF_WINDOW_MS = 1000;
const MAX_FAULT_COLUMNS = 3;
const PANEL_HEIGHT = 150;
const ROW_GAP = 64;
const OK_COLOR = PALETTE[0];
const FAILED_COLOR = PALETTE[1];

/** Marks from a failovers.csv row, in the order they happen. */
const MARKS = [
  {
    column: 'detected_at_ms',
    label: 'fault detected',
    short: 'detected',
    detail: 'election starts / node ejected',
    color: PALETTE[4],
    dash: '2 3',
  },
  { column: 'elected_at_ms', label: 'new leader elected', short: 'elected', detail: '', color: PALETTE[2], dash: '6 3' },
  {
    column: 'first_commit_at_ms',
    label: 'failover ends',
    short: 'ended',
    detail: 'first write committed / served',
    color: PALETTE[3],
    dash: '',
  },
] as const;
/** A mark's label takes about this many px per character at 10 px (labels closer than that move down a lane). */
const MARK_CHAR = 5.6;
const MARK_LANE = 12;
/** At most this many requests in a panel's ±1 s: each is drawn as a 4-px square, not 2 px. */
const SPARSE_REQUESTS = 2000;

interface Panel {
  run: RunResult;
  /** `data-series` of its requests: the variant (at its sweep point). */
  series: string;
  faultAt: number;
  label: string;
}

function panelsOf(runs: readonly RunResult[], sweepKeys: readonly string[]): Panel[][] {
  return runs.map((run) => {
    const series = seriesName(run.variant, pointKey(run.sweepPoint, sweepKeys));
    const starts = [...new Set(run.faults.map((f) => f.at_ms))].sort((a, b) => a - b).slice(0, MAX_FAULT_COLUMNS);
    return starts.map((at) => {
      const fault = run.faults.find((f) => f.at_ms === at);
      return { run, series, faultAt: at, label: fault ? faultWords(fault, run) : 'fault' };
    });
  });
}

export function failoverZoomChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const runs = firstTrialRuns(input.results, input.sweepKeys).filter((r) => r.nearFaults && r.faults.length > 0);
  if (runs.length === 0) return null;
  const rows = panelsOf(runs, input.sweepKeys);
  const columns = Math.max(...rows.map((r) => r.length));
  const d3 = canvas.d3;
  const left = 76;
  const plotWidth = CHART_WIDTH - left - 230;
  const gap = 44;
  const width = (plotWidth - gap * (columns - 1)) / columns;
  const x = fitScale(d3, { values: [], domain: [-HALF_WINDOW_MS, HALF_WINDOW_MS], range: [0, width] });
  const yDomain: [number, number] = [0.1, Math.max(10, longestWait(runs)) * 1.3];
  const y = { scale: d3.scaleLog().domain(yDomain).range([PANEL_HEIGHT, 0]), log: true };
  const height = 96 + rows.length * (PANEL_HEIGHT + ROW_GAP) + 30;
  const title = `Failover up close — ${input.scenario}`;
  const variants = variantsOf(input.results);
  const svg = canvas.draw(CHART_WIDTH, height, title, (root) => {
    header(root, title, `Each request at the moment it was sent (±1 s around each fault), as high as it waited; trial 0`);
    rows.forEach((row, r) => {
      row.forEach((panel, c) => {
        const box = { left: left + c * (width + gap), top: 96 + r * (PANEL_HEIGHT + ROW_GAP), width, height: PANEL_HEIGHT };
        drawPanel(root, d3, box, panel, x, y, r === rows.length - 1, c === 0);
      });
      const heading = variants.length > 1 || rows[r].length > 1 ? row[0].run.variant : '';
      if (heading)
        root
          .append('text')
          .attr('x', left)
          .attr('y', 96 + r * (PANEL_HEIGHT + ROW_GAP) - 26)
          .attr('font-size', 13)
          .attr('font-weight', 600)
          .attr('fill', INK)
          .text(heading);
    });
    const items: LegendItem[] = [
      { label: 'request that succeeded', color: OK_COLOR, swatch: true },
      { label: 'request that failed', color: FAILED_COLOR, swatch: true },
      { label: 'fault', color: FAULT_COLOR },
      ...MARKS.map((m) => ({ label: m.label, color: m.color, dash: m.dash, detail: m.detail || undefined })),
    ];
    legend(root, items, CHART_WIDTH - 214, 96, 'Marks');
  });
  return { file: FAILOVER_ZOOM_FILE, title, svg };
}

/** The longest wait of any recorded request (a loop: there may be hundreds of thousands). */
function longestWait(runs: readonly RunResult[]): number {
  let longest = 0;
  for (const r of runs) {
    const data = r.nearFaults;
    if (data) for (let i = 0; i < data.sent_ms.length; i++) longest = Math.max(longest, data.done_ms[i] - data.sent_ms[i]);
  }
  return longest;
}

function drawPanel(root: Selection, d3: D3, box: Box, panel: Panel, x: FittedScale, y: FittedScale, bottom: boolean, first: boolean): void {
  const plot = drawAxes(
    root,
    d3,
    box,
    { fitted: x, label: bottom ? 'ms from the fault' : '', ticks: 5 },
    { fitted: y, label: first ? 'waited (ms)' : '' },
    `${panel.series} · fault at ${String(Math.round(panel.faultAt))} ms`,
  );
  root
    .append('text')
    .attr('x', box.left + box.width)
    .attr('y', box.top - 6)
    .attr('text-anchor', 'end')
    .attr('font-size', 11)
    .attr('fill', MUTED)
    .text(`${panel.label} at ${String(Math.round(panel.faultAt))} ms`);
  drawRequests(plot, panel, x, y, box);
  const failover = panel.run.failovers.find((f) => Math.abs((num(f.fault_at_ms) ?? -1e12) - panel.faultAt) < 1e-6);
  mark(plot, x.scale(0), box.height, FAULT_COLOR, '', 1.6);
  if (failover)
    markLabels(
      plot,
      MARKS.flatMap((m) => markFromRow(plot, failover, m, panel.faultAt, x, box)),
    );
}

interface Placed {
  px: number;
  text: string;
  color: string;
  mark: string;
}

function markFromRow(plot: Selection, row: FailoverRow, m: (typeof MARKS)[number], faultAt: number, x: FittedScale, box: Box): Placed[] {
  const at = num(cellOf(row, m.column));
  if (at === null || Math.abs(at - faultAt) > HALF_WINDOW_MS) return [];
  const px = x.scale(at - faultAt);
  mark(plot, px, box.height, m.color, m.dash, 1.6).attr('data-mark', m.column);
  return [{ px, text: m.short, color: m.color, mark: m.column }];
}

/**
 * Each mark named at the top of the plot, right of its line; marks a few ms apart (detected,
 * elected and ended often are) would print over each other, so a label that would touch the
 * one before it moves down a lane.
 */
function markLabels(plot: Selection, placed: readonly Placed[]): void {
  const laneEnds: number[] = [];
  for (const p of [...placed].sort((a, b) => a.px - b.px)) {
    const start = p.px + 3;
    let lane = laneEnds.findIndex((end) => start > end + 4);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = start + p.text.length * MARK_CHAR;
    plot
      .append('text')
      .attr('data-mark', p.mark)
      .attr('x', round(start))
      .attr('y', 10 + lane * MARK_LANE)
      .attr('font-size', 10)
      .attr('fill', INK)
      .attr('stroke', '#fff')
      .attr('stroke-width', 2.5)
      .attr('paint-order', 'stroke')
      .text(p.text);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

function mark(plot: Selection, px: number, height: number, color: string, dash: string, width: number): Selection {
  return plot
    .append('line')
    .attr('x1', px)
    .attr('x2', px)
    .attr('y1', 0)
    .attr('y2', height)
    .attr('stroke', color)
    .attr('stroke-width', width)
    .attr('stroke-dasharray', dash || null);
}

/**
 * Requests as tiny squares (succeeded) and crosses (failed), one path per kind; requests that
 * fall on the same pixel are drawn once, so a busy second costs no more than the plot's area.
 */
function drawRequests(plot: Selection, panel: Panel, x: FittedScale, y: FittedScale, box: Box): void {
  const data = panel.run.nearFaults;
  if (!data) return;
  const seen = new Set<number>();
  const ok: string[] = [];
  const failed: string[] = [];
  const inWindow = (i: number) => Math.abs(data.sent_ms[i] - panel.faultAt) <= HALF_WINDOW_MS;
  let count = 0;
  for (let i = 0; i < data.sent_ms.length; i++) if (inWindow(i)) count++;
  // a sparse panel (50 requests/s) gets squares big enough to see; a busy one keeps 2 px
  const size = count <= SPARSE_REQUESTS ? 4 : 2;
  for (let i = 0; i < data.sent_ms.length; i++) {
    if (!inWindow(i)) continue;
    const rel = data.sent_ms[i] - panel.faultAt;
    // snapped to a 2-px grid: a 2-px square per cell looks the same and keeps busy runs small
    const px = 2 * Math.round(x.scale(rel) / 2);
    const py = 2 * Math.round(y.scale(Math.max(0.1, data.done_ms[i] - data.sent_ms[i])) / 2);
    const key = (py * 4096 + px) * 2 + (data.ok[i] ? 0 : 1);
    if (seen.has(key) || py < 0 || py > box.height) continue;
    seen.add(key);
    if (data.ok[i]) ok.push(`M${px - size / 2} ${py - size / 2}h${size}v${size}h${-size}z`);
    else failed.push(`M${px - 3} ${py - 3}l6 6m0 -6l-6 6`);
  }
  const dots = (measure: string) => plot.append('path').attr('data-series', panel.series).attr('data-measure', measure);
  if (ok.length > 0) dots('succeeded').attr('d', ok.join('')).attr('fill', OK_COLOR).attr('fill-opacity', 0.6);
  if (failed.length > 0)
    dots('failed').attr('d', failed.join('')).attr('stroke', FAILED_COLOR).attr('stroke-width', 1.5).attr('fill', 'none');
}
