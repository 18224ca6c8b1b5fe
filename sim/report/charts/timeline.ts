// Node-state timeline, RaftScope-style: one row per node, coloured by role over simulated time,
// with fault bands across all rows. Drawn at pixel resolution — one path per role — so a
// thousand role changes per node cost no more than the plot is wide.

import type { Selection } from 'd3-node';

import type { RoleSegment, RunResult, TimelineRole } from '../../metrics/run-result.js';
import { firstTrialRuns, timeExtentMs } from '../aggregate.js';
import { FAULT_COLOR, drawFaults, faultNote, uniqueFaults } from './faults.js';
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
  type ChartInput,
  type ChartSvg,
  type LegendItem,
  type SvgCanvas,
} from './frame.js';

/** Rows beyond this are unreadable and slow; the subtitle says how many were left out. */
export const MAX_TIMELINE_NODES = 40;
const ROW_HEIGHT = 14;
const BAR_HEIGHT = 10;
/** Room above the rows for fault labels. */
const LABEL_STRIP = 46;

export const ROLE_COLORS: Readonly<Record<TimelineRole, string>> = {
  leader: '#0072B2',
  follower: '#56B4E9',
  candidate: '#E69F00',
  down: '#4D4D4D',
  serving: '#009E73',
  idle: '#D9D9D9',
};
// When several roles fall into one pixel, the rarer, more telling one is drawn.
const PRIORITY: readonly TimelineRole[] = ['down', 'candidate', 'leader', 'serving', 'follower', 'idle'];

/** A file-name-safe, unique name per variant, stable for the same variant list. */
export function timelineFiles(variants: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const files = new Map<string, string>();
  for (const variant of variants) {
    const base =
      variant
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[-.]+|-+$/g, '') || 'variant';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    files.set(variant, `timeline-${name}.svg`);
  }
  return files;
}

/**
 * The role drawn in each pixel column of one node's row (-1: no segment), priority-resolved,
 * so the output size is bounded by the plot width rather than the number of segments.
 */
export function rasterizeRow(segments: readonly RoleSegment[], x: (ms: number) => number, width: number): Int8Array {
  const pixels = new Int8Array(width).fill(-1);
  for (const seg of segments) {
    const rank = PRIORITY.indexOf(seg.role);
    const from = Math.max(0, Math.floor(x(seg.from_ms)));
    const to = Math.min(width, Math.max(from + 1, Math.round(x(seg.to_ms))));
    for (let px = from; px < to; px++) {
      if (pixels[px] < 0 || rank < pixels[px]) pixels[px] = rank;
    }
  }
  return pixels;
}

/** Appends one rectangle subpath per run of equal pixels to the path of that role. */
function appendRuns(paths: string[][], pixels: Int8Array, y: number): void {
  let start = 0;
  for (let px = 1; px <= pixels.length; px++) {
    if (px < pixels.length && pixels[px] === pixels[start]) continue;
    const rank = pixels[start];
    if (rank >= 0) paths[rank].push(`M${start} ${y}h${px - start}v${BAR_HEIGHT}h${start - px}z`);
    start = px;
  }
}

function drawRows(plot: Selection, run: RunResult, rows: number, x: (ms: number) => number, width: number): Set<TimelineRole> {
  const paths: string[][] = PRIORITY.map(() => []);
  const labels = plot.append('g').attr('font-size', 11).attr('fill', INK).attr('text-anchor', 'end');
  for (let node = 0; node < rows; node++) {
    const y = LABEL_STRIP + node * ROW_HEIGHT;
    appendRuns(paths, rasterizeRow(run.timeline[node], x, width), y);
    labels
      .append('text')
      .attr('x', -8)
      .attr('y', y + BAR_HEIGHT - 1)
      .text(`node ${node}`);
  }
  const present = new Set<TimelineRole>();
  PRIORITY.forEach((role, rank) => {
    if (paths[rank].length === 0) return;
    present.add(role);
    plot.append('path').attr('d', paths[rank].join('')).attr('fill', ROLE_COLORS[role]).attr('data-role', role);
  });
  return present;
}

function subtitleOf(run: RunResult, rows: number, sweepNote: string): string {
  const total = Math.max(run.nodes, run.timeline.length);
  const shown = rows < total ? `showing the first ${rows} of ${total} nodes` : `all ${total} nodes`;
  return `Role of each node over time, ${run.kind}, trial ${run.trial}${sweepNote}; ${shown}`;
}

function timelineChart(canvas: SvgCanvas, input: ChartInput, run: RunResult, file: string): ChartSvg {
  const rows = Math.min(MAX_TIMELINE_NODES, run.timeline.length);
  const height = 72 + LABEL_STRIP + rows * ROW_HEIGHT + 64;
  const box = { ...mainBox(height), height: LABEL_STRIP + rows * ROW_HEIGHT };
  const d3 = canvas.d3;
  const x = fitScale(d3, { values: [], domain: [0, timeExtentMs([run])], range: [0, box.width] });
  const title = `Node states — ${run.variant}`;
  const sweepNote = input.sweepKeys.length > 0 ? `, ${input.sweepKeys.map((k) => `${k}=${String(run.sweepPoint[k])}`).join(', ')}` : '';
  const svg = canvas.draw(CHART_WIDTH, Math.max(height, 260), title, (root) => {
    header(root, title, subtitleOf(run, rows, sweepNote));
    const plot = drawAxes(root, d3, box, { fitted: x, label: 'Simulated time (s)', format: formatSeconds }, null);
    const faults = uniqueFaults([run]);
    const layer = drawFaults(plot, x.scale, box, faults);
    const present = drawRows(plot, run, rows, x.scale, Math.floor(box.width));
    const note = faultNote(layer, faults.length);
    const items: LegendItem[] = PRIORITY.filter((r) => present.has(r)).map((role) => ({
      label: role,
      color: ROLE_COLORS[role],
      swatch: true,
    }));
    if (faults.length > 0) items.push({ label: 'fault', color: FAULT_COLOR, swatch: true, detail: note || undefined });
    const at = legendOrigin(box);
    legend(root, items, at.x, at.y, 'Role');
  });
  return { file, title, svg };
}

/** One timeline per variant: its first trial at its first sweep point. */
export function timelineCharts(canvas: SvgCanvas, input: ChartInput): ChartSvg[] {
  const runs = firstTrialRuns(input.results, input.sweepKeys).filter((r) => r.timeline.length > 0);
  const files = timelineFiles(runs.map((r) => r.variant));
  return runs.map((run) => timelineChart(canvas, input, run, files.get(run.variant) ?? 'timeline.svg'));
}
