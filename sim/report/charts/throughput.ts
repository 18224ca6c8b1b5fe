// Completed requests per second over simulated time, one panel per variant (shared axes, unless
// the peaks differ more than tenfold: then each panel has its own y axis), with
// the requests that failed drawn under the line and the faults that caused the dips.

import { panelRuns, pointKey } from '../aggregate.js';
import { PALETTE, seriesName, type ChartInput, type ChartSvg, type LegendItem, type SvgCanvas } from './frame.js';
import { firstRunsNote, timeChart, type TimePanel } from './time-series.js';
import { THROUGHPUT_FILE } from '../files.js';

// Panels are labelled, so colour can say what a mark is (done or failed) rather than which
// variant it belongs to: blue for completed, vermilion for failed, in every panel. The failed
// fill is opaque, so it is the legend swatch's colour (≥ 3:1 against white) and not a pale orange.
const FAILED_COLOR = PALETTE[1];
const COMPLETED = { color: PALETTE[0], dash: '' };

export function throughputChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const runs = panelRuns(input.results, input.sweepKeys).filter((r) => r.timeseries.length > 0);
  if (runs.length === 0) return null;
  const anyFailed = runs.some((r) => r.timeseries.some((row) => typeof row.failed === 'number' && row.failed > 0));
  const panels: TimePanel[] = runs.map((run) => {
    const series = runSeries(run, input.sweepKeys);
    const failed = { run, series, column: 'failed' as const, style: { color: FAILED_COLOR, dash: '' }, area: true, perSecond: true };
    return {
      label: panelLabel(run, input.sweepKeys),
      lines: [...(anyFailed ? [failed] : []), { run, series, column: 'throughput_ops_s' as const, style: COMPLETED }],
    };
  });
  const items: LegendItem[] = [{ label: 'completed requests/s', ...COMPLETED }];
  if (anyFailed) items.push({ label: 'failed requests/s', color: FAILED_COLOR, swatch: true });
  return timeChart(canvas, {
    file: THROUGHPUT_FILE,
    title: `Throughput over time — ${input.scenario}`,
    subtitle: `Completed requests per second${anyFailed ? ' (line) and failed ones (filled)' : ''}, ${firstRunsNote(runs, input.sweepKeys)}`,
    yLabel: 'Requests per second',
    panels,
    legend: items,
    legendHeading: runs.length > 1 ? 'One panel per variant' : 'Requests',
    zero: true,
    ownAxesAbove: 10,
  });
}

/** A run's `data-series`: its variant, with its sweep point when there is a sweep. */
export function runSeries(run: ChartInput['results'][number], sweepKeys: readonly string[]): string {
  return seriesName(run.variant, pointKey(run.sweepPoint, sweepKeys));
}

/** A panel's title: the variant, and its sweep point when the chart shows several. */
export function panelLabel(run: ChartInput['results'][number], sweepKeys: readonly string[]): string {
  return sweepKeys.length > 0 ? `${run.variant} · ${pointKey(run.sweepPoint, sweepKeys)}` : run.variant;
}
