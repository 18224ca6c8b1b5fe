// What `leadsim check` found, as data, and as text: the benchstat-style table for the terminal
// and a Markdown version for a pull request. JUnit XML is in junit.ts; JSON is this data as is.
import type { MetricResult, Sample, ScenarioComparison } from './compare.js';
import type { ExpectationResult } from './expectations.js';

export interface ScenarioCheck {
  scenario: string;
  file: string;
  /** null when there was no comparison (a baseline being recorded). */
  comparison: ScenarioComparison | null;
  expectations: ExpectationResult[];
  /** Invariant violations, one line each. */
  violations: string[];
}

export interface CheckReport {
  tolerance: number;
  confidence: number;
  scenarios: ScenarioCheck[];
}

export function failuresOf(check: ScenarioCheck): number {
  return (check.comparison?.regressions ?? 0) + check.expectations.filter((e) => e.outcome === 'missed').length + check.violations.length;
}

export function reportFailed(report: CheckReport): boolean {
  return report.scenarios.some((s) => failuresOf(s) > 0);
}

const pct = (x: number) => `${(x * 100).toFixed(x * 100 < 10 ? 1 : 0)}%`;

/** 4 significant digits, no exponent for the sizes a summary holds. */
function formatValue(x: number): string {
  if (x === 0) return '0';
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(x))));
  return x
    .toFixed(Math.min(digits, 6))
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** mean ± relative standard deviation across trials. */
export function formatSample(sample: Sample | null): string {
  if (sample === null) return '(none)';
  if (sample.n === 1) return formatValue(sample.mean);
  const spread =
    sample.mean === 0 ? (sample.sd === 0 ? '±0%' : `±${formatValue(sample.sd)}`) : `±${pct(sample.sd / Math.abs(sample.mean))}`;
  return `${formatValue(sample.mean)} ${spread}`;
}

export function formatChange(result: MetricResult): string {
  if (result.baseline === null || result.current === null) return '';
  if (result.change === null)
    return `${result.current.mean > result.baseline.mean ? '+' : ''}${formatValue(result.current.mean - result.baseline.mean)}`;
  return `${result.change >= 0 ? '+' : ''}${(result.change * 100).toFixed(1)}%`;
}

export function formatP(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

const HEADER = ['variant', 'metric', 'baseline', 'now', 'change', 'p', 'p (adj.)', 'verdict', 'note'];

function cells(r: MetricResult): string[] {
  const values = r.metric === '(rows)' ? ['', ''] : [formatSample(r.baseline), formatSample(r.current)];
  return [r.group, r.metric, ...values, formatChange(r), formatP(r.p), formatP(r.pAdjusted), r.verdict, r.note];
}

function headlineOf(check: ScenarioCheck, report: CheckReport): string {
  const parts: string[] = [];
  const c = check.comparison;
  if (c !== null) {
    const how =
      c.mode === 'statistical' ? `statistical (Mann–Whitney U, Holm), confidence ${pct(report.confidence)}` : 'exact, trial by trial';
    parts.push(
      `${how}, tolerance ${pct(report.tolerance)}, trials ${c.trials.baseline} → ${c.trials.current}, ${c.regressions} regression(s)`,
    );
  }
  if (check.expectations.length > 0) {
    const missed = check.expectations.filter((e) => e.outcome === 'missed').length;
    parts.push(`expect: ${check.expectations.length - missed} of ${check.expectations.length} held`);
  }
  if (check.violations.length > 0) parts.push(`${check.violations.length} invariant violation(s)`);
  return `${failuresOf(check) > 0 ? 'FAIL' : 'ok  '} ${check.scenario}: ${parts.join('; ')}`;
}

/** The terminal report: per scenario a headline, the table, and any missed expectation or violation. */
export function textReport(report: CheckReport): string {
  const out: string[] = [];
  for (const check of report.scenarios) {
    out.push(headlineOf(check, report));
    // statistical: the whole table, as benchstat prints it; exact: only what moved
    const results = check.comparison?.results ?? [];
    const shown = check.comparison?.mode === 'statistical' ? results : results.filter((r) => r.verdict !== '~');
    if (shown.length > 0) out.push(alignedTable(HEADER, shown.map(cells)));
    for (const e of check.expectations) if (e.outcome === 'missed') out.push(`  expect ${e.message}`);
    for (const v of check.violations) out.push(`  INVARIANT VIOLATED: ${v}`);
  }
  return out.join('\n') + '\n';
}

function alignedTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => ('  ' + r.map((c, i) => c.padEnd(widths[i])).join('  ')).trimEnd()).join('\n');
}

/** A Markdown summary: what failed or moved up front, the full table folded away. */
export function markdownReport(report: CheckReport): string {
  const out = [`## leadsim check: ${reportFailed(report) ? '❌ failed' : '✅ passed'}`, ''];
  for (const check of report.scenarios) {
    out.push(`### ${check.scenario}`, '', headlineOf(check, report).replace(/^(FAIL|ok {2}) /, ''), '');
    const results = check.comparison?.results ?? [];
    const moved = results.filter((r) => r.verdict !== '~');
    if (moved.length > 0) out.push(markdownTable(HEADER, moved.map(cells)), '');
    if (results.length > moved.length)
      out.push(
        `<details><summary>all ${results.length} comparisons</summary>`,
        '',
        markdownTable(HEADER, results.map(cells)),
        '',
        '</details>',
        '',
      );
    const expectations = check.expectations.map((e) => [e.outcome === 'missed' ? '❌' : e.outcome === 'held' ? '✅' : '–', e.message]);
    if (expectations.length > 0) out.push(markdownTable(['', 'expectation'], expectations), '');
    for (const v of check.violations) out.push(`- ❌ invariant violated: ${escapeMarkdown(v)}`);
  }
  return out.join('\n').trimEnd() + '\n';
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (r: string[]) => `| ${r.map(escapeMarkdown).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
