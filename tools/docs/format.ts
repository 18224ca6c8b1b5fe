// The key tables of docs/scenario-format.md, written from the JSON Schema `leadsim schema`
// prints (sim/scenario/schema.ts and each kind's keys in sim/architectures/<kind>/kind.ts), so
// the page says what the schema says: meaning (each key's description), default, unit and valid
// values. `npm run docs` rewrites the part between the markers; a test fails when it is stale.

import { VALUE_TITLES } from '../../sim/scenario/fields.js';

export const BEGIN = '<!-- keys: written by npm run docs from leadsim schema; edit the descriptions in the schema -->';
export const END = '<!-- keys: end -->';

interface Node {
  description?: string;
  title?: string;
  type?: string | string[];
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node | false;
  prefixItems?: Node[];
  additionalProperties?: Node | boolean;
  propertyNames?: Node;
  oneOf?: Node[];
  anyOf?: Node[];
  minItems?: number;
}

interface Row {
  key: string;
  /** The branch a key belongs to: `kind: raft-group`, `dist: zipf`, a fault's action key. */
  only: string[];
  meaning: string;
  default: string;
  unit: string;
  valid: string;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Unit and valid values of a key whose kind of value the schema names in its title. */
function titled(title: string): [string, string] | null {
  const d = VALUE_TITLES.duration;
  const units: Record<string, [string, string]> = {
    [d.positive]: ['duration', '> 0'],
    [d.nonnegative]: ['duration', '≥ 0'],
    [d.nonzero]: ['duration', '≠ 0, either sign'],
    [VALUE_TITLES.rate]: ['rate', '> 0'],
    [VALUE_TITLES.drift]: ['ppm or %', '0 to 10%'],
  };
  return units[title] ?? (Object.values(VALUE_TITLES).includes(title as never) ? ['—', title] : null);
}

/** A value as a scenario file writes it (YAML flow style). */
function yamlOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlOf).join(', ')}]`;
  if (value === '') return "''";
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return '{}';
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${yamlOf(v)}`)
      .join(', ')} }`;
  return String(value);
}

const isDistribution = (n: Node) => (n.oneOf ?? []).some((b) => b.properties?.dist?.const === 'lognormal');

/** The key that tells a union's branches apart, and each branch's label. */
function branches(n: Node): [string, Node][] | null {
  const list = n.oneOf ?? n.anyOf;
  if (!list || !list.every((b) => b.properties)) return null;
  return list.map((b) => {
    const tag = Object.entries(b.properties ?? {}).find(([, p]) => p.const !== undefined);
    if (tag) return [`${tag[0]}: ${String(tag[1].const)}`, b];
    const others = list.filter((o) => o !== b);
    const own = (b.required ?? Object.keys(b.properties ?? {})).find((k) => others.every((o) => !(k in (o.properties ?? {}))));
    return [own ?? '?', b];
  });
}

/** Unit and valid values, in words. */
function valueOf(n: Node): [string, string] {
  if (n.title !== undefined) {
    const t = titled(n.title);
    if (t) return t;
  }
  if (isDistribution(n)) return ['—', 'a distribution (see Distributions)'];
  const union = n.oneOf ?? n.anyOf;
  if (union) {
    if (branches(n))
      return [
        '—',
        `a mapping, one of: ${branches(n)!
          .map(([label]) => label)
          .join('; ')}`,
      ];
    const parts = union.map(valueOf);
    const units = unique(parts.map(([u]) => u).filter((u) => u !== '—'));
    return [units.length > 0 ? units.join(' or ') : '—', parts.map(([, v]) => v).join('; or ')];
  }
  if (n.const !== undefined) return ['—', `\`${String(n.const)}\``];
  if (n.enum) return ['—', n.enum.map((v) => `\`${String(v)}\``).join(', ')];
  const type = Array.isArray(n.type) ? n.type.join(' or ') : n.type;
  switch (type) {
    case 'boolean':
      return ['—', '`true`, `false`'];
    case 'integer':
      return ['—', range(n, 'an integer')];
    case 'number':
      if (n.minimum === 0 && n.maximum === 1) return ['fraction', '0 to 1'];
      return ['—', range(n, 'a number')];
    case 'string':
      return ['—', n.pattern ? `text matching \`${n.pattern}\`` : 'text'];
    case 'array': {
      if (n.prefixItems) {
        const [unit, valid] = valueOf(n.prefixItems[0]);
        return [unit, `[min, max], each ${valid}`];
      }
      const items = n.items === false || n.items === undefined ? {} : n.items;
      if (items.properties || branches(items)) return ['—', 'a list of mappings (keys below)'];
      const [unit, valid] = valueOf(items);
      return [unit, `a list${n.minItems ? ` of at least ${n.minItems}` : ''}${valid === 'any' ? '' : `, each ${valid}`}`];
    }
    case 'object': {
      if (n.properties) return ['—', 'a mapping (keys below)'];
      const value = typeof n.additionalProperties === 'object' ? n.additionalProperties : {};
      const [unit, valid] = valueOf(value);
      return [unit, `a mapping of ${n.propertyNames?.pattern ? `names matching \`${n.propertyNames.pattern}\`` : 'names'} to ${valid}`];
    }
    default:
      return ['—', 'any'];
  }
}

const unique = (list: string[]) => [...new Set(list)];

function range(n: Node, what: string): string {
  if (n.exclusiveMinimum !== undefined) return `${what} > ${n.exclusiveMinimum}`;
  const min = n.minimum;
  const max = n.maximum !== undefined && n.maximum < MAX_SAFE ? n.maximum : undefined;
  if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max.toLocaleString('en-US')}`;
  if (min !== undefined) return `${what} ≥ ${min}`;
  return what;
}

/** The key every branch of a union fixes to its own value (`kind`, `dist`), if there is one. */
function tagOf(list: [string, Node][]): string | null {
  const first = Object.entries(list[0][1].properties ?? {}).find(([, p]) => p.const !== undefined)?.[0];
  return first !== undefined && list.every(([, b]) => b.properties?.[first]?.const !== undefined) ? first : null;
}

const join = (path: string, name: string) => (path === '' ? name : `${path}.${name}`);

/** Rows for `n`'s keys under `path`. A union's tag (`kind`, `dist`) gets one row naming every
 *  branch; a key of some branches only says which; a distribution's keys are listed once, apart. */
function rowsOf(n: Node, path: string, only: string[], out: Row[], depth: number, skip: string | null = null): void {
  const list = isDistribution(n) && path !== '' ? null : branches(n);
  if (list) {
    const tag = tagOf(list);
    if (tag !== null) {
      const values = list.map(([, b]) => b.properties![tag]);
      out.push({
        key: join(path, tag),
        only,
        meaning: values.map((v) => `\`${String(v.const)}\`: ${v.description ?? ''}`).join('; '),
        default: 'required',
        unit: '—',
        valid: values.map((v) => `\`${String(v.const)}\``).join(', '),
      });
    }
    const own: Row[] = [];
    for (const [label, branch] of list) rowsOf(branch, path, [label], own, depth, tag);
    for (const r of merged(own)) out.push({ ...r, only: r.only.length === list.length ? only : [...only, ...r.only] });
  }
  for (const [name, p] of Object.entries(n.properties ?? {})) {
    if (name === skip) continue;
    const key = join(path, name);
    const [unit, shown] = valueOf(p);
    // a variant's mappings are the file's own: their keys are in the tables of those sections
    const valid = depth === 0 ? shown.replace('(keys below)', '(its keys as in the tables below)') : shown;
    const required = (n.required ?? []).includes(name);
    const meaning = (p.description ?? '').replace(/\|/g, '\\|').replace(/</g, '&lt;');
    out.push({
      key,
      only,
      meaning,
      default: p.default !== undefined ? `\`${yamlOf(p.default)}\`` : required ? 'required' : '—',
      unit,
      valid,
    });
    if (depth === 0) continue;
    const items = p.type === 'array' && p.items ? p.items : p;
    rowsOf(items, items === p ? key : `${key}[]`, [], out, depth - 1);
  }
}

/** Rows that differ only in their branch become one, listing the branches. */
function merged(rows: Row[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const r of rows) {
    const id = JSON.stringify([r.key, r.meaning, r.default, r.unit, r.valid]);
    const seen = byKey.get(id);
    if (seen) seen.only = unique([...seen.only, ...r.only]);
    else byKey.set(id, { ...r, only: [...r.only] });
  }
  return [...byKey.values()];
}

function table(rows: Row[]): string {
  const head = '| key | meaning | default | unit | valid values |\n|---|---|---|---|---|';
  const line = (r: Row) => {
    const only = r.only.length === 0 ? '' : ` (${onlyText(r.only)})`;
    return `| \`${r.key}\`${only} | ${r.meaning} | ${r.default} | ${r.unit} | ${r.valid} |`;
  };
  return [head, ...rows.map(line)].join('\n');
}

/** `kind: a`, `kind: b` → `kind: a, b`. */
function onlyText(only: string[]): string {
  const groups = new Map<string, string[]>();
  for (const o of only) {
    const [k, v] = o.includes(': ') ? o.split(': ') : ['', o];
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...groups].map(([k, vs]) => (k ? `${k}: ${vs.join(', ')}` : vs.join(', '))).join('; ');
}

const SECTIONS: [title: string, keys: string[], depth: number][] = [
  ['The file', ['name', 'description', 'seed', 'duration', 'warmup', 'bucket', 'trials', 'sweep', 'variants', 'expect'], 2],
  ['`architecture`', ['architecture'], 2],
  ['`network`', ['network'], 2],
  ['`cpu` and `disk`', ['cpu', 'disk'], 2],
  ['`workload`', ['workload'], 3],
  ['`faults`', ['faults'], 3],
  ['`clocks` and `alerts`', ['clocks', 'alerts'], 2],
];

/** The generated part of docs/scenario-format.md. */
export function formatTables(jsonSchema: object): string {
  const schema = jsonSchema as Node;
  const root = schema.properties ?? {};
  const covered = SECTIONS.flatMap(([, keys]) => keys);
  const missing = Object.keys(root).filter((k) => !covered.includes(k));
  if (missing.length > 0) throw new Error(`docs/scenario-format.md: no section for ${missing.join(', ')} (tools/docs/format.ts)`);
  const parts = SECTIONS.flatMap(([title, all, depth]) => {
    const keys = all.filter((k) => k in root);
    if (keys.length === 0) return [];
    const rows: Row[] = [];
    // variants' keys are the file's own (partial): listed once, at the top of the file
    rowsOf(
      { properties: Object.fromEntries(keys.map((k) => [k, root[k]])), required: schema.required },
      '',
      [],
      rows,
      keys.includes('variants') ? 1 : depth,
    );
    return `### ${title}\n\n${table(merged(rows))}`;
  });
  const dist = root.cpu?.properties?.service ?? {};
  const distRows: Row[] = [];
  rowsOf(dist, '', [], distRows, 1);
  parts.push(
    `### Distributions\n\nWherever a key takes a distribution (\`network.delay\`, \`network.between\`, \`cpu.service\`, \`disk.fsync\`), it is a mapping with \`dist\` and that distribution's keys; every draw is rounded to whole microseconds, and a negative draw counts as 0.\n\n${table(merged(distRows))}`,
  );
  return parts.join('\n\n');
}

/** `text` with the part between the markers replaced by `tables`. */
export function rewriteFormatDoc(text: string, tables: string): string {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/scenario-format.md must hold the markers ${BEGIN} and ${END}`);
  return `${text.slice(0, begin + BEGIN.length)}\n\n${tables}\n\n${text.slice(end)}`;
}
