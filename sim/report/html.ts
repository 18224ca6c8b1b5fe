// index.html: one self-contained page (inline SVG and CSS, no scripts or web fonts) so a report
// directory can be mailed, archived or opened offline. All text from results is escaped.

import { SUMMARY_COLUMNS, type RunResult } from '../metrics/run-result.js';
import { comparisonRows, type ComparisonRow } from './aggregate.js';
import { serversNeeded } from './servers-needed.js';
import type { ChartSvg } from './charts/index.js';
import { formatCell, formatNumber, sweepColumns } from './csv.js';
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
figure { margin: 18px 0 30px; } figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #666; font-size: 13px; }
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cell(text: string, numeric: boolean): string {
  return numeric ? `<td class="n">${escapeHtml(text)}</td>` : `<td>${escapeHtml(text)}</td>`;
}

function table(headers: readonly string[], rows: readonly (readonly { text: string; numeric: boolean }[])[]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => cell(c.text, c.numeric)).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

const dash = '—';
const fixed = (v: number | null, decimals: number): string => (v === null ? dash : formatNumber(v, decimals));
const percent = (v: number | null): string => (v === null ? dash : `${formatNumber(v * 100, 1)}%`);

function comparisonTable(rows: readonly ComparisonRow[], sweepKeys: readonly string[]): string {
  const headers = [
    'variant',
    'kind',
    ...sweepKeys,
    'trials',
    'throughput (ops/s)',
    'p99 (ms)',
    'failover mean (ms)',
    'unavailable (ms)',
    'messages / completed request',
    'leader utilization',
    'mean utilization',
  ];
  const body = rows.map((r) => [
    { text: r.variant, numeric: false },
    { text: r.kind, numeric: false },
    ...sweepKeys.map((k) => ({ text: formatCell(r.point[k]), numeric: typeof r.point[k] === 'number' })),
    { text: String(r.trials), numeric: true },
    { text: fixed(r.throughput_ops_s, 1), numeric: true },
    { text: fixed(r.latency_p99_ms, 2), numeric: true },
    { text: fixed(r.failover_mean_ms, 1), numeric: true },
    { text: fixed(r.unavailable_ms, 0), numeric: true },
    { text: fixed(r.messages_per_request, 2), numeric: true },
    { text: percent(r.leader_utilization), numeric: true },
    { text: percent(r.mean_utilization), numeric: true },
  ]);
  return table(headers, body);
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

function summaryTable(results: readonly RunResult[], sweepKeys: readonly string[]): string {
  const extra = sweepColumns(SUMMARY_COLUMNS, sweepKeys);
  const shown = results.slice(0, MAX_SUMMARY_ROWS);
  const body = shown.map((r) => [
    ...SUMMARY_COLUMNS.map((c) => ({ text: formatCell(r.summary[c]), numeric: typeof r.summary[c] === 'number' })),
    ...extra.map((k) => ({ text: formatCell(r.sweepPoint[k]), numeric: typeof r.sweepPoint[k] === 'number' })),
  ]);
  const note =
    results.length > shown.length
      ? `Showing the first ${shown.length} of ${results.length} rows; all rows are in <a href="summary.csv">summary.csv</a>.`
      : `${results.length} rows, also in <a href="summary.csv">summary.csv</a>.`;
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
        `<figure id="${escapeHtml(c.file)}">\n${c.svg}\n<figcaption>${escapeHtml(c.title)} · <a href="${escapeHtml(c.file)}">${escapeHtml(c.file)}</a></figcaption>\n</figure>`,
    )
    .join('\n');
}

export function renderIndexHtml(input: ReportInput, charts: readonly ChartSvg[]): string {
  const variants = new Set(input.results.map((r) => r.variant)).size;
  const sweep = input.sweepKeys.length > 0 ? ` · sweep over ${input.sweepKeys.join(', ')}` : '';
  const meta = `${input.results.length} runs · ${variants} variant${variants === 1 ? '' : 's'}${sweep} · data: <a href="summary.csv">summary.csv</a>, <a href="timeseries.csv">timeseries.csv</a>, <a href="failovers.csv">failovers.csv</a>${input.results.some((r) => r.alerts) ? ', <a href="alerts.csv">alerts.csv</a>' : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`leadsim — ${input.scenario}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(input.scenario)}</h1>
<p>${escapeHtml(input.description)}</p>
<p class="meta">${meta}</p>
</header>
${violationsBanner(input.results)}
<h2>Comparison</h2>
<p class="meta">Means over trials; failover mean over all failovers; ${dash} where a metric does not apply.</p>
${comparisonTable(comparisonRows(input.results, input.sweepKeys), input.sweepKeys)}
${serversNeededTable(input.results, input.sweepKeys)}
<h2>Charts</h2>
${figures(charts)}
<h2>Summary</h2>
${summaryTable(input.results, input.sweepKeys)}
</body>
</html>
`;
}
