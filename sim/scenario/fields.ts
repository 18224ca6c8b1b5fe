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

const DURATION_WHAT: Record<Sign, string> = {
  positive: 'a duration greater than 0, e.g. 150ms',
  nonnegative: 'a duration of 0 or more, e.g. 150ms',
  nonzero: 'a duration other than 0, either sign, e.g. -400ms',
};

/** A duration with a unit ("150ms"; a bare number means ms) → integer microseconds. */
export function duration(sign: Sign = 'positive') {
  const what = DURATION_WHAT[sign];
  const text = z
    .union([z.string(), z.number()], { error: expecting(what) })
    .describe('a duration: 250us, 150ms, 1.5s, 1m (a bare number means ms)');
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
  const text = z
    .union([z.string(), z.number()], { error: expecting(what) })
    .describe('a rate: 5000/s or 300/m (a bare number means per second)');
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
  return z.int({ error }).min(0, { error });
};

/** A partition member: a node id, or `leader` (resolved when the partition starts). */
export const partitionMember = () => z.union([nodeId(), z.literal('leader')], { error: expecting('a node id or leader') });

const TARGET_HINT = 'a node id, leader, random, shard:K/leader or zone:NAME';
const SHARD_LEADER = /^shard:(\d+)\/leader$/;
const ZONE = /^zone:([A-Za-z0-9_]+)$/;

/** Whom a crash hits: `3`, `leader`, `random`, `shard:K/leader` or `zone:a` → CrashTarget. */
export function crashTarget() {
  return z.union([z.number(), z.string()], { error: expecting(TARGET_HINT) }).transform((input, ctx): CrashTarget => {
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
  return z.discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('constant'), value: duration('nonnegative') }),
    z.strictObject({ dist: z.literal('uniform'), min: duration('nonnegative'), max: duration('nonnegative') }),
    z.strictObject({ dist: z.literal('exponential'), mean: duration() }),
    z.strictObject({ dist: z.literal('normal'), mean: duration('nonnegative'), sd: duration('nonnegative') }),
    z.strictObject({ dist: z.literal('lognormal'), median: duration(), p99: duration() }),
    z.strictObject({ dist: z.literal('pareto'), scale: duration(), shape: positiveNumber() }),
  ]);
}

/** A clock's drift: "200ppm", "0.02%", or a bare number of ppm → a fraction (200ppm → 0.0002). */
export function drift() {
  const what = 'a drift such as 200ppm or 0.02% (a bare number means ppm), at most 10%';
  return z.union([z.string(), z.number()], { error: expecting(what) }).transform((input, ctx) => {
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
    .transform((side) => (Array.isArray(side) ? side : [side]));
}
