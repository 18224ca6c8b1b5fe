// From one scenario file to its runs: every variant at every sweep point, with --set overrides
// on top. Each run is built in layers — base file, variant, sweep point, overrides — and every
// value a layer sets remembers where it came from, so an error in a run points at the line
// (or the --set) that put the bad value there.
//
// Layering rules:
//  - A variant's keys override the base: a mapping merges key by key, except that a mapping
//    with `kind` or `dist` (an architecture, arrival, key or delay distribution) replaces the
//    base's whole, since its keys depend on the kind; lists (faults) replace.
//  - A sweep key is a dotted path set in every run (`architecture.nodes`, `faults.0.at`);
//    combinations are the cartesian product, the first sweep key varying slowest.
//  - Runs are ordered variant by variant, each at every sweep point in turn.
//  - --set path=value wins over all of them; a --set on a swept path pins it (drops the sweep),
//    and `--set sweep.architecture.nodes=[3,5]` replaces a sweep's values.
import { parse as parseYaml } from 'yaml';
import { WRITTEN_DEFAULTS } from './defaults.js';

export type Raw = Record<string, unknown>;
export type Path = (string | number)[];

/** Where a value in a run came from: a key path in the file, or a --set on the command line. */
export type Origin = { file: Path; note?: string } | { set: string };

export interface SweepAxis {
  key: string;
  values: unknown[];
}

export interface Layered {
  raw: Raw;
  origins: Map<string, Origin>;
}

/** A dotted path that cannot be set (a missing list item, a key under a plain value). */
export class PathError extends Error {}

const keyOf = (path: Path) => JSON.stringify(path);
export const isMapping = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
export const clone = <T>(v: T): T => structuredClone(v);

export function layered(base: Raw): Layered {
  return { raw: clone(base), origins: new Map() };
}

/** Records that `path` (and everything under it) now comes from `origin`. */
function record(target: Layered, path: Path, origin: Origin): void {
  const prefix = keyOf(path).slice(0, -1) + ',';
  for (const key of [...target.origins.keys()]) if (key.startsWith(prefix)) target.origins.delete(key);
  target.origins.set(keyOf(path), origin);
}

/** Merges a variant's keys into the run (see the layering rules above). */
export function mergeVariant(target: Layered, variant: Raw, index: number): void {
  const merge = (into: Raw, from: Raw, path: Path) => {
    for (const [key, value] of Object.entries(from)) {
      const here = [...path, key];
      const inBase = into[key];
      if (isMapping(value) && !('kind' in value) && !('dist' in value) && isMapping(inBase)) merge(inBase, value, here);
      else {
        into[key] = clone(value);
        record(target, here, { file: ['variants', index, ...here] });
      }
    }
  };
  merge(target.raw, Object.fromEntries(Object.entries(variant).filter(([key]) => key !== 'name')), []);
}

/** Sets a value at a dotted path, creating what is missing on the way: a mapping, or the
 * default the file left out (WRITTEN_DEFAULTS), which the value then changes. */
function setPath(raw: Raw, path: Path, value: unknown): void {
  let node: unknown = raw;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const where = path.slice(0, i + 1).join('.');
    if (Array.isArray(node)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= node.length)
        throw new PathError(`there is no item ${String(segment)} in ${path.slice(0, i).join('.')}`);
      if (last) node[index] = value;
      else node = node[index];
    } else if (isMapping(node)) {
      if (last) node[segment] = value;
      else if (!Object.hasOwn(node, segment)) node = node[segment] = clone(WRITTEN_DEFAULTS[where] ?? {});
      else node = node[segment];
    } else throw new PathError(`${where} is under a value that is not a mapping`);
  });
}

export function setLayer(target: Layered, path: Path, value: unknown, origin: Origin): void {
  setPath(target.raw, path, clone(value));
  record(target, path, origin);
}

/** Where the value at `path` came from: the latest layer that set it or an ancestor, else the base file. */
export function originOf(target: Layered, path: Path): Origin {
  for (let n = path.length; n > 0; n--) {
    const origin = target.origins.get(keyOf(path.slice(0, n)));
    if (origin === undefined) continue;
    return 'set' in origin ? origin : { ...origin, file: [...origin.file, ...path.slice(n)] };
  }
  return { file: path };
}

/** Every combination of the sweep axes, the first axis varying slowest. */
export function sweepPoints(axes: SweepAxis[]): number[][] {
  let points: number[][] = [[]];
  for (const axis of axes) points = points.flatMap((point) => axis.values.map((_, i) => [...point, i]));
  return points;
}

// Segments that reach into JavaScript's object machinery rather than into a scenario key.
const RESERVED_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a dotted path cannot name a scenario key, or undefined when it can. */
export function badPath(dotted: string): string | undefined {
  const segments = dotted.split('.');
  if (segments.some((s) => s === '')) return `'${dotted}' is not a dotted path such as architecture.nodes`;
  const reserved = segments.find((s) => RESERVED_SEGMENTS.has(s));
  if (reserved !== undefined) return `'${reserved}' is not a scenario key (no key of a scenario is called that)`;
  return undefined;
}

/** A dotted path as segments; digits index lists (`faults.0.at`). */
export function splitPath(dotted: string): Path {
  const problem = badPath(dotted);
  if (problem !== undefined) throw new PathError(problem);
  return dotted.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A --set value: text is read as a YAML scalar or flow collection ("5" → 5, "[3, 5]" → list). */
export function overrideValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return parseYaml(value) ?? value;
  } catch {
    return value; // not YAML: keep the text, and let the schema say what is wrong with it
  }
}

/** One run's raw scenario with --set overrides applied at their dotted paths. */
export function applyOverrides(raw: Raw, overrides: Record<string, unknown>): Raw {
  const result = clone(raw);
  for (const [path, value] of Object.entries(overrides)) setPath(result, splitPath(path), overrideValue(value));
  return result;
}
