// `npm run docs`: reruns every run docs/quotes.yaml names and rewrites each figure the docs
// quote in place, and rewrites the key tables of docs/scenario-format.md from the scenario
// schema. `--check` writes nothing and exits 1 naming each figure or table line that would
// change (.ci/run). Names of runs as arguments limit it to the quotes of those runs.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

import { KINDS } from '../../sim/architectures/registry.js';
import { bandRows } from './estimate-grid.js';
import { scenarioJsonSchema } from '../../sim/scenario/schema.js';
import { formatTables, rewriteFormatDoc } from './format.js';
import { formatValue, rewrite, slotsOf, valueOf, type Row, type RunTables } from './quotes.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CONFIG = 'docs/quotes.yaml';
const FORMAT_DOC = 'docs/scenario-format.md';

interface Config {
  /** name → the `leadsim run` arguments (the scenario file first). */
  runs: Record<string, string[]>;
  /** name → `grid`: the event estimate over the events runs process, a row per kind over the
   *  estimate test's grid (tools/docs/estimate-grid.ts). */
  estimates?: Record<string, 'grid'>;
  /** file → run name → templates. */
  quotes: Record<string, Record<string, string[]>>;
}

function readCsv(path: string): Row[] {
  return existsSync(path) ? (parseCsv(readFileSync(path), { columns: true }) as Row[]) : [];
}

function runTables(name: string, args: readonly string[], scratch: string): RunTables {
  const out = join(scratch, name);
  process.stderr.write(`docs: leadsim run ${args.join(' ')}\n`);
  execFileSync(process.execPath, [join(ROOT, 'dist/bin/leadsim.js'), 'run', ...args, '--out', out, '--quiet', '--no-replay'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { summary: readCsv(join(out, 'summary.csv')), failovers: readCsv(join(out, 'failovers.csv')) };
}

/** The estimate grid's band per kind, as a table of one row per kind (every registered kind). */
function estimateTables(name: string): RunTables {
  process.stderr.write(`docs: ${name}: the event estimate over the events run, every kind × N × load\n`);
  return { summary: bandRows(KINDS.map((d) => d.kind)), failovers: [] };
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const only = argv.filter((a) => !a.startsWith('--'));
  const config = parseYaml(readFileSync(join(ROOT, CONFIG), 'utf8')) as Config;
  const estimates = config.estimates ?? {};
  const names = [...Object.keys(config.runs), ...Object.keys(estimates)];
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`docs: no run named ${unknown.join(', ')} in ${CONFIG} (runs: ${names.join(', ')})\n`);
    return 2;
  }
  const wanted = names.filter((n) => only.length === 0 || only.includes(n));
  const scratch = mkdtempSync(join(tmpdir(), 'leadsim-docs-'));
  const changed: string[] = [];
  const format = readFileSync(join(ROOT, FORMAT_DOC), 'utf8');
  const formatNow = rewriteFormatDoc(format, formatTables(scenarioJsonSchema()));
  if (formatNow !== format) {
    changed.push(...changedLines(FORMAT_DOC, format, formatNow));
    if (!check) writeFileSync(join(ROOT, FORMAT_DOC), formatNow);
  }
  try {
    const tables = new Map(
      wanted.map((name) => [name, name in estimates ? estimateTables(name) : runTables(name, config.runs[name], scratch)]),
    );
    for (const [file, byRun] of Object.entries(config.quotes)) {
      const before = readFileSync(join(ROOT, file), 'utf8');
      let text = before;
      for (const [run, templates] of Object.entries(byRun)) {
        const t = tables.get(run);
        if (!t) continue;
        for (const template of templates) {
          try {
            text = rewrite(
              text,
              template,
              slotsOf(template).map((slot) => formatValue(valueOf(slot, t), slot.format)),
            );
          } catch (e) {
            throw new Error(`${file}, run ${run}: ${(e as Error).message}`, { cause: e });
          }
        }
      }
      if (text === before) continue;
      changed.push(...changedLines(file, before, text));
      if (!check) writeFileSync(join(ROOT, file), text);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const line of changed) process.stdout.write(`${line}\n`);
  if (changed.length === 0) process.stdout.write('docs: every quoted figure is current\n');
  else if (check) process.stdout.write('docs: the figures above are stale; run `npm run docs` and commit the result\n');
  return check && changed.length > 0 ? 1 : 0;
}

/** "file:line: old → new" for each line that differs. */
function changedLines(file: string, before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return a.flatMap((line, i) => (line === b[i] ? [] : [`${file}:${i + 1}: ${line.trim()}\n  → ${b[i].trim()}`]));
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`docs: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
