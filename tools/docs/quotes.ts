// The figures the docs quote, as templates: literal text with slots such as
// `{raft-group|latency_p99_ms|1}` where a number stands. A template finds its one place in a
// file (the slots match any number), and is rewritten with the numbers a fresh run gives, so a
// reader sees plain prose and the numbers stay what the bundled scenarios produce.

export type Row = Readonly<Record<string, string>>;

/** What one run wrote: summary.csv (one row per variant × sweep point × trial) and failovers.csv. */
export interface RunTables {
  summary: readonly Row[];
  failovers: readonly Row[];
}

const STATS = ['mean', 'p50', 'max', 'min', 'sum', 'count', 'missing'] as const;
type Stat = (typeof STATS)[number];

/** One slot: which rows (variant, sweep point), which column, which statistic, how printed. */
export interface Slot {
  variant: string;
  point: Readonly<Record<string, string>>;
  column: string;
  stat: Stat;
  format: string;
}

// a number as the docs print it: 1,234.5 / -3 / 98.5% / 11.9 s (the unit stays in the prose)
const NUMBER = String.raw`-?\d[\d,]*(?:\.\d+)?`;
const SLOT = /\{([^{}|]+)\|([^{}]*)\}/g;

export function parseSlot(text: string): Slot {
  const [head, ...rest] = text.split('|').map((s) => s.trim());
  const [variant, ...pointParts] = head.split('@').map((s) => s.trim());
  const point: Record<string, string> = {};
  for (const part of pointParts.join('@').split(',').filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined) throw new Error(`slot {${text}}: a sweep point is key=value, got "${part}"`);
    point[key] = value;
  }
  const [column, ...options] = rest;
  if (!variant || !column) throw new Error(`slot {${text}}: expected {variant|column}, {variant@key=value|column|stat|format}`);
  let stat: Stat = 'mean';
  let format = '0';
  for (const option of options) {
    if ((STATS as readonly string[]).includes(option)) stat = option as Stat;
    else if (/^,?\d[%s]?$/.test(option)) format = option;
    else throw new Error(`slot {${text}}: "${option}" is neither a statistic (${STATS.join(', ')}) nor a format like 1, ,0, 1% or 1s`);
  }
  return { variant, point, column, stat, format };
}

/** The rows of the slot's variant and sweep point, from the table that has its column. */
function rowsOf(slot: Slot, tables: RunTables): { rows: Row[]; table: string } {
  const matches = (row: Row) => row.variant === slot.variant && Object.entries(slot.point).every(([k, v]) => row[k] === v);
  for (const [table, rows] of [
    ['summary.csv', tables.summary],
    ['failovers.csv', tables.failovers],
  ] as const) {
    if (rows.length > 0 && slot.column in rows[0]) return { rows: rows.filter(matches), table };
  }
  throw new Error(`no column ${slot.column} in summary.csv or failovers.csv`);
}

export function valueOf(slot: Slot, tables: RunTables): number {
  const { rows, table } = rowsOf(slot, tables);
  const where = `${slot.variant}${Object.keys(slot.point).length ? ` @ ${JSON.stringify(slot.point)}` : ''}`;
  if (rows.length === 0) throw new Error(`no rows for ${where} in ${table}`);
  const values = rows
    .map((r) => r[slot.column])
    .filter((v) => v !== '' && v !== undefined)
    .map(Number);
  if (slot.stat === 'count') return values.length;
  if (slot.stat === 'missing') return rows.length - values.length;
  if (values.length === 0) throw new Error(`${slot.column} is empty for ${where} in ${table}`);
  const sorted = [...values].sort((a, b) => a - b);
  switch (slot.stat) {
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'max':
      return sorted[sorted.length - 1];
    case 'min':
      return sorted[0];
    case 'p50':
      // the nearest-rank median, as the summary table and the failover CDF's legend take it
      return sorted[Math.max(0, Math.ceil(0.5 * sorted.length) - 1)];
  }
}

/** `1` one decimal, `,0` thousands separated, `1%` a fraction as a percentage, `1s` ms as seconds. */
export function formatValue(value: number, format: string): string {
  const grouped = format.startsWith(',');
  const digits = Number(format.replace(/[^\d]/g, ''));
  const scaled = format.endsWith('%') ? value * 100 : format.endsWith('s') ? value / 1000 : value;
  const text = scaled.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouped });
  return text === '-0' ? '0' : text;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The template as a pattern: its text literally, each slot a number (whitespace may wrap). */
function patternOf(template: string): RegExp {
  const parts = template.split(SLOT);
  let source = '';
  // split with two capture groups: text, variant part, rest, text, ...
  for (let i = 0; i < parts.length; i += 3) {
    source += escapeRegExp(parts[i]).replace(/\s+/g, String.raw`\s+`);
    if (i + 1 < parts.length) source += `(${NUMBER})`;
  }
  return new RegExp(source, 'g');
}

export function slotsOf(template: string): Slot[] {
  return [...template.matchAll(SLOT)].map((m) => parseSlot(`${m[1]}|${m[2]}`));
}

/**
 * The file's text with the template's numbers replaced by `numbers` (in slot order). The
 * template must occur exactly once, so a quote cannot silently rewrite the wrong place.
 */
export function rewrite(text: string, template: string, numbers: readonly string[]): string {
  const found = [...text.matchAll(patternOf(template))];
  if (found.length !== 1) throw new Error(`${found.length === 0 ? 'not found' : `found ${found.length} times`}: "${template}"`);
  const match = found[0];
  // the slots' places inside the match (the `d` flag gives each group's indices)
  const groups = new RegExp(patternOf(template).source, 'd').exec(match[0])?.indices ?? [];
  let out = '';
  let at = 0;
  for (let g = 1; g < groups.length; g++) {
    const [from, to] = groups[g];
    out += match[0].slice(at, from) + numbers[g - 1];
    at = to;
  }
  const start = match.index ?? 0;
  return text.slice(0, start) + out + match[0].slice(at) + text.slice(start + match[0].length);
}
