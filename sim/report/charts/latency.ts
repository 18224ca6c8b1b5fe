// Latency percentiles over simulated time: p99 shows the failover gap and queueing at a busy
// leader long before p50 moves. Log y-axis when the spread is wide.

import { firstTrialRuns, variantsOf } from '../aggregate.js';
import { MUTED, seriesStyle, type ChartInput, type ChartSvg, type LegendItem, type SvgCanvas } from './frame.js';
import { firstRunsNote, timeChart, type TimeLine } from './time-series.js';

export const LATENCY_FILE = 'latency.svg';
const P50_DASH = '2 3';

export function latencyChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const runs = firstTrialRuns(input.results, input.sweepKeys).filter((r) => r.timeseries.length > 0);
  if (runs.length === 0) return null;
  const variants = variantsOf(input.results);
  const lines: TimeLine[] = [];
  const items: LegendItem[] = [];
  for (const run of runs) {
    const style = seriesStyle(variants.indexOf(run.variant));
    lines.push({ run, column: 'latency_p99_ms', style, width: 2 });
    lines.push({ run, column: 'latency_p50_ms', style: { color: style.color, dash: P50_DASH }, width: 1.5 });
    items.push({ label: run.variant, ...style });
  }
  items.push({ label: 'p99 (solid)', color: MUTED }, { label: 'p50 (dotted)', color: MUTED, dash: P50_DASH });
  return timeChart(canvas, {
    file: LATENCY_FILE,
    title: `Latency over time — ${input.scenario}`,
    subtitle: `Per-bucket p50 and p99 of completed requests, ${firstRunsNote(runs, input.sweepKeys)}`,
    yLabel: 'Latency (ms)',
    lines,
    legend: items,
    legendHeading: 'Variant',
    logAbove: 20,
    zero: true,
  });
}
