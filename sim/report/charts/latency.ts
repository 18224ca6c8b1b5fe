// Latency percentiles over simulated time, one panel per variant on shared axes: p99 shows the
// failover gap and queueing at a busy leader long before p50 moves. Log y-axis when the spread
// is wide.

import { panelRuns } from '../aggregate.js';
import { PALETTE, type ChartInput, type ChartSvg, type LegendItem, type SvgCanvas } from './frame.js';
import { panelLabel, runSeries } from './throughput.js';
import { firstRunsNote, timeChart, type TimePanel } from './time-series.js';
import { LATENCY_FILE } from '../files.js';

const P99 = { color: PALETTE[0], dash: '' };
const P50 = { color: PALETTE[5], dash: '2 3' };

export function latencyChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const runs = panelRuns(input.results, input.sweepKeys).filter((r) => r.timeseries.length > 0);
  if (runs.length === 0) return null;
  const panels: TimePanel[] = runs.map((run) => ({
    label: panelLabel(run, input.sweepKeys),
    lines: [
      { run, series: runSeries(run, input.sweepKeys), column: 'latency_p99_ms' as const, style: P99, width: 2 },
      { run, series: runSeries(run, input.sweepKeys), column: 'latency_p50_ms' as const, style: P50, width: 1.5 },
    ],
  }));
  const items: LegendItem[] = [
    { label: 'p99', ...P99 },
    { label: 'p50', ...P50 },
  ];
  return timeChart(canvas, {
    file: LATENCY_FILE,
    title: `Latency over time — ${input.scenario}`,
    subtitle: `Per-bucket p50 and p99 of completed requests, ${firstRunsNote(runs, input.sweepKeys)}`,
    yLabel: 'Latency (ms)',
    panels,
    legend: items,
    legendHeading: runs.length > 1 ? 'One panel per variant' : 'Percentile',
    logAbove: 20,
    zero: true,
  });
}
