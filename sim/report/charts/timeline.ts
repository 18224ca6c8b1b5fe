// Node-state timeline, RaftScope-style: one row per node, coloured by role over simulated time,
// with the faults across all rows. A node hosting several shards gets one lane per shard, so
// each shard's takeover after a crash shows; a leader cut off from its majority shows as
// "no quorum". Drawn at pixel resolution — one path per role — so a thousand role changes per
// node cost no more than the plot is wide.

import type { Selection } from 'd3-node';

import { TIMELINE_NODES } from '../../metrics/roles.js';
import type { RoleSegment, RunResult, TimelineRole } from '../../metrics/run-result.js';
import { firstTrialRuns, pointKey, timeExtentMs } from '../aggregate.js';
import { drawFaults, faultLegend, faultNote, uniqueFaults } from './faults.js';
import {
  CHART_WIDTH,
  INK,
  MUTED,
  drawAxes,
  fitScale,
  formatSeconds,
  header,
  legend,
  legendOrigin,
  mainBox,
  seriesName,
  type ChartInput,
  type ChartSvg,
  type LegendItem,
  type SvgCanvas,
} from './frame.js';
import { markNoQuorum } from './quorum.js';
import { timelineFile } from '../files.js';

/** Rows beyond this are unreadable and slow (the run keeps no more); the subtitle says how many were left out. */
export const MAX_TIMELINE_NODES = TIMELINE_NODES;
const ROW_HEIGHT = 14;
const BAR_HEIGHT = 10;
/** Lanes of a node that hosts several shards: thinner bars, a gap between nodes. */
const LANE_HEIGHT = 8;
const LANE_BAR = 6;
const BLOCK_GAP = 6;
/** Room above the rows for fault labels. */
const LABEL_STRIP = 46;

const ROLE_COLORS: Readonly<Record<TimelineRole, string>> = {
  leader: '#0072B2',
  follower: '#56B4E9',
  candidate: '#E69F00',
  down: '#4D4D4D',
  serving: '#009E73',
  idle: '#D9D9D9',
  'no-quorum': '#CC79A7',
};
const ROLE_LABELS: Partial<Record<TimelineRole, string>> = { 'no-quorum': 'leader, no quorum' };
// When several roles fall into one pixel, the rarer, more telling one is drawn.
const PRIORITY: readonly TimelineRole[] = ['down', 'candidate', 'no-quorum', 'leader', 'serving', 'follower', 'idle'];

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
    files.set(variant, timelineFile(name));
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
function appendRuns(paths: string[][], pixels: Int8Array, y: number, height: number): void {
  let start = 0;
  for (let px = 1; px <= pixels.length; px++) {
    if (px < pixels.length && pixels[px] === pixels[start]) continue;
    const rank = pixels[start];
    if (rank >= 0) paths[rank].push(`M${start} ${y}h${px - start}v${height}h${start - px}z`);
    start = px;
  }
}

interface Lane {
  label: string;
  segments: RoleSegment[];
}

/** A node's row: one lane, or one per shard replica it hosts. */
interface Block {
  node: number;
  lanes: Lane[];
}

/** Blocks for the first `rows` nodes, leaders without a majority marked. */
function timelineBlocks(run: RunResult, rows: number): Block[] {
  if (run.replicas && run.replicas.length > 0) return shardBlocks(run, rows);
  const all = run.timeline.length >= run.nodes;
  const members = run.timeline.map((segments, node) => ({ node, segments }));
  return run.timeline.slice(0, rows).map((segments, node) => ({
    node,
    lanes: [{ label: '', segments: all ? markNoQuorum(node, segments, members, run.faults) : segments }],
  }));
}

function shardBlocks(run: RunResult, rows: number): Block[] {
  const replicas = run.replicas ?? [];
  const byGroup = new Map<number, { node: number; segments: RoleSegment[] }[]>();
  for (const r of replicas) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), { node: r.node, segments: r.segments }]);
  // a group with a replica beyond the recorded nodes cannot be judged: its lanes stay as recorded
  const size = Math.max(...[...byGroup.values()].map((m) => m.length));
  const blocks = new Map<number, Block>();
  for (const r of replicas.filter((l) => l.node < rows)) {
    const members = byGroup.get(r.group) ?? [];
    const segments = members.length === size ? markNoQuorum(r.node, r.segments, members, run.faults) : r.segments;
    const block = blocks.get(r.node) ?? { node: r.node, lanes: [] };
    block.lanes.push({ label: `s${r.group}`, segments });
    blocks.set(r.node, block);
  }
  return [...blocks.values()].sort((a, b) => a.node - b.node);
}

function blockHeight(block: Block): number {
  return block.lanes.length > 1 ? block.lanes.length * LANE_HEIGHT + BLOCK_GAP : ROW_HEIGHT;
}

function drawRows(plot: Selection, blocks: readonly Block[], x: (ms: number) => number, width: number, series: string): Set<TimelineRole> {
  const paths: string[][] = PRIORITY.map(() => []);
  const labels = plot.append('g').attr('font-size', 11).attr('fill', INK).attr('text-anchor', 'end');
  let y = LABEL_STRIP;
  for (const block of blocks) {
    const multi = block.lanes.length > 1;
    block.lanes.forEach((lane, i) => {
      const top = y + (multi ? i * LANE_HEIGHT : 0);
      appendRuns(paths, rasterizeRow(lane.segments, x, width), top, multi ? LANE_BAR : BAR_HEIGHT);
      if (multi)
        labels
          .append('text')
          .attr('x', -4)
          .attr('y', top + LANE_BAR)
          .attr('font-size', 8)
          .attr('fill', MUTED)
          .text(lane.label);
    });
    const h = blockHeight(block);
    labels
      .append('text')
      .attr('x', multi ? -22 : -8)
      .attr('y', multi ? y + (h - BLOCK_GAP) / 2 + 4 : y + BAR_HEIGHT - 1)
      .text(`node ${block.node}`);
    y += h;
  }
  const present = new Set<TimelineRole>();
  PRIORITY.forEach((role, rank) => {
    if (paths[rank].length === 0) return;
    present.add(role);
    plot.append('path').attr('data-series', series).attr('data-role', role).attr('d', paths[rank].join('')).attr('fill', ROLE_COLORS[role]);
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
  const blocks = timelineBlocks(run, rows);
  const rowsHeight = blocks.reduce((sum, b) => sum + blockHeight(b), 0);
  const height = 72 + LABEL_STRIP + rowsHeight + 64;
  const box = { ...mainBox(height), height: LABEL_STRIP + rowsHeight };
  const d3 = canvas.d3;
  const x = fitScale(d3, { values: [], domain: [0, timeExtentMs([run])], range: [0, box.width] });
  const title = `Node states — ${run.variant}`;
  const sweepNote = input.sweepKeys.length > 0 ? `, ${input.sweepKeys.map((k) => `${k}=${String(run.sweepPoint[k])}`).join(', ')}` : '';
  const shards = blocks.some((b) => b.lanes.length > 1) ? '; one lane per shard replica' : '';
  const svg = canvas.draw(CHART_WIDTH, Math.max(height, 260), title, (root) => {
    header(root, title, subtitleOf(run, rows, sweepNote) + shards);
    const series = seriesName(run.variant, pointKey(run.sweepPoint, input.sweepKeys));
    const plot = drawAxes(root, d3, box, { fitted: x, label: 'Simulated time (s)', format: formatSeconds }, null, series);
    const faults = uniqueFaults([run]);
    // the rows show who is down; only the fault instants are drawn across them
    const layer = drawFaults(plot, x.scale, box, faults, false);
    const present = drawRows(plot, blocks, x.scale, Math.floor(box.width), series);
    const items: LegendItem[] = PRIORITY.filter((r) => present.has(r)).map((role) => ({
      label: ROLE_LABELS[role] ?? role,
      color: ROLE_COLORS[role],
      swatch: true,
    }));
    items.push(...faultLegend(faults, faultNote(layer, faults.length), false));
    const at = legendOrigin(box);
    legend(root, items, at.x, at.y, 'Role');
  });
  return { file, title, svg };
}

/** One timeline per variant: its first trial at its first sweep point. */
export function timelineCharts(canvas: SvgCanvas, input: ChartInput): ChartSvg[] {
  const runs = firstTrialRuns(input.results, input.sweepKeys).filter((r) => r.timeline.length > 0);
  const files = timelineFiles(runs.map((r) => r.variant));
  return runs.map((run) => timelineChart(canvas, input, run, files.get(run.variant) ?? timelineFile('variant')));
}
