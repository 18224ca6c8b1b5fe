// Completed requests per second over simulated time, one line per variant, with the faults
// that caused the dips.

import { firstTrialRuns, variantsOf } from '../aggregate.js';
import { seriesStyle, type ChartInput, type ChartSvg, type SvgCanvas } from './frame.js';
import { firstRunsNote, timeChart } from './time-series.js';

export const THROUGHPUT_FILE = 'throughput.svg';

export function throughputChart(canvas: SvgCanvas, input: ChartInput): ChartSvg | null {
  const runs = firstTrialRuns(input.results, input.sweepKeys).filter((r) => r.timeseries.length > 0);
  if (runs.length === 0) return null;
  const variants = variantsOf(input.results);
  const lines = runs.map((run) => ({ run, column: 'throughput_ops_s' as const, style: seriesStyle(variants.indexOf(run.variant)) }));
  return timeChart(canvas, {
    file: THROUGHPUT_FILE,
    title: `Throughput over time — ${input.scenario}`,
    subtitle: `Completed requests per second, ${firstRunsNote(runs, input.sweepKeys)}; shaded: faults`,
    yLabel: 'Throughput (ops/s)',
    lines,
    legend: lines.map((l) => ({ label: l.run.variant, ...l.style })),
    legendHeading: 'Variant',
    zero: true,
  });
}
