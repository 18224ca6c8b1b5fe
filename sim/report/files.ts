// The names of the files in a report directory, in one place: the writer, the page's links,
// the replay pages' way back, `check` (which reads summary.csv and failovers.csv back) and the
// commands that print where a report is all take them from here.

export const SUMMARY_FILE = 'summary.csv';
export const TIMESERIES_FILE = 'timeseries.csv';
export const FAILOVERS_FILE = 'failovers.csv';
/** Only in reports of scenarios with `alerts:` rules. */
export const ALERTS_FILE = 'alerts.csv';
export const INDEX_FILE = 'index.html';

/** What `run --format` can ask for: the CSV tables, the SVG charts, the pages (index.html and the
 *  replays). Each file is the same bytes whichever of the others are written with it. */
export const REPORT_FORMATS = ['csv', 'svg', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const THROUGHPUT_FILE = 'throughput.svg';
export const LATENCY_FILE = 'latency.svg';
export const SCALING_FILE = 'scaling.svg';
export const FAILOVER_CDF_FILE = 'failover-cdf.svg';
export const FAILOVER_ZOOM_FILE = 'failover-zoom.svg';

/** A variant's role timeline; `name` is already safe in a file name (see timelineFiles). */
export function timelineFile(name: string): string {
  return `timeline-${name}.svg`;
}

/** A variant's replay page: only characters safe in any file system and URL. */
export function replayFileName(variant: string): string {
  return `replay-${variant.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_')}.html`;
}

/** Names made unique in order: a name seen before gets -2, -3, ... (stable for the same list). */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((base) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  });
}
