// index.html: one self-contained page (inline SVG and CSS, no web fonts, one small inline
// script for the presentation mode) so a report directory can be mailed, archived or opened
// offline. All text from results is escaped.

import { SUMMARY_COLUMNS, type RunResult } from '../metrics/run-result.js';
import { comparisonRows, type ComparisonRow } from './aggregate.js';
import { serversNeeded } from './servers-needed.js';
import type { ChartSvg } from './charts/index.js';
import { formatCell, formatNumber, sweepColumns } from './csv.js';
import { ALERTS_FILE, FAILOVERS_FILE, SUMMARY_FILE, TIMESERIES_FILE } from './files.js';
import { verdict } from './verdict.js';
import { PRESENT_CSS, PRESENT_SCRIPT } from './present.js';
import type { ReportInput } from './write-reports.js';

/** More rows make the page slow to open; the CSV has them all. */
export const MAX_SUMMARY_ROWS = 200;
const MAX_VIOLATIONS = 100;

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta { color: #666; font-size: 13px; }
.violations { background: #fde8e8; border: 2px solid #c81e1e; color: #7a0f0f; padding: 12px 16px; border-radius: 6px; margin: 16px 0; }
.violations h2 { border: 0; margin: 0 0 6px; color: #c81e1e; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; white-space: nowrap; }
th { background: #f4f4f4; text-align: left; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 18px 0 30px; } figure svg { width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #666; font-size: 13px; }
table.comparison th { white-space: normal; vertical-align: bottom; max-width: 7em; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cell(text: string, numeric: boolean): string {
  return numeric ? `<td class="n">${escapeHtml(text)}</td>` : `<td>${escapeHtml(text)}</td>`;
}

function table(headers: readonly string[], rows: readonly (readonly { text: string; numeric: boolean }[])[], className = ''): string {
  // a dotted key ("workload.arrival.rate") may break after each dot, so a narrow header column
  // wraps it instead of cutting it off
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h).replace(/\.(?=\S)/g, '.<wbr>')}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => cell(c.text, c.numeric)).join('')}</tr>`).join('\n');
  const cls = className ? ` class="${className}"` : '';
  return `<div class="scroll"><table${cls}>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

const dash = '—';
const fixed = (v: number | null, decimals: number): string => (v === null ? dash : formatNumber(v, decimals));
/** A fraction as the page shows it (43.2%); the terminal summary uses the same words. */
export const formatPercentCell = (v: number): string => `${formatNumber(v * 100, 1)}%`;
const percent = (v: number | null): string => (v === null ? dash : formatPercentCell(v));

interface Column {
  head: string;
  text: (r: ComparisonRow) => string;
  /** Left out when no row has a value (a measure this version or these variants lack). */
  value?: (r: ComparisonRow) => number | null;
}

// Outage and election lead: they are what a failover costs, and a stateless fleet's retry
// delay is never ranked as one (its election is empty, its outage what clients saw).
const COMPARISON: readonly Column[] = [
  { head: 'outage (ms)', text: (r) => fixed(r.outage_ms, 0), value: (r) => r.outage_ms },
  { head: 'election (ms)', text: (r) => fixed(r.election_ms, 0), value: (r) => r.election_ms },
  { head: 'unavailable (ms)', text: (r) => fixed(r.unavailable_ms, 0) },
  { head: 'throughput (ops/s)', text: (r) => fixed(r.throughput_ops_s, 0) },
  { head: 'p99 (ms)', text: (r) => fixed(r.latency_p99_ms, 2) },
  { head: 'failed requests', text: (r) => fixed(r.failed, 0) },
  { head: 'messages per request', text: (r) => fixed(r.messages_per_request, 1) },
  { head: 'leader CPU', text: (r) => percent(r.leader_utilization) },
  { head: 'mean CPU', text: (r) => percent(r.mean_utilization) },
];
/** Fault → first commit: shown only by versions that lack the two measures above. */
const FAILOVER: Column = { head: 'failover mean (ms)', text: (r) => fixed(r.failover_mean_ms, 0) };

function comparisonTable(rows: readonly ComparisonRow[], sweepKeys: readonly string[]): string {
  const present = COMPARISON.filter((c) => !c.value || rows.some((r) => c.value?.(r) !== null));
  const columns = present.some((c) => c.value) ? present : [FAILOVER, ...present];
  const headers = ['variant', 'kind', ...sweepKeys, ...columns.map((c) => c.head), 'trials'];
  const body = rows.map((r) => [
    { text: r.variant, numeric: false },
    { text: r.kind, numeric: false },
    ...sweepKeys.map((k) => ({ text: formatCell(r.point[k]), numeric: typeof r.point[k] === 'number' })),
    ...columns.map((c) => ({ text: c.text(r), numeric: true })),
    { text: String(r.trials), numeric: true },
  ]);
  return table(headers, body, 'comparison');
}

function serversNeededTable(results: readonly RunResult[], sweepKeys: readonly string[]): string {
  const needed = serversNeeded(results, sweepKeys);
  if (needed === null) return '';
  const headers = ['variant', ...needed.targets.map((t) => `nodes for ${formatNumber(t, 0)} ops/s`), 'best (ops/s)'];
  const body = needed.rows.map((r) => [
    { text: r.variant, numeric: false },
    ...r.nodes.map((n) => ({ text: n === null ? 'not reached' : String(n), numeric: n !== null })),
    { text: fixed(r.best, 0), numeric: true },
  ]);
  return `<h2>Servers needed</h2>\n<p class="meta">The smallest swept ${escapeHtml(needed.key)} whose mean throughput reaches each target.</p>\n${table(headers, body)}`;
}

const fileLink = (file: string) => `<a href="${file}">${file}</a>`;

/** The CSV files of the report, as write-reports writes them. */
function dataFiles(input: ReportInput): string[] {
  const files = [SUMMARY_FILE, TIMESERIES_FILE, FAILOVERS_FILE];
  if (input.results.some((r) => r.alerts)) files.push(ALERTS_FILE);
  return files;
}

function summaryTable(results: readonly RunResult[], sweepKeys: readonly string[]): string {
  const extra = sweepColumns(SUMMARY_COLUMNS, sweepKeys);
  const shown = results.slice(0, MAX_SUMMARY_ROWS);
  const body = shown.map((r) => [
    ...SUMMARY_COLUMNS.map((c) => ({ text: formatCell(r.summary[c]), numeric: typeof r.summary[c] === 'number' })),
    ...extra.map((k) => ({ text: formatCell(r.sweepPoint[k]), numeric: typeof r.sweepPoint[k] === 'number' })),
  ]);
  const note =
    results.length > shown.length
      ? `Showing the first ${shown.length} of ${results.length} rows; all rows are in ${fileLink(SUMMARY_FILE)}.`
      : `${results.length} rows, also in ${fileLink(SUMMARY_FILE)}.`;
  return `<p class="meta">${note}</p>\n${table([...SUMMARY_COLUMNS, ...extra], body)}`;
}

function violationsBanner(results: readonly RunResult[]): string {
  const all = results.flatMap((r) => r.violations.map((v) => ({ r, v })));
  if (all.length === 0) return '';
  const items = all
    .slice(0, MAX_VIOLATIONS)
    .map(({ r, v }) => {
      const where = `${r.variant}, trial ${r.trial}, t=${formatNumber(v.at_ms)} ms`;
      return `<li><strong>${escapeHtml(v.invariant)}</strong> (${escapeHtml(where)}): ${escapeHtml(v.detail)}</li>`;
    })
    .join('\n');
  const more = all.length > MAX_VIOLATIONS ? `<p>…and ${all.length - MAX_VIOLATIONS} more.</p>` : '';
  return `<section class="violations" role="alert"><h2>${all.length} invariant violation${all.length === 1 ? '' : 's'}</h2>\n<ul>\n${items}\n</ul>${more}</section>`;
}

function figures(charts: readonly ChartSvg[]): string {
  if (charts.length === 0) return '<p class="meta">No chart applies to these results.</p>';
  // The SVG markup comes from the DOM serializer, which has already escaped its text.
  return charts
    .map(
      (c) =>
        `<figure class="screen" id="${escapeHtml(c.file)}">\n${c.svg}\n<figcaption>${escapeHtml(c.title)} · <a href="${escapeHtml(c.file)}">${escapeHtml(c.file)}</a></figcaption>\n</figure>`,
    )
    .join('\n');
}

/** Links to the replay pages (watch a run: trial 0 of each variant, around its first fault). */
function replayLinks(input: ReportInput): string {
  const replays = input.replays ?? [];
  if (replays.length === 0) return '';
  // presentation mode plays the first replay with an election (data-election) in place
  const elected = (variant: string) =>
    input.results.some((r) => r.variant === variant && r.trial === 0 && typeof r.failovers[0]?.elected_at_ms === 'number');
  const links = replays
    .map((r) => `<li><a href="${escapeHtml(r.file)}"${elected(r.variant) ? ' data-election' : ''}>${escapeHtml(r.variant)}</a></li>`)
    .join('');
  return `<div class="replays-list"><h2>Replays</h2>\n<p class="meta">Watch trial 0 of each variant around its first fault, message by message.</p>\n<ul class="replays">${links}</ul></div>\n`;
}

export function renderIndexHtml(input: ReportInput, charts: readonly ChartSvg[]): string {
  const variants = new Set(input.results.map((r) => r.variant)).size;
  const sweep = input.sweepKeys.length > 0 ? ` · sweep over ${input.sweepKeys.join(', ')}` : '';
  const meta = `${input.results.length} runs · ${variants} variant${variants === 1 ? '' : 's'}${sweep} · data: ${dataFiles(input).map(fileLink).join(', ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`leadsim — ${input.scenario}`)}</title>
<style>${STYLE}${PRESENT_CSS}</style>
<script>${PRESENT_SCRIPT}</script>
</head>
<body>
<header class="screen question">
<h1>${escapeHtml(input.scenario)}</h1>
<p>${escapeHtml(input.description)}</p>
<p class="verdict"><strong>Measured:</strong> ${escapeHtml(verdict(input.results, input.sweepKeys))}</p>
<p class="meta">${meta} · <a href="?present">present</a> (one screen at a time: arrow keys or space)</p>
${violationsBanner(input.results)}
</header>
<section class="screen">
<h2>Comparison</h2>
<p class="meta">Means over trials; outage, election and failover times are means over all failovers; ${dash} where a metric does not apply.</p>
${comparisonTable(comparisonRows(input.results, input.sweepKeys), input.sweepKeys)}
${serversNeededTable(input.results, input.sweepKeys)}
</section>
${replayLinks(input)}<h2>Charts</h2>
${figures(charts)}
<section class="summary">
<h2>Summary</h2>
${summaryTable(input.results, input.sweepKeys)}
</section>
</body>
</html>
`;
}
