// The scenario loader: file → validated runs. Two passes, both against schema.ts:
//  1. the file as written (scenarioFileSchema): a typo anywhere, even in a variant, is
//     reported at its own line;
//  2. every run (variant × sweep point, --set applied) as the engine will see it
//     (scenarioSchema): values that only clash in combination — a fault on node 4 at a sweep
//     point with 3 nodes — are reported at the line that set them, naming the variant and point.
// Trials are expanded by the runner, not here.
import { fileOverrun, formatCount, LIMITS, runOverrun } from './budget.js';
import { ScenarioError } from './errors.js';
import {
  badPath,
  clone,
  isMapping,
  layered,
  mergeVariant,
  originOf,
  overrideValue,
  PathError,
  setLayer,
  splitPath,
  sweepPoints,
  type Layered,
  type Origin,
  type Path,
  type Raw,
  type SweepAxis,
} from './expand.js';
import { show } from './fields.js';
import type * as z from 'zod';
import { errorMap, problemsOf, type Problem } from './messages.js';
import type { Expectation } from './expect-schema.js';
import type { RunSpec } from './scenario.js';
import { scenarioFileSchema, scenarioSchema } from './schema.js';
import { locate, parseSource, type Source } from './source.js';

export { applyOverrides } from './expand.js';

export interface LoadedScenario {
  file: string;
  name: string;
  description: string;
  baseSeed: number;
  trials: number;
  /** The swept dotted paths in file order (the keys of every run's sweepPoint); [] without a sweep. */
  sweepKeys: string[];
  /** One per variant × sweep point, variant by variant; each still to be run `trials` times. */
  runs: RunSpec[];
  /** The file's `expect:` block, in file order. */
  expectations: Expectation[];
}

/** Dotted path → value; text values are read as YAML (`--set architecture.nodes=5`). */
export type Overrides = Record<string, unknown>;

// Keys that name the file or seed its trials: one value per file, so neither sweepable nor per variant.
const UNSWEEPABLE = new Set(['name', 'description', 'seed', 'trials', 'sweep', 'variants', 'expect']);
// Keys of the file that are not part of any one run.
const FILE_ONLY = new Set(['sweep', 'variants', 'expect']);

// Each schema parses a handful of objects per process: zod's compiled fast path (generated
// source per object schema, built on first use) costs more to build than it saves here, and
// `validate` pays it on every start. Same result either way; only the route differs.
const INTERPRETED = { jitless: true } as const;

export interface LoadOptions {
  /** The file's work is split into this many shards (`leadsim sweep --shard K/N`): each gets the whole budget. */
  shards?: number;
  /** The event budget of one run (--max-events); a command's is COMMAND_BUDGET_FACTOR × it. */
  maxEvents?: number;
}

/** Scripted faults over all runs (each run checks and schedules its own list): 20 000 faults in 6000 sweep points is no scenario. */
const MAX_SCRIPTED_FAULTS = 1_000_000;

/** Counted before any run is built: the faults each variant's runs carry, times its sweep points. */
function checkScriptedFaults(source: Source, variants: readonly (Raw | undefined)[], pointsPerVariant: number): void {
  const listLength = (faults: unknown) => (Array.isArray(faults) ? faults.length : 0);
  const total = variants.reduce((sum, v) => sum + listLength(v?.faults ?? source.raw.faults) * pointsPerVariant, 0);
  if (total > MAX_SCRIPTED_FAULTS)
    throw fileError(
      source,
      ['faults'],
      `makes ${formatCount(total)} scripted faults over all runs (faults × variants × sweep points); at most ${formatCount(MAX_SCRIPTED_FAULTS)}: fewer faults or fewer sweep points, or split the file`,
    );
}

export function parseScenarioText(text: string, fileName: string, overrides: Overrides = {}, options: LoadOptions = {}): LoadedScenario {
  const source = parseSource(text, fileName);
  source.raw.name ??= nameFromFile(fileName);
  checkFile(source);
  const base = Object.fromEntries(Object.entries(source.raw).filter(([key]) => !FILE_ONLY.has(key)));
  const axes = sweepAxes(source, overrides);
  const sets = runOverrides(source, overrides, axes);
  const variants: (Raw | undefined)[] = source.raw.variants ?? [undefined];
  // counted before the points are made: ten keys of ten values would not fit in memory
  const runCount = axes.reduce((n, axis) => n * axis.values.length, variants.length);
  if (runCount > LIMITS.runs)
    throw fileError(
      source,
      axes.length > 0 ? ['sweep'] : ['variants'],
      `makes ${formatCount(runCount)} runs (variants × sweep points); at most ${formatCount(LIMITS.runs)} in one file: split it into several files`,
    );
  checkScriptedFaults(source, variants, runCount / variants.length);
  const points = sweepPoints(axes);
  const maxEvents = options.maxEvents ?? LIMITS.eventsPerRun;
  const runs = variants.flatMap((variant, v) =>
    points.map((point) => buildRun(source, base, variant && { raw: variant, index: v }, axes, point, sets, maxEvents)),
  );
  const first = runs[0].scenario;
  const overrun = fileOverrun(
    runs.map((r) => r.scenario),
    first.trials,
    options.shards,
    maxEvents,
  );
  if (overrun !== undefined) {
    const trialsSet = overrun.path[0] === 'trials' && overrides.trials !== undefined;
    throw trialsSet
      ? new ScenarioError({ file: source.file, key: 'trials', detail: `${overrun.message} (from --trials ${String(overrides.trials)})` })
      : fileError(source, overrun.path, overrun.message);
  }
  const expectations = expectationsOf(source, runs);
  return {
    file: fileName,
    name: first.name,
    description: first.description,
    baseSeed: first.seed,
    trials: first.trials,
    sweepKeys: axes.map((a) => a.key),
    runs,
    expectations,
  };
}

/** The `expect:` entries with their lines; each named variant must be one the runs report. */
function expectationsOf(source: Source, runs: RunSpec[]): Expectation[] {
  const entries = scenarioFileSchema.shape.expect.parse(source.raw.expect, INTERPRETED) ?? [];
  const variants = [...new Set(runs.map((run) => run.variant || run.scenario.architecture.kind))];
  return entries.map((entry, i) => {
    const { line } = locate(source, ['expect', i]);
    if (entry.variant !== undefined && !variants.includes(entry.variant))
      throw fileError(source, ['expect', i, 'variant'], `no variant is named '${entry.variant}': one of ${variants.join(', ')}`);
    return { ...entry, where: `${source.file}:${line}` };
  });
}

/** A source whose text passed pass 1: its raw value is a scenario file as written. */
type CheckedSource = Source & { raw: z.input<typeof scenarioFileSchema> };

/** Pass 1: the file as written, plus the rules that concern the file as a whole. */
function checkFile(source: Source): asserts source is CheckedSource {
  const result = scenarioFileSchema.safeParse(source.raw, { error: errorMap, ...INTERPRETED });
  if (!result.success) throw firstError(source, problemsOf(result.error.issues), (path) => ({ file: path }));
  const names = new Map<string, number>();
  (result.data.variants ?? []).forEach((variant, i) => {
    const name = String(variant.name);
    const earlier = names.get(name);
    if (earlier !== undefined)
      throw fileError(
        source,
        ['variants', i, 'name'],
        `duplicate variant name '${name}' (variant ${earlier} has it too): names must be unique`,
      );
    names.set(name, i);
  });
  for (const key of Object.keys(result.data.sweep ?? {})) {
    const where = ['sweep', key];
    if (UNSWEEPABLE.has(key.split('.')[0]))
      throw fileError(source, where, `'${key}' cannot be swept: it has one value per file (use trials for repetitions)`);
    const problem = badPath(key);
    if (problem !== undefined) throw fileError(source, where, problem);
  }
}

interface Axis extends SweepAxis {
  /** The --set that replaced this sweep's values, if any. */
  set?: string;
}

/** The sweep as written, or as `--set 'sweep={...}'` replaces it whole, with `--set
 *  sweep.KEY=[...]` replacing or adding an axis. */
function sweepAxes(source: CheckedSource, overrides: Overrides): Axis[] {
  const whole = overrides.sweep;
  let axes: Axis[] = Object.entries(source.raw.sweep ?? {}).map(([key, values]) => ({
    key,
    values,
  }));
  if (whole !== undefined) {
    const sweep = overrideValue(whole);
    if (!isMapping(sweep) || Object.keys(sweep).length === 0)
      throw setError(source, 'sweep', whole, "must be a mapping of dotted keys to lists, e.g. --set 'sweep={architecture.nodes: [3, 5]}'");
    axes = Object.entries(sweep).map(([key, values]) =>
      sweptAxis(source, `sweep.${key}`, whole, key, values, `--set sweep=${String(whole)}`),
    );
  }
  for (const [path, text] of Object.entries(overrides)) {
    const problem = badPath(path);
    if (problem !== undefined) throw setError(source, path, text, problem);
    if (!path.startsWith('sweep.')) continue;
    const key = path.slice('sweep.'.length);
    const axis = sweptAxis(source, path, text, key, overrideValue(text), `--set ${path}=${String(text)}`);
    const at = axes.findIndex((a) => a.key === key);
    if (at >= 0) axes[at] = axis;
    else axes.push(axis);
  }
  return axes;
}

/** One axis a --set sweeps, checked as the file's sweep keys are. */
function sweptAxis(source: Source, path: string, text: unknown, key: string, values: unknown, set: string): Axis {
  const problem = badPath(key);
  if (problem !== undefined) throw setError(source, path, text, problem);
  if (UNSWEEPABLE.has(key.split('.')[0])) throw setError(source, path, text, `'${key}' cannot be swept: it has one value per file`);
  if (!Array.isArray(values) || values.length === 0) throw setError(source, path, text, 'must be a non-empty list, e.g. [3, 5, 7]');
  return { key, values, set };
}

interface RunOverride {
  path: Path;
  value: unknown;
  text: string;
}

/** The --set overrides applied to every run; a --set on a swept key pins it (the axis goes). */
function runOverrides(source: Source, overrides: Overrides, axes: Axis[]): RunOverride[] {
  const sets: RunOverride[] = [];
  for (const [path, text] of Object.entries(overrides)) {
    if (path === 'sweep' || path.startsWith('sweep.')) continue;
    if (path === 'variants' || path.startsWith('variants.'))
      throw setError(source, path, text, 'variants cannot be set; set the key for every run instead, e.g. --set architecture.nodes=5');
    const pinned = axes.findIndex((a) => a.key === path);
    if (pinned >= 0) axes.splice(pinned, 1);
    sets.push({ path: splitPath(path), value: overrideValue(text), text: `--set ${path}=${String(text)}` });
  }
  return sets;
}

/** Pass 2: one variant at one sweep point, overrides applied, validated as the engine will run it. */
function buildRun(
  source: Source,
  base: Raw,
  variant: { raw: Raw; index: number } | undefined,
  axes: Axis[],
  point: number[],
  sets: RunOverride[],
  maxEvents: number,
): RunSpec {
  const run = layered(base);
  if (variant) mergeVariant(run, variant.raw, variant.index);
  const sweepPoint: RunSpec['sweepPoint'] = {};
  axes.forEach((axis, a) => {
    const value = axis.values[point[a]];
    const origin: Origin = axis.set ? { set: axis.set } : { file: ['sweep', axis.key, point[a]] };
    setOrFail(source, run, splitPath(axis.key), value, origin);
    sweepPoint[axis.key] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  });
  for (const set of sets) setOrFail(source, run, set.path, set.value, { set: set.text });
  const result = scenarioSchema.safeParse(run.raw, { error: errorMap, ...INTERPRETED });
  const context = [
    variant ? `variant '${String(variant.raw.name)}'` : '',
    ...axes.map((axis, a) => `sweep ${axis.key}=${show(axis.values[point[a]])}`),
  ]
    .filter(Boolean)
    .join(', ');
  const originFor = (path: Path) => originOf(run, path);
  if (!result.success) throw firstError(source, problemsOf(result.error.issues), originFor, context);
  const overrun = runOverrun(result.data, maxEvents);
  if (overrun !== undefined)
    throw firstError(source, [{ path: overrun.path, message: overrun.message, kind: 'invalid' }], originFor, context);
  return { scenario: result.data, variant: variant ? String(variant.raw.name) : '', sweepPoint: clone(sweepPoint) };
}

/** Sets a sweep value or a --set in a run; a path that cannot exist is the sweep's or --set's fault. */
function setOrFail(source: Source, run: Layered, path: Path, value: unknown, origin: Origin): void {
  try {
    setLayer(run, path, value, origin);
  } catch (error) {
    if (!(error instanceof PathError)) throw error;
    throw 'set' in origin
      ? new ScenarioError({ file: source.file, key: path.join('.'), detail: `${error.message} (from ${origin.set})` })
      : fileError(source, origin.file.slice(0, -1), error.message); // the sweep key, not its value
  }
}

/** The error to show of several: unknown keys first (they often cause the rest), then by line. */
function firstError(source: Source, problems: Problem[], originFor: (path: Path) => Origin, context?: string): ScenarioError {
  const rank = { 'unknown-key': 0, invalid: 1, missing: 2 } as const;
  const located = problems.map((problem) => {
    const origin = originFor(problem.path);
    const position = 'file' in origin ? locate(source, origin.file) : undefined;
    return { problem, origin, position };
  });
  located.sort((x, y) => rank[x.problem.kind] - rank[y.problem.kind] || (x.position?.line ?? 0) - (y.position?.line ?? 0));
  const { problem, origin, position } = located[0];
  const detail = 'set' in origin ? `${problem.message} (from ${origin.set})` : problem.message;
  return new ScenarioError({
    file: source.file,
    line: position?.line,
    column: position?.column,
    key: problem.path.join('.'),
    detail,
    context,
  });
}

function fileError(source: Source, path: Path, detail: string): ScenarioError {
  const { line, column } = locate(source, path);
  return new ScenarioError({ file: source.file, line, column, key: path.join('.'), detail });
}

function setError(source: Source, path: string, text: unknown, detail: string): ScenarioError {
  return new ScenarioError({ file: source.file, key: path, detail: `${detail} (from --set ${path}=${String(text)})` });
}

/** A scenario without a name is named after its file, made safe for a report directory name.
 *  (The file's stem by hand, not node:path: the playground parses scenarios in a browser.) */
function nameFromFile(file: string): string {
  const base = file.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return stem === '' ? 'scenario' : stem;
}
