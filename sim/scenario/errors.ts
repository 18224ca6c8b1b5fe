// Bad scenario input, said the way a user can act on it: which file, which line, which key,
// what is wrong and what would be valid. The CLI prints `message` as is (exit 2, no stack).
import { closest, distance } from 'fastest-levenshtein';

export interface ScenarioErrorInit {
  file: string;
  /** 1-based; absent when the value came from the command line (`--set`). */
  line?: number;
  column?: number;
  /** Dotted path of the offending key, e.g. `architecture.nodes` ('' for the whole file). */
  key: string;
  /** What is wrong, without the location prefix. */
  detail: string;
  /** Where in an expanded file the problem shows, e.g. `variant 'raft-5', sweep architecture.nodes=3`. */
  context?: string;
}

export class ScenarioError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly key: string;
  readonly detail: string;

  constructor(init: ScenarioErrorInit) {
    super(formatScenarioError(init));
    this.name = 'ScenarioError';
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.key = init.key;
    this.detail = init.detail;
  }
}

/** `scenarios/x.yaml:12: architecture.nodes: must be an integer from 1 to 1000 (got 0)`. */
function formatScenarioError(init: ScenarioErrorInit): string {
  const where = init.line === undefined ? init.file : `${init.file}:${init.line}`;
  const key = init.key === '' ? '' : `${init.key}: `;
  const context = init.context ? ` [${init.context}]` : '';
  return `${where}: ${key}${init.detail}${context}`;
}

/** `unknown key 'electionTimout' — did you mean 'electionTimeout'?`, or the valid keys when none is close. */
export function unknownKeyMessage(key: string, validKeys: readonly string[]): string {
  const suggestion = suggest(key, validKeys);
  if (suggestion !== undefined) return `unknown key '${key}' — did you mean '${suggestion}'?`;
  return `unknown key '${key}': valid keys here are ${validKeys.join(', ')}`;
}

/** The closest valid word, if it is close enough to be a typo (a third of the word may differ) or
 * the only one that the word abbreviates ('raft' → 'raft-group'). */
export function suggest(word: string, valid: readonly string[]): string | undefined {
  if (valid.length === 0) return undefined;
  const extending = word.length >= 3 ? valid.filter((v) => v.startsWith(word)) : [];
  if (extending.length === 1) return extending[0];
  const best = closest(word, [...valid]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}
