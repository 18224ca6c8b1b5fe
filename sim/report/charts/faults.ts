// Fault markers shared by the time-based charts. The fault is an instant — a solid line with a
// label placed in one of a few lanes so labels never overlap; what it leaves behind (a node
// down, a partition) is a thin grey strip along the bottom, so a five-second downtime never
// reads as a five-second outage. A crash without recovery (or a cut never healed) leaves its
// strip to the end of the run; only an instant fault (a clock jump) has none.

import type { Scale, Selection } from 'd3-node';

import type { FaultMarker, RoleSegment, RunResult } from '../../metrics/run-result.js';
import type { LegendItem } from './frame.js';
import { formatTick } from './scales.js';

export const FAULT_COLOR = '#222';
/** The strip that shows how long a crashed node stays down (or a partition lasts). */
const DOWNTIME_COLOR = '#8c8c8c';
export const STRIP_HEIGHT = 7;
const LANES = 3;
const LANE_HEIGHT = 14;
const CHAR_WIDTH = 6.2; // at 11px, close enough to keep labels apart without measuring text
/** Beyond this many faults (random MTBF schedules) labels and dashed lines would be noise: only bands are drawn. */
const MAX_FAULT_LABELS = 12;

/** Faults of several runs, duplicates removed, in time order, each labelled in words (faultWords). */
export function uniqueFaults(runs: readonly RunResult[]): FaultMarker[] {
  const seen = new Map<string, FaultMarker>();
  for (const r of runs) {
    for (const f of r.faults) {
      const key = `${f.at_ms}|${f.until_ms ?? ''}|${f.label}`;
      if (!seen.has(key)) seen.set(key, { ...f, label: faultWords(f, r) });
    }
  }
  return [...seen.values()].sort((a, b) => a.at_ms - b.at_ms || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export interface FaultLayer {
  /** Faults drawn without a label (too many, or no free lane). */
  unlabeled: number;
  /** The downtime strips (`data-fault="downtime"`): a chart that fills areas from zero raises
   *  this group above its fills, so a strip never hides under them. */
  strips: Selection;
  /** How many strips stack at most (overlapping downtimes); alert rows sit above them. */
  stripLanes: number;
}

/** Whether a fault leaves something to wait out (a node down, a cut) that gets a strip. */
function hasDowntime(f: FaultMarker): boolean {
  return f.until_ms === null ? f.instant !== true : f.until_ms > f.at_ms;
}

/**
 * Draws faults into a plot of the given size. Bands go under the data (call this before
 * drawing series); labels sit in lanes along the top of the plot.
 */
export function drawFaults(
  plot: Selection,
  x: Scale,
  size: { width: number; height: number },
  faults: readonly FaultMarker[],
  strips = true,
): FaultLayer {
  const stripLayer = plot.append('g');
  const g = plot.append('g');
  const crowded = faults.length > MAX_FAULT_LABELS;
  // strips that overlap in time stack upwards (two nodes down show as two strips)
  const laneEnds: number[] = [];
  for (const f of faults) {
    if (strips && hasDowntime(f)) {
      const end = f.until_ms ?? Infinity;
      let lane = laneEnds.findIndex((e) => e <= f.at_ms);
      if (lane < 0 || crowded) lane = crowded ? 0 : laneEnds.length;
      laneEnds[lane] = Math.max(laneEnds[lane] ?? -Infinity, end);
      drawStrip(stripLayer, x, size, f, lane);
    }
    if (!crowded || !(strips && hasDowntime(f))) drawInstant(g, x, size, f, crowded);
  }
  const stripLanes = Math.max(1, laneEnds.length);
  if (crowded) return { unlabeled: faults.length, strips: stripLayer, stripLanes };
  return { unlabeled: drawLabels(g, x, size.width, faults), strips: stripLayer, stripLanes };
}

/**
 * A fault in words: a partition that isolates one node reads "leader 0 cut off from 1, 2" (or
 * "node 3 …" when it did not lead then), a wider one "split 0, 1 | 2, 3, 4"; a one-way cut
 * "0 cannot reach 1, 2"; every other fault keeps its label ("crash leader (node 0)").
 */
export function faultWords(f: FaultMarker, run: Pick<RunResult, 'nodes' | 'timeline'>): string {
  const list = (nodes: readonly number[]) => (nodes.length > 6 ? `${nodes.length} nodes` : nodes.join(', '));
  if (f.sides && f.sides.length > 0) {
    const named = new Set(f.sides.flat());
    const rest = Array.from({ length: run.nodes }, (_, n) => n).filter((n) => !named.has(n));
    const sides = rest.length > 0 ? [...f.sides, rest] : f.sides;
    if (sides.length === 2 && f.sides[0].length === 1) {
      const node = f.sides[0][0];
      const who = ledAt(run.timeline[node] ?? [], f.at_ms) ? 'leader' : 'node';
      return `${who} ${node} cut off from ${rest.length > 6 ? `the other ${rest.length}` : list(sides[1])}`;
    }
    return `split ${sides.map(list).join(' | ')}`;
  }
  const cut = /^cut (\[[\d, ]*\]) → (\[[\d, ]*\])$/.exec(f.label);
  if (cut) {
    const [from, to] = [cut[1], cut[2]].map((side) => (side.match(/\d+/g) ?? []).map(Number));
    return `${list(from)} cannot reach ${list(to)} (one way)`;
  }
  return f.label;
}

/** Whether a node led just before `at` (a partition's instant). */
function ledAt(segments: readonly RoleSegment[], at: number): boolean {
  return segments.some((s) => s.from_ms < at && at <= s.to_ms && s.role === 'leader');
}

/** Legend entries for the fault marks, when there are faults. */
export function faultLegend(faults: readonly FaultMarker[], note = '', strips = true): LegendItem[] {
  if (faults.length === 0) return [];
  const items: LegendItem[] = [{ label: 'fault (the instant)', color: FAULT_COLOR, detail: note || undefined }];
  if (strips && faults.some(hasDowntime)) items.push({ label: 'node down / cut (strip)', color: DOWNTIME_COLOR, swatch: true });
  return items;
}

/** Words for a caption when some fault labels were left out; empty when all are labelled. */
export function faultNote(layer: Pick<FaultLayer, 'unlabeled'>, total: number): string {
  if (layer.unlabeled === 0) return '';
  return layer.unlabeled === total ? `${total} faults, too many to label` : `${layer.unlabeled} of ${total} faults unlabelled`;
}

/** The strip along the bottom: from the fault to its end, or to the right edge when it has none. */
function drawStrip(g: Selection, x: Scale, size: { width: number; height: number }, f: FaultMarker, lane: number): void {
  const x0 = clamp(x(f.at_ms), 0, size.width);
  const x1 = f.until_ms === null ? size.width : clamp(x(f.until_ms), 0, size.width);
  const until = f.until_ms === null ? 'the end of the run' : `${formatTick(f.until_ms / 1000)} s`;
  g.append('rect')
    .attr('data-fault', 'downtime')
    .attr('x', x0)
    .attr('y', size.height - (STRIP_HEIGHT + 1) * (lane + 1) + 1)
    .attr('width', Math.max(1, x1 - x0))
    .attr('height', STRIP_HEIGHT)
    .attr('fill', DOWNTIME_COLOR)
    // a white edge keeps the strip apart from a fill under it
    .attr('stroke', '#fff')
    .attr('stroke-width', 1)
    .append('title')
    .text(`${f.label}: ${formatTick(f.at_ms / 1000)} s – ${until}`);
}

function drawInstant(g: Selection, x: Scale, size: { width: number; height: number }, f: FaultMarker, crowded: boolean): void {
  const x0 = clamp(x(f.at_ms), 0, size.width);
  g.append('line')
    .attr('x1', x0)
    .attr('x2', x0)
    .attr('y1', 0)
    .attr('y2', size.height)
    .attr('stroke', FAULT_COLOR)
    .attr('stroke-width', crowded ? 1 : 1.5)
    .attr('stroke-opacity', crowded ? 0.5 : 0.9);
}

/** Greedy lane assignment in time order; returns how many labels found no room. */
function drawLabels(g: Selection, x: Scale, width: number, faults: readonly FaultMarker[]): number {
  const laneEnd = new Array<number>(LANES).fill(-Infinity);
  let drawn = 0;
  for (const f of faults) {
    const px = clamp(x(f.at_ms), 0, width);
    const w = f.label.length * CHAR_WIDTH;
    // Near the right edge the label goes to the left of its marker instead of off the plot.
    const leftward = px + 4 + w > width;
    const start = leftward ? px - 4 - w : px + 4;
    const lane = laneEnd.findIndex((end) => start > end + 6);
    if (lane < 0) continue;
    laneEnd[lane] = start + w;
    g.append('text')
      .attr('x', leftward ? px - 4 : px + 4)
      .attr('y', 12 + lane * LANE_HEIGHT)
      .attr('text-anchor', leftward ? 'end' : 'start')
      .attr('font-size', 11)
      .attr('fill', FAULT_COLOR)
      .attr('stroke', '#fff')
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .text(f.label);
    drawn++;
  }
  return faults.length - drawn;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
