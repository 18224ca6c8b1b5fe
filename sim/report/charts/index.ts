// Every chart of a report, drawn into one shared SVG document (see SvgCanvas for why).
// A chart with nothing to show (no failovers, no numeric sweep) is left out, not drawn empty.

import { failoverCdfChart } from './failover-cdf.js';
import { failoverZoomChart } from './failover-zoom.js';
import { SvgCanvas, type ChartInput, type ChartSvg } from './frame.js';
import { latencyChart } from './latency.js';
import { scalingChart } from './scaling.js';
import { throughputChart } from './throughput.js';
import { timelineCharts } from './timeline.js';

export type { ChartInput, ChartSvg } from './frame.js';

/** The charts in page order. */
export function renderCharts(input: ChartInput): ChartSvg[] {
  const canvas = new SvgCanvas();
  const single = [throughputChart, latencyChart, failoverZoomChart, failoverCdfChart, scalingChart].map((chart) => chart(canvas, input));
  return [...single.filter((c): c is ChartSvg => c !== null), ...timelineCharts(canvas, input)];
}
