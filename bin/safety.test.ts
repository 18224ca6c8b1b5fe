// What the CLI will and won't touch, and how it says no: the built binary (npm test builds
// first) as a careless user or script would run it. Every refusal is exit 2 with one line and no
// stack trace, happens before anything is simulated, and leaves the user's files as they were.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLeadsim, scratchDir, freshDirs, TINY_SCENARIO } from '../test/cli.js';

const work = scratchDir('safety');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tmp = freshDirs(work);

const leadsim = (args: string[], cwd = work) => runLeadsim(args, { cwd, timeout: 60_000 });

const small = TINY_SCENARIO;

function file(text: string, name = 'scenario.yaml'): string {
  const path = join(tmp(), name);
  writeFileSync(path, text);
  return path;
}

/** Exit 2, one line on stderr that matches, no stack trace, nothing on stdout. */
function expectRefused(r: ReturnType<typeof leadsim>, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('--out: written only if missing, empty or an earlier report', () => {
  it('refuses a folder of the user, a regular file, the working folder and an empty path, touching nothing', () => {
    const scenario = file(small);
    const mine = tmp();
    writeFileSync(join(mine, 'thesis.tex'), 'precious');
    const notes = join(tmp(), 'notes.txt');
    writeFileSync(notes, 'precious');
    expectRefused(leadsim(['run', scenario, '--out', mine]), /--out .*holds 1 file\(s\) that are not a leadsim report/);
    expectRefused(leadsim(['run', scenario, '--out', notes]), /--out .*notes\.txt: is a regular file, not a report folder/);
    const cwd = tmp();
    writeFileSync(join(cwd, 'keep.txt'), 'k');
    expectRefused(leadsim(['run', scenario, '--out', '.'], cwd), /is the folder you are in/);
    expectRefused(leadsim(['run', scenario, '--out', ''], cwd), /--out '': an empty path/);
    expectRefused(leadsim(['merge', cwd, '--out', ''], cwd), /no shard files|--out '': an empty path/);
    expect(snapshot(mine)).toEqual({ 'thesis.tex': 'precious' });
    expect(readFileSync(notes, 'utf8')).toBe('precious');
    expect(snapshot(cwd)).toEqual({ 'keep.txt': 'k' });
  });

  it('refuses a place under a regular file before simulating', () => {
    const notes = join(tmp(), 'notes.txt');
    writeFileSync(notes, '');
    expectRefused(
      leadsim(['run', file(small), '--out', join(notes, 'report')]),
      /cannot write there: .*notes\.txt is a file, not a folder/,
    );
  });

  it('replaces an earlier report, marked as one, and removes what a killed run left there', () => {
    const scenario = file(small);
    const parent = tmp();
    const out = join(parent, 'report');
    expect(leadsim(['run', scenario, '--out', out, '--quiet']).code).toBe(0);
    expect(existsSync(join(out, '.leadsim-report'))).toBe(true);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(parent, `report.tmp-${dead}`));
    writeFileSync(join(parent, `report.tmp-${dead}`, '.leadsim-report'), '');
    writeFileSync(join(parent, `report.tmp-${dead}`, '.leadsim-temporary'), `report.tmp-${dead}`);
    expect(leadsim(['run', scenario, '--out', out, '--quiet', '--seed', '6']).code).toBe(0);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('two scenarios with one name and one --out are refused rather than overwrite each other', () => {
    const out = join(tmp(), 'both');
    expectRefused(leadsim(['run', file(small, 'a.yaml'), file(small, 'b.yaml'), '--out', out]), /are both named 'tiny'/);
    expect(existsSync(out)).toBe(false);
  });

  it('check --update writes only into a baseline folder of leadsim', () => {
    const baseline = tmp();
    mkdirSync(join(baseline, 'tiny'));
    writeFileSync(join(baseline, 'tiny', 'mine.txt'), 'm');
    expectRefused(
      leadsim(['check', file(small), '--baseline', baseline, '--update']),
      /--baseline .*tiny: holds 1 file\(s\) that are not a leadsim report/,
    );
    const fresh = tmp();
    expect(leadsim(['check', file(small), '--baseline', fresh, '--update']).code).toBe(0);
    expect(readdirSync(join(fresh, 'tiny')).sort()).toEqual(['.leadsim-report', 'summary.csv']);
  });
});

describe('shards: validated before merging; names from them stay under reports/', () => {
  it('an edited scenario name or a malformed shard is exit 2, naming the key', () => {
    const shards = tmp();
    expect(leadsim(['sweep', file(small), '--shard', '0/1', '--out', shards, '--quiet']).code).toBe(0);
    const path = join(shards, 'shard-0-of-1.json');
    const text = readFileSync(path, 'utf8');
    const cwd = tmp();
    writeFileSync(path, text.replace('"scenario":"tiny"', '"scenario":"../../escape"'));
    expectRefused(leadsim(['merge', shards], cwd), /scenario: must be a scenario name/);
    writeFileSync(path, text.replace('"summary":{', '"summary":7,"x":{'));
    expectRefused(leadsim(['merge', shards], cwd), /not a whole leadsim shard file: entries\.0\.result\.summary/);
    writeFileSync(path, text.slice(0, text.length / 2));
    expectRefused(leadsim(['merge', shards], cwd), /not a leadsim shard file/);
    writeFileSync(path, '{"format":"leadsim-shard/1"}');
    expectRefused(leadsim(['merge', shards], cwd), /not a whole leadsim shard file: scenario: is missing/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('sweep --out never overwrites a file that is not a shard', () => {
    const shards = tmp();
    writeFileSync(join(shards, 'shard-0-of-1.json'), 'my data');
    expectRefused(leadsim(['sweep', file(small), '--shard', '0/1', '--out', shards]), /a file leadsim did not write/);
    expect(readFileSync(join(shards, 'shard-0-of-1.json'), 'utf8')).toBe('my data');
  });
});

describe('options name themselves', () => {
  it.each([
    [['--seed', '99999999999999999999'], /^leadsim: --seed 99999999999999999999: expected a whole number from 0 to 9007199254740991$/m],
    [['--trials', '1000000'], /^leadsim: --trials 1000000: expected a whole number from 1 to 100000$/m],
    [['--set', '__proto__.x=1'], /--set __proto__\.x=1: '__proto__' is not a scenario key/],
    [
      ['--set', 'architecture.constructor.prototype=1'],
      /--set architecture\.constructor\.prototype=1: 'constructor' is not a scenario key/,
    ],
    [['--set', 'sweep.__proto__.x=[1]'], /'__proto__' is not a scenario key/],
    ...['-1', 'abc', '1e400'].map((value): [string[], RegExp] => [
      ['--max-events', value],
      new RegExp(
        `^leadsim: --max-events ${value}: expected a number of engine events from 1 to 9e15, e\\.g\\. 2e9 \\(the default is 5e8 per run\\)$`,
        'm',
      ),
    ]),
    [
      ['--max-events', '100'],
      /^leadsim: .*scenario\.yaml:\d+: duration: makes ~.* engine events per run .*the budget is 100 per run: raise it with --max-events /m,
    ],
  ])('%j', (options, message) => {
    expectRefused(leadsim(['run', file(small), '--out', join(tmp(), 'o'), ...(options as string[])]), message);
  });
});

describe('input files: regular, bounded, UTF-8, well-formed', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      'a JSON syntax error is called JSON',
      () => file('{"architecture": {"kind": "raft-group", "nodes": 3}', 'x.json'),
      /x\.json:\d*:? ?malformed JSON/,
    ],
    ['a JSON trailing comma', () => file('{"architecture": {"kind": "raft-group", "nodes": 3},}', 'x.json'), /malformed JSON/],
    [
      'a duplicate key in JSON, named',
      () => file('{"seed": 1, "seed": 2, "architecture": {"kind": "raft-group", "nodes": 3}}', 'x.json'),
      /seed: duplicate key 'seed'/,
    ],
    ['.nan', () => file(small.replace('rate: 200/s', 'rate: .nan')), /workload\.arrival\.rate: .*\.nan \(not a number\)/],
    ['.inf', () => file(small.replace('nodes: 2', 'nodes: .inf')), /architecture\.nodes: .*\.inf \(infinite/],
    [
      '1e309',
      () => file(small.replace('duration: 1s', 'duration: 1e309')),
      /duration: .*\.inf \(infinite; a number beyond about 1\.8e308, such as 1e309/,
    ],
    [
      'invalid UTF-8',
      () => {
        const path = join(tmp(), 'latin1.yaml');
        writeFileSync(path, Buffer.concat([Buffer.from('name: tiny\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
        return path;
      },
      /latin1\.yaml: line 2: not valid UTF-8 text/,
    ],
    ['too deep a nesting', () => file(`architecture: ${'['.repeat(5000)}${']'.repeat(5000)}\n`), /nested more than 32 levels deep/],
    [
      'too deep a block nesting',
      () => file(['architecture:', ...Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`)].join('\n')),
      /nested more than 32 levels deep/,
    ],
    ['a folder', () => tmp(), /is a folder, not a scenario file/],
    ['a device that never ends', () => '/dev/zero', /\/dev\/zero: is not a regular file/],
    [
      'a file over the size cap',
      () => {
        const path = file(small);
        truncateSync(path, 150 * 1024 * 1024); // sparse: no disk used
        return path;
      },
      /is 150 MiB; a scenario file may be at most 4 MiB/,
    ],
    [
      'a file one byte over the cap says so (not "4.0 MB; at most 4.0 MB")',
      () => {
        const path = file(small);
        truncateSync(path, 4 * 1024 * 1024 + 1);
        return path;
      },
      /is 4\.0 MiB \(4,194,305 bytes\); a scenario file may be at most 4 MiB$/m,
    ],
    [
      'UTF-16LE without a byte-order mark is not UTF-8 text (not "not a single value")',
      () => {
        const path = join(tmp(), 'utf16.yaml');
        writeFileSync(path, Buffer.from(small, 'utf16le'));
        return path;
      },
      /utf16\.yaml: line 1: holds NUL bytes, so it is not UTF-8 text \(UTF-16\? save the scenario file as UTF-8\)/,
    ],
    // /proc files claim a size of 0 bytes: read to the end, they are YAML of unknown keys, not "empty"
    ['a file that claims 0 bytes and holds more (/proc)', () => '/proc/self/status', /\/proc\/self\/status:1: Name: unknown key 'Name'/],
    [
      'seed 2^53 + 1 is beyond what is held exactly (not "at least 0")',
      () => file(small.replace('seed: 5', 'seed: 9007199254740993')),
      /seed: must be an integer from 0 to 9007199254740991; larger ones are not held exactly/,
    ],
    [
      'partition [[0, 0]]',
      () => file(small.replace('stateless-lb', 'raft-group') + 'faults: [{ at: 500ms, partition: [[0, 0]] }]\n'),
      /node 0 is listed twice in group 0/,
    ],
    ['a sweep key through __proto__', () => file(small + "sweep: { '__proto__.polluted': [1] }\n"), /'__proto__' is not a scenario key/],
  ];
  for (const [what, make, message] of cases) it(what, () => expectRefused(leadsim(['validate', make()]), message));

  it('a FIFO is refused at once instead of blocking forever', () => {
    const fifo = join(tmp(), 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expectRefused(leadsim(['validate', fifo]), /pipe\.yaml: is not a regular file \(a device, FIFO or socket\)/);
  });
});
