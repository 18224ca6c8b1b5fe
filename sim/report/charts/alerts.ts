// Alert firing intervals on the time charts: one thin row per rule just above the downtime
// strip, drawn over the data and named at the left edge, so a reader sees at a glance which rule
// paged, when, and for how long against the dip it was written for.

import type { Scale, Selection } from 'd3-node';

import type { AlertRow, RunResult } from '../../metrics/run-result.js';
import { num } from '../aggregate.js';
import { STRIP_HEIGHT } from './faults.js';
import { PALETTE, type LegendItem } from './frame.js';
import { formatTick } from './scales.js';

// Reddish purple: apart from the vermillion of failed requests it may lie on.
const ALERT_COLOR = PALETTE[3];
/** The same hue, dark enough to read as 9 px text. */
const ALERT_TEXT = '#7a3b63';
const ROW_HEIGHT = 5;
const ROW_PITCH = 11;
/** Panels lower than this get no row names (they would collide); the legend still says what rows are. */
const NAMED_ROWS_FROM = 200;
/** More rules than this would cover the data; the rest stay in alerts.csv. */
const MAX_ROWS = 6;

/** The rules that fired in any of the runs, in order of first firing (ties by name). */
export function firingRules(runs: readonly RunResult[]): string[] {
  const first = new Map<string, number>();
  for (const row of runs.flatMap((r) => r.alerts ?? [])) {
    const name = String(row.alert);
    const at = num(row.fired_at_ms) ?? Infinity;
    if (!first.has(name) || at < (first.get(name) ?? Infinity)) first.set(name, at);
  }
  return [...first.entries()]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name]) => name)
    .slice(0, MAX_ROWS);
}

/** Draws the firing intervals of `rows`; an alert still firing at the end runs to `endMs`. */
export function drawAlerts(
  plot: Selection,
  x: Scale,
  size: { width: number; height: number },
  rows: readonly AlertRow[],
  rules: readonly string[],
  endMs: number,
  stripLanes = 1,
): void {
  if (rules.length === 0) return;
  const g = plot.append('g');
  // above the downtime strips (stacked when downtimes overlap)
  const rowTop = (lane: number) => size.height - (STRIP_HEIGHT + 1) * stripLanes - 1 - lane * ROW_PITCH - ROW_HEIGHT;
  for (const row of rows) {
    const lane = rules.indexOf(String(row.alert));
    const from = num(row.fired_at_ms);
    if (lane < 0 || from === null) continue;
    const to = num(row.resolved_at_ms) ?? endMs;
    const x0 = Math.max(0, x(from));
    const x1 = Math.min(size.width, x(to));
    const resolved = num(row.resolved_at_ms) === null ? 'still firing at the end' : `${formatTick(to / 1000)} s`;
    g.append('rect')
      .attr('x', x0)
      .attr('y', rowTop(lane))
      .attr('width', Math.max(2, x1 - x0))
      .attr('height', ROW_HEIGHT)
      .attr('fill', ALERT_COLOR)
      .append('title')
      .text(`alert ${String(row.alert)}: firing ${formatTick(from / 1000)} s – ${resolved}`);
  }
  if (size.height < NAMED_ROWS_FROM) return;
  rules.forEach((rule, lane) => {
    g.append('text')
      .attr('x', 4)
      .attr('y', rowTop(lane) + ROW_HEIGHT)
      .attr('font-size', 9)
      .attr('fill', ALERT_TEXT)
      .attr('stroke', '#fff')
      .attr('stroke-width', 2.5)
      .attr('paint-order', 'stroke')
      .text(rule);
  });
}

/** The legend entry: the colour, and how rows map to rules. */
export function alertLegend(rules: readonly string[]): LegendItem[] {
  if (rules.length === 0) return [];
  return [{ label: 'alert firing', color: ALERT_COLOR, swatch: true, detail: 'one row per rule, from the bottom' }];
}
