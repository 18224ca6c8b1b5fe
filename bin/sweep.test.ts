// `leadsim sweep --shard K/N` and `leadsim merge` as a user (or a job array) runs them: the
// built binary (npm test builds first), real files; merged shards must be the very files a
// single `leadsim run` writes.
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeJson, encodeJson, inShard, parseShardSpec, shardIndices, ShardError } from '../sim/shard.js';
import { runLeadsim, scratchDir } from '../test/cli.js';

const tmp = () => scratchDir('sweep');
const leadsim = (...args: string[]) => runLeadsim(args);

// 3 sweep points × 2 trials = 6 tasks; 3 shards of 2
const swept = `name: small-sweep
description: A small stateless fleet loses a server, at three fleet sizes.
seed: 5
duration: 2s
warmup: 500ms
trials: 2
architecture: { kind: stateless-lb, nodes: 3, policy: power-of-two, healthCheck: { interval: 200ms, unhealthyAfter: 2 } }
workload: { arrival: { kind: poisson, rate: 2000/s }, timeout: 100ms, retries: { max: 3, backoff: 10ms } }
faults:
  - { at: 1s, crash: 1, recoverAfter: 500ms }
sweep:
  architecture.nodes: [3, 4, 5]
`;

function scenarioFile(text = swept): string {
  const file = join(tmp(), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));

describe('leadsim sweep --shard K/N and leadsim merge', () => {
  let file: string;
  let shards: string;
  let single: string;

  beforeAll(() => {
    file = scenarioFile();
    shards = tmp();
    single = tmp();
    for (const k of [0, 1, 2]) {
      const r = leadsim('sweep', file, '--shard', `${k}/3`, '--out', shards);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(join(shards, `shard-${k}-of-3.json`));
    }
    expect(leadsim('run', file, '--out', single, '--quiet', '--no-replay').code).toBe(0);
  });

  it('writes one shard file per shard, each holding the tasks i with i mod N = K', () => {
    expect(readdirSync(shards).sort()).toEqual(['shard-0-of-3.json', 'shard-1-of-3.json', 'shard-2-of-3.json']);
    for (const k of [0, 1, 2]) {
      const shard = decodeJson(readFileSync(join(shards, `shard-${k}-of-3.json`), 'utf8')) as Record<string, unknown>;
      expect(shard).toMatchObject({ format: 'leadsim-shard/1', scenario: 'small-sweep', shard: k, of: 3, tasks: 6, runs: 3, trials: 2 });
      const entries = shard.entries as { index: number; result: { trial: number; sweepPoint: Record<string, number> } }[];
      expect(entries.map((e) => e.index)).toEqual([k, k + 3]);
      // task i is run ⌊i / trials⌋ (sweep point) and trial i mod trials
      for (const e of entries) {
        expect(e.result.trial).toBe(e.index % 2);
        expect(e.result.sweepPoint['architecture.nodes']).toBe([3, 4, 5][Math.floor(e.index / 2)]);
      }
    }
  });

  it('merges a directory of shards into files byte-identical to a single run', () => {
    const out = tmp();
    const r = leadsim('merge', shards, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`report: ${out}/index.html`);
    const [merged, reference] = [filesOf(out), filesOf(single)];
    expect(Object.keys(merged).sort()).toEqual(Object.keys(reference).sort());
    expect(Object.keys(merged)).toEqual(
      expect.arrayContaining(['summary.csv', 'timeseries.csv', 'failovers.csv', 'index.html', 'scaling.svg']),
    );
    for (const name of Object.keys(reference)) expect(merged[name].equals(reference[name]), name).toBe(true);
  });

  it('merges shard files named in any order the same way', () => {
    const out = tmp();
    const named = [2, 0, 1].map((k) => join(shards, `shard-${k}-of-3.json`));
    expect(leadsim('merge', ...named, '--out', out, '--quiet').code).toBe(0);
    const [merged, reference] = [filesOf(out), filesOf(single)];
    for (const name of Object.keys(reference)) expect(merged[name].equals(reference[name]), name).toBe(true);
  });

  it('a missing shard is exit 2, naming it, and writes nothing', () => {
    const partial = tmp();
    for (const k of [0, 2]) renameSync(join(shards, `shard-${k}-of-3.json`), join(partial, `shard-${k}-of-3.json`));
    try {
      const out = join(tmp(), 'report');
      const r = leadsim('merge', partial, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/missing shard 1 of 3\b.*shard-1-of-3\.json/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    } finally {
      for (const k of [0, 2]) renameSync(join(partial, `shard-${k}-of-3.json`), join(shards, `shard-${k}-of-3.json`));
    }
  });

  it('shards of a different run (another --seed) or another N are refused with exit 2', () => {
    const other = tmp();
    expect(leadsim('sweep', file, '--shard', '1/3', '--seed', '6', '--out', other, '--quiet').code).toBe(0);
    const mixed = leadsim('merge', join(shards, 'shard-0-of-3.json'), join(other, 'shard-1-of-3.json'), join(shards, 'shard-2-of-3.json'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/run differently/);

    const halves = tmp();
    expect(leadsim('sweep', file, '--shard', '0/2', '--out', halves, '--quiet').code).toBe(0);
    const r = leadsim('merge', shards, join(halves, 'shard-0-of-2.json'), '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shard 0 of 2 but .* of 3/);
  });

  it('refuses to write the report over the directory holding the shards', () => {
    const r = leadsim('merge', shards, '--out', shards);
    expect(r.code).toBe(2);
    expect(readdirSync(shards)).toHaveLength(3);
  });
});

describe('bad --shard: exit 2, one clear line, nothing written', () => {
  const cases: [string, RegExp][] = [
    ['3/3', /--shard 3\/3: K must be from 0 to 2/],
    ['-1/3', /--shard -1\/3: expected K\/N/],
    ['0/0', /--shard 0\/0: N must be a whole number of at least 1/],
    ['1', /--shard 1: expected K\/N/],
    ['a/b', /--shard a\/b: expected K\/N/],
  ];
  for (const [spec, message] of cases) {
    it(spec, () => {
      const out = join(tmp(), 'shards');
      const r = leadsim('sweep', scenarioFile(), `--shard=${spec}`, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('--shard is required', () => {
    const r = leadsim('sweep', scenarioFile(), '--out', tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard/);
  });
});

describe('sim/shard.ts', () => {
  it('splits every task into exactly one shard', () => {
    for (const tasks of [0, 1, 6, 7, 100])
      for (const of of [1, 2, 3, 8]) {
        const all = Array.from({ length: of }, (_, shard) => shardIndices(tasks, { shard, of })).flat();
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: tasks }, (_, i) => i));
        for (let shard = 0; shard < of; shard++)
          expect(shardIndices(tasks, { shard, of })).toEqual(Array.from({ length: tasks }, (_, i) => i).filter(inShard({ shard, of })));
      }
  });

  it('parses K/N', () => {
    expect(parseShardSpec('2/5')).toEqual({ shard: 2, of: 5 });
    expect(parseShardSpec('0/1')).toEqual({ shard: 0, of: 1 });
    expect(() => parseShardSpec('5/5')).toThrow(ShardError);
  });

  it('keeps in JSON what JSON loses: NaN, ±Infinity, -0 and undefined', () => {
    const value = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: undefined, f: [1, undefined, null, 'x'], g: { h: 0.1 } };
    const back = decodeJson(encodeJson(value)) as typeof value;
    expect(back).toStrictEqual(value);
    expect(Object.is(back.d, -0)).toBe(true);
    expect('e' in back).toBe(true);
  });
});
