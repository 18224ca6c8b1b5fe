// The CLI as a user runs it: the built binary (npm test builds first), real scenario files,
// exit codes and the files on disk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, runLeadsim, scratchDir, writeScenario } from '../test/cli.js';

const tmp = () => scratchDir('cli');
const leadsim = (...args: string[]) => runLeadsim(args);
const leadsimIn = (cwd: string, ...args: string[]) => runLeadsim(args, { cwd });

const small = `name: small-crash
description: A small stateless fleet loses a server.
seed: 5
duration: 4s
warmup: 500ms
architecture: { kind: stateless-lb, nodes: 3, policy: power-of-two, healthCheck: { interval: 200ms, unhealthyAfter: 2 } }
workload: { arrival: { kind: poisson, rate: 2000/s }, timeout: 100ms, retries: { max: 3, backoff: 10ms } }
faults:
  - { at: 2s, crash: 1, recoverAfter: 1s }
`;

const scenarioFile = (text = small) => writeScenario(text, 'cli');

const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('leadsim run', () => {
  it('writes byte-identical reports for the same seed and different ones for another seed', () => {
    const file = scenarioFile();
    const [a, b, c] = [tmp(), tmp(), tmp()];
    expect(leadsim('run', file, '--out', a, '--quiet').code).toBe(0);
    expect(leadsim('run', file, '--out', b, '--quiet').code).toBe(0);
    expect(leadsim('run', file, '--out', c, '--quiet', '--seed', '6').code).toBe(0);
    const [fa, fb, fc] = [filesOf(a), filesOf(b), filesOf(c)];
    expect(Object.keys(fa).sort()).toEqual(
      expect.arrayContaining(['summary.csv', 'timeseries.csv', 'failovers.csv', 'index.html', 'throughput.svg', 'latency.svg']),
    );
    expect(fb).toEqual(fa);
    expect(fc['timeseries.csv']).not.toEqual(fa['timeseries.csv']);
    expect(fc['summary.csv']).not.toEqual(fa['summary.csv']);
  });

  it('prints a summary and where the report is', () => {
    const out = tmp();
    const r = leadsim('run', scenarioFile(), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stateless-lb\s+\d+/);
    expect(r.stdout).toContain(`report: ${out}/index.html`);
  });

  it('prints JSON with --json', () => {
    const r = leadsim('run', scenarioFile(), '--out', tmp(), '--json');
    const parsed = JSON.parse(r.stdout);
    expect(parsed[0].summary[0].kind).toBe('stateless-lb');
    expect(parsed[0].summary[0].failovers).toBe(1);
  });
});

describe('bad input: exit 2, one clear line naming file, line and key, no stack, no report', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed YAML', 'name: x\narchitecture: [kind:\n  - : :\n', /scenario\.yaml:\d+: malformed YAML/],
    [
      'unknown key with a suggestion',
      small.replace('duration: 4s', 'durration: 4s'),
      /scenario\.yaml:4: durration: unknown key 'durration' — did you mean 'duration'\?/,
    ],
    ['a wrong unit', small.replace('duration: 4s', 'duration: 4 parsecs'), /scenario\.yaml:4: duration: .*not a duration/],
    ['zero where a positive is needed', small.replace('rate: 2000/s', 'rate: 0/s'), /scenario\.yaml:7: workload\.arrival\.rate/],
    [
      'nodes out of range',
      small.replace('nodes: 3', 'nodes: 1001'),
      /scenario\.yaml:6: architecture\.nodes: must be an integer from 1 to 1000/,
    ],
    ['a fault naming a missing node', small.replace('crash: 1', 'crash: 9'), /scenario\.yaml:9: faults\.0\.crash: node 9 does not exist/],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => {
      const out = join(tmp(), 'report');
      const r = leadsim('run', scenarioFile(text), '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('validate reports the same errors without running', () => {
    const r = leadsim('validate', scenarioFile(small.replace('nodes: 3', 'nodes: 0')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/architecture\.nodes/);
    expect(leadsim('validate', scenarioFile()).code).toBe(0);
  });

  it('an unknown option is a usage error', () => {
    const r = leadsim('run', '--no-such-flag', scenarioFile());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("leadsim: unknown option '--no-such-flag' (see leadsim --help)\n");
  });
});

describe('leadsim list, schema and --version', () => {
  it('prints the package version', () => {
    const r = leadsim('--version');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect([r.code, r.stdout.trim()]).toEqual([0, version]);
  });
  it('lists every bundled scenario with its description', () => {
    const r = leadsim('list');
    expect(r.code).toBe(0);
    for (const f of readdirSync(join(root, 'scenarios'))) expect(r.stdout).toContain(`scenarios/${f}`);
  });
  it('lists paths that open from any folder: relative under the package, absolute elsewhere', () => {
    const elsewhere = tmp();
    const paths = (cwd: string) =>
      leadsimIn(cwd, 'list')
        .stdout.trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]);
    for (const [cwd, path] of [
      [root, (p: string) => join(root, p)],
      [join(root, 'scenarios'), (p: string) => join(root, 'scenarios', p)],
      [elsewhere, (p: string) => p],
    ] as const) {
      const listed = paths(cwd);
      expect(listed).toHaveLength(readdirSync(join(root, 'scenarios')).length);
      for (const p of listed) expect(existsSync(path(p)), `${p} from ${cwd}`).toBe(true);
      if (cwd === elsewhere) for (const p of listed) expect(p.startsWith(join(root, 'scenarios'))).toBe(true);
    }
  });
  it('prints a JSON Schema that knows the architecture kinds', () => {
    const r = leadsim('schema');
    expect(r.code).toBe(0);
    const schema = JSON.stringify(JSON.parse(r.stdout));
    for (const kind of ['stateless-lb', 'raft-group', 'sharded-raft', 'leaderless-quorum']) expect(schema).toContain(kind);
  });
});
