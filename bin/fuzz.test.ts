// Fuzzing the input path: mutations of the bundled scenarios (types swapped, numbers pushed to
// extremes, keys deleted or duplicated, bytes corrupted) must load or be refused as bad input —
// never throw anything the CLI would print as a bug. Most mutants go through the loader in this
// process (what `leadsim validate` does, classified by the CLI's own isUserError); a few that
// load are run by the built binary, which must exit 0, 1 or 2 without a stack trace.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScenarioFile } from '../sim/scenario/load-file.js';
import { isUserError } from './cli-errors.js';
import { repoRoot as root, runLeadsim } from '../test/cli.js';

const work = mkdtempSync(join(tmpdir(), 'leadsim-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bundled = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(root, 'scenarios', f), 'utf8'));

type Path = (string | number)[];

/** Every path to a value in a parsed scenario, leaves and containers alike. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function setAt(target: unknown, path: Path, value: unknown, remove = false): void {
  if (path.length === 0) return;
  let node = target as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && Array.isArray(node)) node.splice(last as number, 1);
  else if (remove) delete node[last];
  else node[last] = value;
}

// values a careless edit or a hostile file puts where something else belongs
const EXTREMES: unknown[] = [
  0,
  -1,
  0.5,
  Infinity,
  -Infinity,
  NaN,
  2 ** 53,
  1e-9,
  1e15,
  '',
  'x',
  '1e309ms',
  '0s',
  '-5s',
  true,
  null,
  [],
  {},
  [[0, 0]],
  { kind: 'raft-group' },
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.constantFrom(...EXTREMES) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('corrupt-bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
);

/** The scenario text after the mutations, as bytes. */
function parsedOrUndefined(text: string): unknown {
  try {
    const doc = parse(text) as unknown;
    return doc !== null && typeof doc === 'object' ? doc : undefined;
  } catch {
    return undefined;
  }
}

type Mutation = { kind: string; at: number; value?: unknown; bytes?: Uint8Array };

function mutate(text: string, mutations: Mutation[]): Buffer {
  let current = text;
  let bytes: Buffer | undefined;
  for (const m of mutations) {
    if (m.kind === 'replace' || m.kind === 'delete') {
      const doc = parsedOrUndefined(current);
      if (doc === undefined) continue; // already broken by an earlier mutation: nothing to walk
      const paths = pathsOf(doc).filter((p) => p.length > 0);
      setAt(doc, paths[m.at % paths.length], m.value, m.kind === 'delete');
      current = stringify(doc);
    } else if (m.kind === 'duplicate-line') {
      const lines = current.split('\n');
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i]);
      current = lines.join('\n');
    } else {
      bytes = Buffer.from(current);
      Buffer.from(m.bytes as Uint8Array).copy(bytes, m.at % Math.max(1, bytes.length - 4));
    }
  }
  return bytes ?? Buffer.from(current);
}

let written = 0;
function scenarioFile(content: Buffer): string {
  const path = join(work, `mutant-${written++}.yaml`);
  writeFileSync(path, content);
  return path;
}

/** What `leadsim validate` would do: 'ok', 'bad input' — or the error the CLI would print as a bug. */
function validateOutcome(path: string): 'ok' | 'bad input' {
  try {
    loadScenarioFile(path, {});
    return 'ok';
  } catch (error) {
    if (isUserError(error)) return 'bad input';
    throw error;
  }
}

describe('fuzzed scenarios: loaded or refused as bad input, never a crash', () => {
  it('mutants of every bundled scenario, validated', () => {
    fc.assert(
      fc.property(fc.nat(bundled.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const outcome = validateOutcome(scenarioFile(mutate(bundled[which], mutations)));
        expect(['ok', 'bad input']).toContain(outcome);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('mutants that load also run: exit 0, 1 or 2, never a stack trace', () => {
    const runnable: string[] = [];
    fc.assert(
      fc.property(fc.nat(bundled.length - 1), fc.array(mutation, { minLength: 1, maxLength: 2 }), (which, mutations) => {
        const path = scenarioFile(mutate(bundled[which], mutations));
        if (runnable.length < 4 && validateOutcome(path) === 'ok' && !bundled[which].includes('\nsweep:')) runnable.push(path);
      }),
      { numRuns: 200, seed: 11 },
    );
    expect(runnable.length).toBeGreaterThan(0);
    for (const path of runnable) {
      // short runs: the point is the path through the engine and the report writers, not the numbers
      const args = ['run', path, '--out', `${path}.report`, '--quiet', '--trials', '1', '--set', 'duration=600ms', '--set', 'warmup=100ms'];
      const r = runLeadsim(args, { timeout: 120_000 });
      expect([0, 1, 2], `${path}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
