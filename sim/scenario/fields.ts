// Field schemas shared by every part of the scenario schema. Each one carries its own error
// message, phrased as what would be valid ("must be an integer from 1 to 1000 (got 0)"), so a
// message never depends on which of zod's checks happened to fail first.
import * as z from 'zod';
import type { CrashTarget } from './scenario.js';
import { parseDuration, parseRate, showNonFinite, UnitError } from './units.js';

/** A value as a user would recognise it in a message: strings quoted, objects as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' && !Number.isFinite(value)) return showNonFinite(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** An error function that states what is expected, or that the key is missing. */
export function expecting(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `is required: ${what}` : `must be ${what} (got ${show(issue.input)})`;
}

/** An integer in [min, max]; the message states the range, e.g. for nodes "an integer from 1 to 1000". */
export function intIn(min: number, max?: number) {
  const stated = expecting(max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`);
  // beyond 2^53 − 1 a number is not held exactly (9007199254740993 reads as ...992): say so, not "at least 0"
  const unsafe = expecting(
    `an integer from ${min} to ${Math.min(max ?? Infinity, Number.MAX_SAFE_INTEGER)}; larger ones are not held exactly`,
  );
  const error = (issue: { input?: unknown }) =>
    typeof issue.input === 'number' && Number.isFinite(issue.input) && !Number.isSafeInteger(issue.input) && Number.isInteger(issue.input)
      ? unsafe(issue)
      : stated(issue);
  const base = z.int({ error }).min(min, { error });
  return max === undefined ? base : base.max(max, { error });
}

export const positiveNumber = () =>
  z.number({ error: expecting('a number greater than 0') }).positive({ error: expecting('a number greater than 0') });

export const probability = () => {
  const error = expecting('a probability from 0 to 1');
  return z.number({ error }).min(0, { error }).max(1, { error });
};

export const bool = () => z.boolean({ error: expecting('true or false') });

type Sign = 'positive' | 'nonnegative' | 'nonzero';

/** The title each kind of value carries in the JSON Schema: what it is and which values are
 *  valid (tools/docs/format.ts turns it into the unit and valid-values columns of
 *  docs/scenario-format.md). A key's own `.describe()` says what it means. */
export const VALUE_TITLES = {
  duration: { positive: 'duration > 0', nonnegative: 'duration ≥ 0', nonzero: 'duration ≠ 0 (either sign)' },
  rate: 'rate > 0',
  drift: 'drift from 0 to 10%',
  crashTarget: 'a node id, leader, random, shard:K/leader or zone:NAME',
  nodeId: 'a node id (0 is the first node)',
  partitionMember: 'a node id or leader',
  cutSide: 'a node id, leader, others, or a list of them',
} as const;

const DURATION_WHAT: Record<Sign, string> = {
  positive: 'a duration greater than 0, e.g. 150ms',
  nonnegative: 'a duration of 0 or more, e.g. 150ms',
  nonzero: 'a duration other than 0, either sign, e.g. -400ms',
};

/** A duration with a unit ("150ms"; a bare number means ms) → integer microseconds. */
export function duration(sign: Sign = 'positive') {
  const what = DURATION_WHAT[sign];
  const text = z.union([z.string(), z.number()], { error: expecting(what) }).meta({ title: VALUE_TITLES.duration[sign] });
  return text.transform((input, ctx) => {
    try {
      const micros = parseDuration(input);
      if (micros > 0 || (micros === 0 && sign === 'nonnegative') || (micros !== 0 && sign === 'nonzero')) return micros;
      ctx.issues.push({ code: 'custom', input, message: `must be ${what} (got ${show(input)})` });
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.issues.push({ code: 'custom', input, message: error.message });
    }
    return z.NEVER;
  });
}

/** A rate ("5000/s"; a bare number means per second) → events per second, greater than 0. */
export function rate() {
  const what = 'a rate greater than 0, e.g. 5000/s';
  const text = z.union([z.string(), z.number()], { error: expecting(what) }).meta({ title: VALUE_TITLES.rate });
  return text.transform((input, ctx) => {
    try {
      const perSecond = parseRate(input);
      if (perSecond > 0) return perSecond;
      ctx.issues.push({ code: 'custom', input, message: `must be ${what} (got ${show(input)})` });
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.issues.push({ code: 'custom', input, message: error.message });
    }
    return z.NEVER;
  });
}

/** A node id; whether it exists depends on `architecture.nodes`, checked across fields. */
export const nodeId = () => {
  const error = expecting('a node id (0 is the first node)');
  return z.int({ error }).min(0, { error }).meta({ title: VALUE_TITLES.nodeId });
};

/** A partition member: a node id, or `leader` (resolved when the partition starts). */
export const partitionMember = () =>
  z.union([nodeId(), z.literal('leader')], { error: expecting('a node id or leader') }).meta({ title: VALUE_TITLES.partitionMember });

const TARGET_HINT = 'a node id, leader, random, shard:K/leader or zone:NAME';
const SHARD_LEADER = /^shard:(\d+)\/leader$/;
const ZONE = /^zone:([A-Za-z0-9_]+)$/;

/** Whom a crash hits: `3`, `leader`, `random`, `shard:K/leader` or `zone:a` → CrashTarget. */
export function crashTarget() {
  const text = z.union([z.number(), z.string()], { error: expecting(TARGET_HINT) }).meta({ title: VALUE_TITLES.crashTarget });
  return text.transform((input, ctx): CrashTarget => {
    if (typeof input === 'number' && Number.isInteger(input) && input >= 0) return input;
    if (input === 'leader' || input === 'random') return input;
    const shard = typeof input === 'string' ? SHARD_LEADER.exec(input) : null;
    if (shard) return { shardLeader: Number(shard[1]) };
    const zone = typeof input === 'string' ? ZONE.exec(input) : null;
    if (zone) return { zone: zone[1] };
    ctx.issues.push({ code: 'custom', input, message: `must be ${TARGET_HINT} (got ${show(input)})` });
    return z.NEVER;
  });
}

/** Distributions of a duration (network delay, CPU service, fsync): every time parameter takes units. */
export function durationDist() {
  const dist = <N extends string>(name: N, what: string) => z.literal(name).describe(what);
  return z.discriminatedUnion('dist', [
    z.strictObject({
      dist: dist('constant', 'always the same value'),
      value: duration('nonnegative').describe('the value every draw takes'),
    }),
    z.strictObject({
      dist: dist('uniform', 'any value from min to max, equally likely'),
      min: duration('nonnegative').describe('the smallest value'),
      max: duration('nonnegative').describe('the largest value (at least min)'),
    }),
    z.strictObject({ dist: dist('exponential', 'memoryless, as M/M/1 service'), mean: duration().describe('the mean') }),
    z.strictObject({
      dist: dist('normal', 'bell-shaped, negative draws taken as 0'),
      mean: duration('nonnegative').describe('the mean'),
      sd: duration('nonnegative').describe('the standard deviation'),
    }),
    z.strictObject({
      dist: dist('lognormal', 'a long right tail, given as latency is quoted'),
      median: duration().describe('the median (p50)'),
      p99: duration().describe('the 99th percentile (at least the median)'),
    }),
    z.strictObject({
      dist: dist('pareto', 'a heavy tail'),
      scale: duration().describe('the smallest value'),
      shape: positiveNumber().describe('the tail index α: smaller is heavier (the mean is infinite at α ≤ 1)'),
    }),
  ]);
}

/** A clock's drift: "200ppm", "0.02%", or a bare number of ppm → a fraction (200ppm → 0.0002). */
export function drift() {
  const what = 'a drift such as 200ppm or 0.02% (a bare number means ppm), at most 10%';
  const text = z.union([z.string(), z.number()], { error: expecting(what) }).meta({ title: VALUE_TITLES.drift });
  return text.transform((input, ctx) => {
    const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ppm|%)?\s*$/.exec(String(input));
    const fraction = m ? Number(m[1]) / (m[2] === '%' ? 100 : 1e6) : NaN;
    if (Number.isFinite(fraction) && fraction <= 0.1) return fraction;
    ctx.issues.push({ code: 'custom', input, message: `must be ${what} (got ${show(input)})` });
    return z.NEVER;
  });
}

/** One side of a one-way cut: a node id, leader or others, or a list of them → a list. */
export function cutSide() {
  const member = z.union([nodeId(), z.literal('leader'), z.literal('others')], { error: expecting('a node id, leader or others') });
  return z
    .union([member, z.array(member).min(1, { error: 'must name at least one node' })], {
      error: expecting('a node id, leader, others, or a list of them, e.g. [0, 1]'),
    })
    .meta({ title: VALUE_TITLES.cutSide })
    .transform((side) => (Array.isArray(side) ? side : [side]));
}
