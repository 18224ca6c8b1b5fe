// zod issues in a user's words. The error map runs while parsing, when zod still knows the
// schema that failed — which is how an unknown key can be compared with the keys valid at that
// place. problemsOf then flattens the issues into (path, message) pairs for locating.
import type * as z from 'zod';
import { $ZodObject } from 'zod/v4/core';
import { suggest, unknownKeyMessage } from './errors.js';
import { isMapping, type Path } from './expand.js';
import { show } from './fields.js';

export interface Problem {
  /** Keys and list indexes from the top of the file (zod's symbol keys, which no schema here has, as text). */
  path: Path;
  message: string;
  /** An unknown key is often why another key looks missing, so it is reported first. */
  kind: 'unknown-key' | 'missing' | 'invalid';
}

type RawIssue = z.core.$ZodRawIssue;

/** Messages for issues whose schema gave none; undefined keeps zod's own. */
export function errorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(issue.expected)} (got ${show(issue.input)})`;
    case 'invalid_value':
      return oneOf(issue.values.map(String), issue.input);
    case 'unrecognized_keys':
      return unknownKeyMessage(issue.keys[0], validKeys(issue.inst));
    case 'invalid_union':
      if (issue.note === 'No matching discriminator' && typeof issue.discriminator === 'string') {
        const options: unknown[] = Array.isArray(issue.options) ? issue.options : [];
        return oneOf(options.map(String), isMapping(issue.input) ? issue.input[issue.discriminator] : undefined);
      }
      return undefined;
    case 'too_small':
      return `must be at least ${String(issue.minimum)} (got ${show(issue.input)})`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)} (got ${show(issue.input)})`;
    default:
      return undefined;
  }
}

function oneOf(values: string[], input: unknown): string {
  const list = values.join(', ');
  if (input === undefined) return `is required: one of ${list}`;
  const hint = typeof input === 'string' ? suggest(input, values) : undefined;
  return `must be one of ${list} (got ${show(input)})${hint ? ` — did you mean '${hint}'?` : ''}`;
}

function article(type: string): string {
  if (type === 'object') return 'a mapping of keys to values';
  if (type === 'array') return 'a list';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function validKeys(inst: RawIssue['inst']): string[] {
  return inst instanceof $ZodObject ? Object.keys(inst._zod.def.shape) : [];
}

/** Issues as (full path, message) pairs. An unknown key points at the key itself; a failed union
 * of objects (a fault) reports the branch the input was meant for. */
export function problemsOf(issues: readonly z.core.$ZodIssue[], prefix: Path = []): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    if (issue.code === 'unrecognized_keys') return [{ path: [...path, issue.keys[0]], message: issue.message, kind: 'unknown-key' }];
    if (issue.code === 'invalid_union' && reachedABranch(issue.errors)) return problemsOf(likeliestBranch(issue.errors), path);
    return [{ path, message: issue.message, kind: issue.message.startsWith('is required') ? 'missing' : 'invalid' }];
  });
}

// A union of scalars fails on type in every branch: its own message says it best. A union of
// objects gets past the type check, and then the branch's message is the useful one.
function reachedABranch(branches: z.core.$ZodIssue[][]): boolean {
  return branches.some((branch) => branch.some((issue) => issue.path.length > 0 || issue.code !== 'invalid_type'));
}

/** The branch with the fewest unknown keys (the input used its keys), then the fewest issues. */
function likeliestBranch(branches: z.core.$ZodIssue[][]): z.core.$ZodIssue[] {
  const cost = (branch: z.core.$ZodIssue[]) => {
    const unknown = branch.reduce((n, i) => n + (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys.length : 0), 0);
    return unknown * 1000 + branch.length;
  };
  return branches.reduce((best, branch) => (cost(branch) < cost(best) ? branch : best));
}
