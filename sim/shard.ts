// Splitting a scenario's tasks into shards and putting them back together (`leadsim sweep
// --shard K/N` and `leadsim merge`). Pure: text in, data out; the commands do the I/O.
//
// A task is one run × one trial, numbered in the order execute() returns results (run by run,
// then trial). Shard K of N holds the tasks whose index i has i mod N = K, so every shard gets
// a similar mix of sweep points, variants and trials. A shard file carries its results as JSON,
// encoded so that the values JSON cannot hold (NaN, ±Infinity, -0, undefined) come back
// exactly: merged results are the very values a single run would hand to the report writers.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { RunResult } from './metrics/run-result.js';
import type { RunSpec } from './scenario/scenario.js';
import { ShardError } from './shard-error.js';

export { ShardError };

export const SHARD_FORMAT = 'leadsim-shard/1';

export interface ShardSpec {
  shard: number;
  of: number;
}

/** What every shard of one split has in common, and which shard this is. */
export interface ShardHeader extends ShardSpec {
  format: typeof SHARD_FORMAT;
  scenario: string;
  description: string;
  sweepKeys: string[];
  /** Hash of the runs as loaded (file content, --seed, --trials and --set applied) and the trials. */
  fingerprint: string;
  seed: number;
  trials: number;
  runs: number;
  /** Tasks of the whole split: runs × trials. */
  tasks: number;
}

interface ShardEntry {
  index: number;
  result: RunResult;
}

export interface ShardFile extends ShardHeader {
  entries: ShardEntry[];
}

/** Parses `K/N` (K from 0 to N−1). */
export function parseShardSpec(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) throw new ShardError(`--shard ${text}: expected K/N, shard K of N counted from 0, e.g. --shard 0/4 … --shard 3/4`);
  const [shard, of] = [Number(match[1]), Number(match[2])];
  if (!Number.isSafeInteger(of) || of < 1) throw new ShardError(`--shard ${text}: N must be a whole number of at least 1`);
  if (!Number.isSafeInteger(shard) || shard >= of)
    throw new ShardError(`--shard ${text}: K must be from 0 to ${of - 1} (shards are counted from 0, e.g. --shard 0/${of})`);
  return { shard, of };
}

/** Whether task `index` belongs to shard K of N. */
export function inShard({ shard, of }: ShardSpec): (index: number) => boolean {
  return (index) => index % of === shard;
}

/** The task indices of shard K of N, ascending, out of `tasks` in all. */
export function shardIndices(tasks: number, spec: ShardSpec): number[] {
  const indices: number[] = [];
  for (let i = spec.shard; i < tasks; i += spec.of) indices.push(i);
  return indices;
}

export function shardFileName({ shard, of }: ShardSpec): string {
  return `shard-${shard}-of-${of}.json`;
}

/** Names that shardFileName makes (for picking shard files out of a directory). */
export const SHARD_FILE_PATTERN = /^shard-\d+-of-\d+\.json$/;

/** Identifies a split: two shards merge only if they ran the very same runs × trials. */
export function fingerprint(runs: readonly RunSpec[], trials: number): string {
  return 'sha256:' + createHash('sha256').update(encodeJson({ trials, runs })).digest('hex');
}

/** The shard file's text: the header on the first line, then one entry per line. */
export function encodeShard(file: ShardFile): string {
  const head = encodeJson({ ...headerOf(file), entries: [] }).slice(0, -2); // without the closing `]}`
  return `${head}\n${file.entries.map((entry) => encodeJson({ index: entry.index, result: entry.result })).join(',\n')}\n]}\n`;
}

/** The header fields, in the order a shard file lists them. */
function headerOf(file: ShardHeader): ShardHeader {
  const { format, scenario, description, sweepKeys, fingerprint, seed, trials, runs, tasks, shard, of } = file;
  return { format, scenario, description, sweepKeys, fingerprint, seed, trials, runs, tasks, shard, of };
}

// What a shard file must hold, checked before anything is merged: a foreign or edited file is
// bad input, named with the key that is wrong. Result rows are checked for shape (columns of
// numbers, text or empty), not for column names, which grow with the simulator.
const count = z.int().min(0);
const cell = z.union([z.string(), z.number(), z.null()]);
const row = z.record(z.string(), cell);
const resultSchema = z.looseObject({
  scenario: z.string(),
  variant: z.string(),
  kind: z.string(),
  nodes: count,
  trial: count,
  seed: z.number(),
  sweepPoint: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  summary: row,
  timeseries: z.array(row),
  failovers: z.array(row),
  faults: z.array(z.looseObject({ at_ms: z.number(), until_ms: z.number().nullable(), label: z.string() })),
  timeline: z.array(z.array(z.looseObject({ from_ms: z.number(), to_ms: z.number(), role: z.string() }))),
  violations: z.array(z.looseObject({ invariant: z.string(), at_ms: z.number(), detail: z.string() })),
});
const shardSchema = z.strictObject({
  format: z.literal(SHARD_FORMAT),
  // it names the report folder reports/<scenario>, so it must stay a plain name
  scenario: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "must be a scenario name (letters, digits, '.', '_' or '-')" }),
  description: z.string(),
  sweepKeys: z.array(z.string()),
  fingerprint: z.string(),
  seed: z.number(),
  trials: z.int().min(1),
  runs: z.int().min(1),
  tasks: count,
  shard: count,
  of: z.int().min(1),
  entries: z.array(z.strictObject({ index: count, result: resultSchema })),
});

/** Reads a shard file's text, checking that it is a whole, self-consistent shard. */
export function decodeShard(text: string, name: string): ShardFile {
  let data: unknown;
  try {
    data = decodeJson(text);
  } catch (error) {
    // a syntax error, or nesting too deep to restore (RangeError)
    throw new ShardError(`${name}: not a leadsim shard file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(data) || data.format !== SHARD_FORMAT)
    throw new ShardError(`${name}: not a leadsim shard file (expected format '${SHARD_FORMAT}', as \`leadsim sweep --shard K/N\` writes)`);
  const bad = (detail: string) => new ShardError(`${name}: not a whole leadsim shard file: ${detail}`);
  const parsed = shardSchema.safeParse(data, { error: (issue) => (issue.input === undefined ? 'is missing' : undefined) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(`${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  const file = data as unknown as ShardFile; // as parsed, but without zod's copy (results stay as decoded)
  if (file.shard >= file.of) throw bad(`shard ${file.shard} of ${file.of}`);
  if (file.tasks !== file.runs * file.trials) throw bad(`${file.tasks} tasks are not ${file.runs} runs × ${file.trials} trials`);
  const holds = Math.max(0, Math.ceil((file.tasks - file.shard) / file.of));
  const expected = holds === file.entries.length ? shardIndices(file.tasks, file) : [];
  if (holds !== file.entries.length || file.entries.some((entry, i) => entry.index !== expected[i]))
    throw bad(
      `shard ${file.shard} of ${file.of} must hold the results of tasks ${describeIndices(shardIndices(Math.min(file.tasks, file.shard + 5 * file.of), file), holds, file)}, in order`,
    );
  return file;
}

/**
 * Puts the shards of one split back together: all from the same runs × trials and the same N,
 * every shard exactly once. Returns the common header and the results in task order, as
 * execute() would have returned them from a single run.
 */
export function mergeShards(shards: readonly { name: string; file: ShardFile }[]): { header: ShardHeader; results: RunResult[] } {
  if (shards.length === 0) throw new ShardError('no shard files to merge');
  const first = shards[0];
  const byShard = new Map<number, string>();
  for (const { name, file } of shards) {
    if (file.fingerprint !== first.file.fingerprint)
      throw new ShardError(
        file.scenario !== first.file.scenario
          ? `${name} and ${first.name} are shards of different scenarios ('${file.scenario}' and '${first.file.scenario}'): merge one split at a time`
          : `${name} and ${first.name} are shards of '${file.scenario}' run differently (a changed scenario file, --seed, --trials or --set): ` +
              'merge the shards of one split',
      );
    if (file.of !== first.file.of)
      throw new ShardError(
        `${name} is shard ${file.shard} of ${file.of} but ${first.name} is shard ${first.file.shard} of ${first.file.of}: ` +
          'merge the shards of one split (remove those of another N)',
      );
    const earlier = byShard.get(file.shard);
    if (earlier !== undefined) throw new ShardError(`shard ${file.shard} of ${file.of} is given twice: ${earlier} and ${name}`);
    byShard.set(file.shard, name);
  }
  const { of } = first.file;
  const missing = Array.from({ length: of }, (_, k) => k).filter((k) => !byShard.has(k));
  if (missing.length > 0) {
    const shown = missing.slice(0, 20);
    const more = missing.length > shown.length ? `, … (${missing.length} in all)` : '';
    throw new ShardError(
      `missing shard${missing.length > 1 ? 's' : ''} ${shown.join(', ')}${more} of ${of} of '${first.file.scenario}': ` +
        `expected ${shown.map((k) => shardFileName({ shard: k, of })).join(', ')}${more ? ', …' : ''}` +
        ` (written by leadsim sweep FILE --shard ${shown[0]}/${of} --out DIR)`,
    );
  }
  const results: (RunResult | undefined)[] = new Array(first.file.tasks).fill(undefined);
  for (const { file } of shards) for (const entry of file.entries) results[entry.index] = entry.result;
  const gap = results.findIndex((r) => r === undefined);
  if (gap >= 0) throw new ShardError(`task ${gap} of ${first.file.tasks} is in no shard`); // decodeShard rules it out
  return { header: headerOf(first.file), results: results.filter((r) => r !== undefined) };
}

/** The first indices of a shard and its last, e.g. "1, 4, 7, …, 97". */
function describeIndices(first: number[], holds: number, spec: ShardSpec): string {
  if (holds === 0) return 'none';
  const last = spec.shard + (holds - 1) * spec.of;
  return holds <= 4 ? first.slice(0, holds).join(', ') : `${first.slice(0, 3).join(', ')}, …, ${last}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// JSON that keeps what plain JSON loses: NaN, ±Infinity and -0 (JSON writes null or 0) and
// undefined (JSON drops it), as one-key marker objects no result has.
const NUMBER = '$leadsim-number';
const UNDEFINED = '$leadsim-undefined';

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { [NUMBER]: Object.is(v, -0) ? '-0' : String(v) };
    if (v === undefined && key !== '') return { [UNDEFINED]: true };
    return v;
  });
}

export function decodeJson(text: string): unknown {
  return restore(JSON.parse(text));
}

function restore(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restore);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === NUMBER) return Number(value[NUMBER]);
  if (keys.length === 1 && keys[0] === UNDEFINED) return undefined;
  return Object.fromEntries(keys.map((key) => [key, restore(value[key])])); // own keys, even `__proto__`
}
