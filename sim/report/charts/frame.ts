// What every chart shares: one reusable SVG document, the palette, the title block, axes with
// grid and unit labels, the legend and series lines. Charts only map data onto these.

import { D3Node, type D3, type Selection } from 'd3-node';

import type { RunResult } from '../../metrics/run-result.js';
import { formatTick, logTicks, type FittedScale } from './scales.js';

const FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Helvetica, Arial, sans-serif";
// Okabe-Ito, reordered so the first lines are the most distinct; yellow (weak on white) last.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
// Each series gets its own dash pattern too, so lines stay apart in grey print and for readers
// who cannot tell two colours apart; (colour, dash) pairs repeat only after 8 series.
const DASHES = ['', '8 3', '2 3', '9 3 2 3', '4 2'];
export const INK = '#222';
export const MUTED = '#666';
const GRID = '#e6e6e6';
/** Distance of the y-axis title from the plot, clear of tick labels like 1500 or 100%. */
const Y_LABEL_OFFSET = 56;

export interface ChartSvg {
  /** File name inside the report directory. */
  file: string;
  title: string;
  svg: string;
}

export interface SeriesStyle {
  color: string;
  dash: string;
}

export function seriesStyle(index: number): SeriesStyle {
  return {
    color: PALETTE[index % PALETTE.length],
    dash: DASHES[(index + Math.floor(index / PALETTE.length)) % DASHES.length],
  };
}

/**
 * One jsdom document reused for every chart: building a JSDOM costs far more than drawing,
 * so a report creates one canvas and draws each chart into it in turn.
 */
export class SvgCanvas {
  private readonly node = new D3Node();

  get d3(): D3 {
    return this.node.d3;
  }

  /** Draws one SVG and returns its markup; the document is empty again afterwards. */
  draw(width: number, height: number, title: string, paint: (svg: Selection) => void): string {
    this.node.d3Element.selectAll('svg').remove();
    const svg = this.node.createSVG(width, height, {
      viewBox: `0 0 ${width} ${height}`,
      'font-family': FONT,
      'font-size': 12,
      role: 'img',
    });
    svg.append('title').text(title);
    svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#fff');
    paint(svg);
    const markup = this.node.svgString();
    this.node.d3Element.selectAll('svg').remove();
    return markup;
  }
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Chart title and a grey line of context under it. */
export function header(svg: Selection, title: string, subtitle: string): void {
  svg.append('text').attr('x', 16).attr('y', 26).attr('font-size', 17).attr('font-weight', 600).attr('fill', INK).text(title);
  if (subtitle) svg.append('text').attr('x', 16).attr('y', 46).attr('font-size', 12).attr('fill', MUTED).text(subtitle);
}

export { fitScale, formatPercent, formatSeconds, formatTick, type FittedScale } from './scales.js';

export interface AxisSpec {
  fitted: FittedScale;
  label: string;
  format?: (value: number) => string;
  ticks?: number;
}

function tickValues(axis: AxisSpec): number[] {
  return axis.fitted.log ? logTicks(axis.fitted.scale) : axis.fitted.scale.ticks(axis.ticks ?? 6);
}

/**
 * Grid, axes and axis labels around `box`; returns the plot group, origin at the box corner,
 * marked `data-panel="<panel>"` so tests and tools find a panel's series inside it.
 * Without a y spec only the x axis is drawn (rows of a timeline label themselves).
 */
export function drawAxes(svg: Selection, d3: D3, box: Box, x: AxisSpec, y: AxisSpec | null, panel: string): Selection {
  const plot = svg.append('g').attr('transform', `translate(${box.left},${box.top})`).attr('data-panel', panel);
  const xs = x.fitted.scale;
  const xt = tickValues(x);
  const grid = plot.append('g').attr('stroke', GRID).attr('stroke-width', 1);
  for (const t of xt) grid.append('line').attr('y1', 0).attr('y2', box.height).attr('x1', xs(t)).attr('x2', xs(t));
  plot
    .append('g')
    .attr('transform', `translate(0,${box.height})`)
    .call(
      d3
        .axisBottom(xs)
        .tickValues(xt)
        .tickFormat(x.format ?? formatTick)
        .tickSizeOuter(0),
    );
  axisLabel(plot, box.width / 2, box.height + 38, 0, x.label);
  if (y) {
    const ys = y.fitted.scale;
    const yt = tickValues(y);
    for (const t of yt) grid.append('line').attr('x1', 0).attr('x2', box.width).attr('y1', ys(t)).attr('y2', ys(t));
    plot.append('g').call(
      d3
        .axisLeft(ys)
        .tickValues(yt)
        .tickFormat(y.format ?? formatTick)
        .tickSizeOuter(0),
    );
    axisLabel(plot, -Y_LABEL_OFFSET, box.height / 2, -90, y.label);
  }
  // d3-axis puts its own font on each axis group; the chart's font should win.
  plot.selectAll('g[font-family]').attr('font-family', null).attr('font-size', null);
  plot.selectAll('.tick text').attr('font-size', 11).attr('fill', INK);
  return plot;
}

function axisLabel(plot: Selection, x: number, y: number, rotate: number, text: string): void {
  if (!text) return;
  plot
    .append('text')
    .attr('transform', rotate ? `translate(${x},${y}) rotate(${rotate})` : `translate(${x},${y})`)
    .attr('text-anchor', 'middle')
    .attr('fill', INK)
    .text(text);
}

export interface LegendItem {
  label: string;
  color: string;
  dash?: string;
  /** A filled square (categories) instead of a line sample (series). */
  swatch?: boolean;
  /** A wide pale line sample (an analytic bound, set apart from every dash pattern). */
  band?: boolean;
  /** Smaller grey lines under the label (counts, medians), separated by newlines. */
  detail?: string;
}

const LEGEND_CHARS = 25;

/** A vertical legend at (x, y); long labels are shortened, the full text stays in a tooltip. */
export function legend(svg: Selection, items: readonly LegendItem[], x: number, y: number, heading = ''): void {
  const g = svg.append('g').attr('transform', `translate(${x},${y})`).attr('font-size', 12);
  let iy = 0;
  if (heading) {
    g.append('text').attr('y', 4).attr('font-weight', 600).attr('fill', INK).text(heading);
    iy += 20;
  }
  for (const item of items) {
    legendSample(g, item, iy);
    const short = item.label.length > LEGEND_CHARS ? `${item.label.slice(0, LEGEND_CHARS - 1)}…` : item.label;
    const text = g
      .append('text')
      .attr('x', 28)
      .attr('y', iy + 4)
      .attr('fill', INK)
      .text(short);
    if (short !== item.label) text.append('title').text(item.label);
    // a detail of several lines ("\n") keeps each within the legend column
    for (const line of item.detail ? item.detail.split('\n') : []) {
      g.append('text')
        .attr('x', 28)
        .attr('y', iy + 18)
        .attr('font-size', 11)
        .attr('fill', MUTED)
        .text(line);
      iy += 14;
    }
    iy += 20;
  }
}

function legendSample(g: Selection, item: LegendItem, iy: number): void {
  if (item.swatch) {
    g.append('rect')
      .attr('x', 0)
      .attr('y', iy - 6)
      .attr('width', 18)
      .attr('height', 12)
      .attr('fill', item.color);
    return;
  }
  const sample = g
    .append('line')
    .attr('x1', item.band ? 4 : 0)
    .attr('x2', item.band ? 18 : 22)
    .attr('y1', iy)
    .attr('y2', iy)
    .attr('stroke', item.color)
    .attr('stroke-width', item.band ? BAND.width : 2.5)
    .attr('stroke-dasharray', item.dash || null);
  if (item.band) sample.attr('stroke-opacity', BAND.opacity).attr('stroke-linecap', 'round');
}

/** How a bound is drawn: wide, pale, solid — unlike any series' dash pattern. */
export const BAND = { width: 7, opacity: 0.3 };

/**
 * A series' name in `data-series`: its variant, and its sweep point when the chart shows one
 * point of a sweep ("raft @ nodes=5").
 */
export function seriesName(variant: string, point: string): string {
  return point ? `${variant} @ ${point}` : variant;
}

/** One series as a path marked `data-series`; `d` from a d3 line generator (null when there are no points). */
export function seriesPath(plot: Selection, d: string | null, style: SeriesStyle, series: string, width = 2): Selection | null {
  if (!d) return null;
  return plot
    .append('path')
    .attr('data-series', series)
    .attr('d', d)
    .attr('fill', 'none')
    .attr('stroke', style.color)
    .attr('stroke-width', width)
    .attr('stroke-linejoin', 'round')
    .attr('stroke-dasharray', style.dash || null);
}

export const CHART_WIDTH = 960;
const LEGEND_WIDTH = 224;

/** The plot area of a single-panel chart: title above, legend column on the right. */
export function mainBox(height: number): Box {
  const left = 76;
  const top = 72;
  return { left, top, width: CHART_WIDTH - left - LEGEND_WIDTH - 16, height: height - top - 58 };
}

/** Where the legend column of a single-panel chart starts. */
export function legendOrigin(box: Box): { x: number; y: number } {
  return { x: box.left + box.width + 24, y: box.top + 6 };
}

/** What every chart function receives. */
export interface ChartInput {
  scenario: string;
  results: readonly RunResult[];
  sweepKeys: readonly string[];
}

/** A small-multiple panel's title, `gap` px above its plot area. */
export function panelTitle(root: Selection, box: Box, text: string, gap: number): void {
  root
    .append('text')
    .attr('x', box.left)
    .attr('y', box.top - gap)
    .attr('font-size', 13)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .text(text);
}
